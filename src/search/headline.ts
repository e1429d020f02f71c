/**
 * Headline words: the stems of each article's headline (its title) and lede (its first paragraph,
 * when it has more than one). A news story repeats its headline's words in the lede and all
 * through, so a question that names the story ("the new bridge") matches the lede best whatever it
 * asks; the features that look for the answer (features.ts: `fresh`, `typeNear`) count only the
 * question's other words. Worked out per corpus from its articles and vocabulary, so an updated
 * corpus has exactly the stems a fresh build of its articles has.
 */
import { STOP_WORDS } from '../text/stop-words.ts';
import { normalise, rawWords } from '../text/words.ts';
import type { Article } from '../types.ts';
import type { Vocabulary } from './vocabulary.ts';

interface HeadlineSource {
  articles: readonly Article[];
  vocab: Vocabulary;
  articleStart: Int32Array;
  tokStart: Int32Array;
  stems: Int32Array;
}

/** Article a's headline and lede stems: headStems[headStart[a] .. headStart[a+1]), ascending, distinct. */
export function headlineStems(c: HeadlineSource): { headStart: Int32Array; headStems: Int32Array } {
  const headStart = new Int32Array(c.articles.length + 1);
  const out: number[] = [];
  const one: number[] = [];
  for (let a = 0; a < c.articles.length; a++) {
    headStart[a] = out.length;
    one.length = 0;
    for (const raw of rawWords(c.articles[a].title)) {
      const word = normalise(raw);
      if (STOP_WORDS.has(word)) continue;
      const stem = c.vocab.lookup(word)?.stem ?? c.vocab.stems.get(c.vocab.stemOf(word)) ?? -1;
      if (stem >= 0) one.push(stem);
    }
    const p = c.articleStart[a];
    if (c.articleStart[a + 1] - p > 1) for (let i = c.tokStart[p]; i < c.tokStart[p + 1]; i++) one.push(c.stems[i]);
    one.sort((x, y) => x - y);
    for (let i = 0; i < one.length; i++) if (i === 0 || one[i] !== one[i - 1]) out.push(one[i]);
  }
  headStart[c.articles.length] = out.length;
  return { headStart, headStems: Int32Array.from(out) };
}

/**
 * Marks in `out` (one entry per query term, cleared first) the terms whose stem is a headline or
 * lede stem of article a; `termOf` gives a stem's query term (-1 or undefined for others).
 */
export function markHeadlineTerms(c: { headStart: Int32Array; headStems: Int32Array }, a: number, termOf: (stem: number) => number | undefined, out: Uint8Array): Uint8Array {
  out.fill(0);
  for (let i = c.headStart[a], end = c.headStart[a + 1]; i < end; i++) {
    const q = termOf(c.headStems[i]);
    if (q !== undefined && q >= 0) out[q] = 1;
  }
  return out;
}
