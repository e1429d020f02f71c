/**
 * FNV-1a (32 bits) over UTF-16 code units: the hash the tokeniser, the shown sentence's word
 * table, the spell dictionary and the English model file their words by (the first two must agree).
 */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** One step of FNV-1a: hash `h` (from FNV_OFFSET) after the next character code `c`. */
export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}
