/**
 * Words of a text: what a word is (a run of letters and digits), the tokeniser built on it, and
 * normalisation (lowercase, curly quotes folded, diacritics stripped). Pure functions, no I/O;
 * shared by the answer engine (src/search) and the summarizer (src/summary).
 */

/** Lowercase, fold curly quotes and dashes, strip diacritics ("Café" → "cafe"). */
export function normalise(text: string): string {
  let s = text.toLowerCase();
  // Fast path: plain ASCII needs nothing more.
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  s = s.replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return s.replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o').replace(/đ/g, 'd').replace(/ł/g, 'l');
}

/** Per UTF-16 code unit: 0 = not known yet, 1 = letter or digit, 2 = neither. */
const WORD_CHAR = new Uint8Array(65536);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Is this UTF-16 code unit part of a word (a letter or digit in the Basic Multilingual Plane)? */
export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let k = WORD_CHAR[c];
  if (k === 0) {
    k = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CHAR[c] = k;
  }
  return k === 1;
}

/**
 * Raw word tokens of a text, as written: maximal runs of letters and digits (apostrophes split:
 * "Pakistan's" → Pakistan, s). The index's own tokeniser (src/search/corpus.ts) cuts words the
 * same way, working out each word's hash in the same pass.
 */
export function rawWords(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isWordChar(text.charCodeAt(j))) j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

/** Normalised word tokens of a text (each raw token normalised on its own). */
export function words(text: string): string[] {
  return rawWords(text)
    .map(normalise)
    .filter((w) => w.length > 0);
}

/** Only a–z (and apostrophes when `apostrophe`)? */
export function isLowerAscii(word: string, apostrophe = false): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c < 97 || c > 122) && !(apostrophe && c === 39)) return false;
  }
  return word.length > 0;
}
