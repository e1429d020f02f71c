/**
 * Seeded typos for the retrieval benches: one random edit (insert, delete, substitute, transpose)
 * in about a third of a question's words of five letters or more.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One random edit (insert, delete, substitute, transpose) that changes the word. */
export function typo(word: string, rand: () => number): string {
  for (;;) {
    const kind = Math.floor(rand() * 4);
    const i = Math.floor(rand() * word.length);
    const letter = LETTERS[Math.floor(rand() * 26)];
    let out = word;
    if (kind === 0) out = word.slice(0, i) + letter + word.slice(i);
    else if (kind === 1) out = word.slice(0, i) + word.slice(i + 1);
    else if (kind === 2) out = word.slice(0, i) + letter + word.slice(i + 1);
    else if (i + 1 < word.length) out = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (out !== word) return out;
  }
}

/** About a third of the words of five letters or more get one random edit. */
export function typoQuestion(q: string, rand: () => number): string {
  return q.replace(/\p{L}+/gu, (w) => (w.length >= 5 && rand() < 1 / 3 ? typo(w, rand) : w));
}
