/** "1 article", "2 articles", "1 paragraph": a count with its noun agreeing. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
