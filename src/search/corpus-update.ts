/**
 * A corpus brought up to a new list of articles by splicing, not rebuilding: only the articles
 * added are tokenised (and those removed, to take their words back out of the counts); the
 * tokens and postings of the articles kept are copied over in slices, renumbered where they
 * move. The result holds exactly what a build of the new list holds (the same paragraph numbers,
 * postings, lengths and counts), so it answers exactly as a fresh build would; only the lexicon's
 * ids differ, and they are only names.
 */
import type { Article } from '../types.ts';
import { ArrayPool, type ArrayType } from './array-pool.ts';
import { Corpus, RawTokenTable, type TokenRun, type Tokens, joinTokens, paragraphRuns, spliceTokens, tokenise } from './corpus.ts';
import { type DocRun, InvertedIndex } from './inverted-index.ts';
import { SliceClock } from './slice-clock.ts';
import { Vocabulary } from './vocabulary.ts';

/** An update that adds and removes more than this share of the paragraphs is a full build instead. */
const MAX_CHANGED_SHARE = 0.25;
/** …as is one that would leave more than this share of the lexicon's words unused. */
const MAX_UNUSED_SHARE = 0.5;
/** …and one that cuts the new list into more runs of kept and added articles than this. */
const MAX_RUNS = 128;
/** Text the articles added or removed are read in between two looks at the clock (well under a millisecond of work; an article of 30,000 characters read in one piece was a block of 5-10 ms). */
const PIECE_CHARS = 8_000;

export interface CorpusUpdate {
  corpus: Corpus;
  /** Ids of the words whose counts changed. */
  changedWords: number[];
}

/** Consecutive articles of the new list: kept ones (previous.articles[from, to)) or added ones (added[from, to)). */
interface ArticleRun {
  kept: boolean;
  from: number;
  to: number;
}

interface Plan {
  runs: ArticleRun[];
  added: Article[];
  /** Positions in previous.articles of the articles not in the new list. */
  removed: number[];
}

/**
 * The steps of updating `previous` to `next` (yielding where the caller may pause), or null when
 * a full build is the better way: the articles kept changed order, too much changed, or the
 * lexicon holds too many words no longer used. Articles are matched by identity: an article
 * object of `previous` found in `next` is kept as it is. The large arrays of the new corpus are
 * taken from `pool`.
 */
export function* updateSteps(previous: Corpus, next: readonly Article[], pool: ArrayPool): Generator<void, CorpusUpdate | null> {
  const plan = planUpdate(previous.articles, next);
  if (!plan || plan.runs.length > MAX_RUNS) return null;
  if (plan.added.length === 0 && plan.removed.length === 0) return { corpus: previous, changedWords: [] };
  let changed = 0;
  for (const a of plan.added) changed += a.paragraphs.length;
  for (const a of plan.removed) changed += previous.articleStart[a + 1] - previous.articleStart[a];
  if (changed > MAX_CHANGED_SHARE * Math.max(previous.paragraphCount, 1)) return null;

  // The new articles' tokens (new words join the shared lexicon, unseen by `previous`).
  const clock = new SliceClock();
  const lexicon = previous.vocab.lexicon;
  const addedRaw = new RawTokenTable(lexicon);
  const slices: Tokens[] = [];
  for (const run of paragraphRuns(plan.added, PIECE_CHARS)) {
    slices.push(tokenise(run, addedRaw));
    yield* clock.pause();
  }
  const addedTokens = yield* joinTokens(slices, ArrayPool.exact(), clock);
  // The removed articles' words, to take out of the counts.
  const removedRaw = new RawTokenTable(lexicon);
  for (const run of paragraphRuns(
    plan.removed.map((a) => previous.articles[a]),
    PIECE_CHARS,
  )) {
    tokenise(run, removedRaw);
    yield* clock.pause();
  }

  const update = countWords(previous.vocab, addedRaw, removedRaw, pool);
  if (!update) return null;
  const { vocab, changedWords } = update;

  // Where each run's paragraphs come from and land.
  const addedStart = new Int32Array(plan.added.length + 1);
  for (let a = 0; a < plan.added.length; a++) addedStart[a + 1] = addedStart[a] + plan.added[a].paragraphs.length;
  const tokenRuns: TokenRun[] = [];
  for (const run of plan.runs) {
    const starts = run.kept ? previous.articleStart : addedStart;
    tokenRuns.push({ source: run.kept ? previous : addedTokens, from: starts[run.from], to: starts[run.to] });
  }
  const tokens = yield* spliceTokens(tokenRuns, pool, clock);

  const stemCount = lexicon.stemList.length;
  const addedStems = InvertedIndex.build(addedTokens.stems, addedTokens.tokStart, stemCount);
  // (each build allocates arrays over all the terms: a collection's marking step may come with each)
  yield* clock.pause();
  const addedPrefixes = InvertedIndex.build(addedTokens.prefixes, addedTokens.tokStart, lexicon.prefixList.length);
  const docRuns = (kept: InvertedIndex, added: InvertedIndex): DocRun[] => {
    let at = 0;
    return tokenRuns.map(({ source, from, to }) => {
      const run = { source: source === previous ? kept : added, from, to, at };
      at += to - from;
      return run;
    });
  };
  yield* clock.pause();
  const stemIndex = yield* InvertedIndex.splice(docRuns(previous.stemIndex, addedStems), stemCount, pool, 'stems', clock);
  const prefixIndex = yield* InvertedIndex.splice(docRuns(previous.prefixIndex, addedPrefixes), lexicon.prefixList.length, pool, 'prefixes', clock);
  yield* clock.pause();

  // Article-level statistics: how many articles hold each stem, and each article's length.
  const articleDf = carriedOver(pool, 'articleDf', Int32Array, previous.articleDf, stemCount);
  const count = (stems: Int32Array, from: number, to: number, delta: number) => {
    const seen = new Set<number>();
    for (let i = from; i < to; i++) seen.add(stems[i]);
    for (const t of seen) articleDf[t] += delta;
  };
  for (const a of plan.removed) {
    const tokenRange = previous.tokStart;
    count(previous.stems, tokenRange[previous.articleStart[a]], tokenRange[previous.articleStart[a + 1]], -1);
  }
  for (let a = 0; a < plan.added.length; a++) {
    count(addedTokens.stems, addedTokens.tokStart[addedStart[a]], addedTokens.tokStart[addedStart[a + 1]], 1);
  }
  const articleLen = new Float64Array(next.length);
  let at = 0;
  for (const run of plan.runs) {
    if (run.kept) {
      articleLen.set(previous.articleLen.subarray(run.from, run.to), at);
      at += run.to - run.from;
    } else {
      for (let a = run.from; a < run.to; a++) {
        articleLen[at++] = addedTokens.tokStart[addedStart[a + 1]] - addedTokens.tokStart[addedStart[a]];
      }
    }
  }
  yield; // the corpus's own tables (paragraph → article…) in a slice of their own
  const corpus = Corpus.of(next, { vocab, tokens, stemIndex, prefixIndex, articleDf, articleLen, pool });
  return { corpus, changedWords };
}

