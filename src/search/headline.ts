/**
 * Headline words: the stems of each article's headline (its title) and lede (its first paragraph,
 * when it has more than one). A news story repeats its headline's words in the lede and all
 * through, so a question that names the story ("the new bridge") matches the lede best whatever it
 * asks; the features that look for the answer (features.ts: `fresh`, `typeNear`) count only the
 * question's other words. Worked out per corpus from its articles and vocabulary, so an updated
 * corpus has exactly the stems a fresh build of its articles has, and only for the articles a
 * question reaches (Corpus.headlineOf), so neither a build nor an update pays for them.
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

/** Article a's headline and lede stems, ascending and distinct. */
export function headlineStems(c: HeadlineSource, a: number): Int32Array {
  const one: number[] = [];
  for (const raw of rawWords(c.articles[a].title)) {
    const word = normalise(raw);
    if (STOP_WORDS.has(word)) continue;
    const stem = c.vocab.lookup(word)?.stem ?? c.vocab.stems.get(c.vocab.stemOf(word)) ?? -1;
    if (stem >= 0) one.push(stem);
  }
  const p = c.articleStart[a];
  if (c.articleStart[a + 1] - p > 1) for (let i = c.tokStart[p]; i < c.tokStart[p + 1]; i++) one.push(c.stems[i]);
  one.sort((x, y) => x - y);
  return Int32Array.from(one.filter((stem, i) => i === 0 || stem !== one[i - 1]));
}

/**
 * Marks in `out` (one entry per query term, cleared first) the terms whose stem is a headline or
 * lede stem of article a; `termOf` gives a stem's query term (-1 or undefined for others).
 */
export function markHeadlineTerms(c: { headlineOf(a: number): Int32Array }, a: number, termOf: (stem: number) => number | undefined, out: Uint8Array): Uint8Array {
  out.fill(0);
  for (const stem of c.headlineOf(a)) {
    const q = termOf(stem);
    if (q !== undefined && q >= 0) out[q] = 1;
  }
  return out;
}
