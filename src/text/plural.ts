/** A count with its noun in the right number: `plural(1, 'article')` → "1 article", `plural(3, 'article')` → "3 articles". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