/**
 * Which articles of `next` are kept from `previous` (in the same order) and which are added; null
 * when the kept ones changed order (or `previous` holds an article object twice).
 */
function planUpdate(previous: readonly Article[], next: readonly Article[]): Plan | null {
  const position = new Map<Article, number>();
  previous.forEach((a, i) => position.set(a, i));
  if (position.size !== previous.length) return null;
  const runs: ArticleRun[] = [];
  const added: Article[] = [];
  const kept = new Uint8Array(previous.length);
  let last = -1;
  for (const article of next) {
    const i = position.get(article);
    const run = runs[runs.length - 1];
    if (i === undefined) {
      if (run && !run.kept) run.to++;
      else runs.push({ kept: false, from: added.length, to: added.length + 1 });
      added.push(article);
    } else {
      if (i <= last) return null;
      last = i;
      kept[i] = 1;
      if (run && run.kept && run.to === i) run.to++;
      else runs.push({ kept: true, from: i, to: i + 1 });
    }
  }
  const removed: number[] = [];
  for (let i = 0; i < previous.length; i++) if (!kept[i]) removed.push(i);
  return { runs, added, removed };
}

/**
 * The vocabulary after adding the words counted in `added` and taking out those in `removed`,
 * with the ids of the words whose counts changed; null when most of the lexicon would be unused (a
 * full build then starts a fresh one).
 */
function countWords(previous: Vocabulary, added: RawTokenTable, removed: RawTokenTable, pool: ArrayPool): { vocab: Vocabulary; changedWords: number[] } | null {
  const lexicon = previous.lexicon;
  const W = lexicon.wordList.length;
  // the counts' changes in a map, not in arrays over the whole lexicon: an update reads a few articles
  const delta = new Map<number, number>();
  added.addCountsTo(delta, 1);
  removed.addCountsTo(delta, -1);
  const changedWords: number[] = [];
  // (a word of a changed article that the new version holds as often as the old one did not change)
  for (const [w, d] of delta) if (d !== 0) changedWords.push(w);
  changedWords.sort((a, b) => a - b);
  const wordFreq = carriedOver(pool, 'wordFreq', Float64Array, previous.wordFreq, W);
  const stemFreq = carriedOver(pool, 'stemFreq', Float64Array, previous.stemFreq, lexicon.stemList.length);
  const prefixFreq = carriedOver(pool, 'prefixFreq', Float64Array, previous.prefixFreq, lexicon.prefixList.length);
  for (const w of changedWords) {
    const d = delta.get(w)!;
    wordFreq[w] += d;
    const stem = lexicon.wordStem[w];
    if (stem >= 0) {
      stemFreq[stem] += d;
      prefixFreq[lexicon.wordPrefix[w]] += d;
    }
  }
  let unused = 0;
  for (let w = 0; w < W; w++) if (wordFreq[w] === 0) unused++;
  if (unused > MAX_UNUSED_SHARE * W) return null;
  return { vocab: new Vocabulary(lexicon, wordFreq, stemFreq, prefixFreq), changedWords };
}

/**
 * `previous`'s values in an array of `length` (at least its own: the lexicon only grows) taken
 * from `pool` under `name`, zeros after them. New arrays of this size, a few megabytes at
 * 100,000 paragraphs, cost a live update a block of page faults (about 15 ms).
 */
function carriedOver<T extends Float64Array | Int32Array>(pool: ArrayPool, name: string, type: ArrayType<T>, previous: T, length: number): T {
  const out = pool.take(name, type, length);
  out.set(previous);
  out.fill(0, previous.length);
  return out;
}
