/**
 * Splits text into sentences. First version: end punctuation followed by space and a capital
 * or an opening quote. (To be refined: abbreviations, quotes, captions.)
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const re = /[^.!?]+(?:[.!?]+["'”’)\]]*|$)/g;
  let buf = '';
  for (const m of text.matchAll(re)) {
    buf += m[0];
    const rest = text.slice((m.index ?? 0) + m[0].length);
    if (rest === '' || /^\s+["“‘'(\[]?[A-Z0-9]/.test(rest)) {
      const s = buf.trim();
      if (s) out.push(s);
      buf = '';
    }
  }
  const tail = buf.trim();
  if (tail) out.push(tail);
  return out;
}
