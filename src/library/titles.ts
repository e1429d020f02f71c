import Fuse from 'fuse.js';
import { finish } from '../search/slice-clock.ts';
import type { Article } from '../types.ts';

/** A word of a title or query: letters, marks, digits (fuse.js's own token pattern). */
const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
/** Below this many literal matches, `find` also looks for fuzzy ones. */
const FUZZY_BELOW = 5;
/** fuse.js scores a word from 0 (exact) to 1; beyond this it is not a match. */
const WORD_THRESHOLD = 0.4;

/** A title that matched a query fuzzily: 0 = every word exactly, up to 1. */
export interface TitleMatch {
  article: Article;
  score: number;
}

/**
 * Finds articles by their titles (and ids) as a person types them: every typed word must occur in
 * the title, literally first, else fuzzily (a typo per few letters).
 *
 * The fuzzy pass runs fuse.js over the distinct words of all titles, not over the titles: a typed
 * word is compared with each title word once, however many titles share it, and the articles are
 * then found through a word → articles map. Scoring a title as fuse.js's token search does (an
 * IDF-weighted mean of its words' scores, every word required) keeps the same answers at a
 * fraction of the cost, which matters because autocomplete runs on every keystroke on the
 * bot's one event loop.
 */
export class TitleIndex {
  /** Lower-cased "title id" per article, for the literal pass. */
  private readonly haystacks: readonly string[];
  private readonly words: Fuse<string>;
  /** For each distinct title word, the positions (in `articles`) of the titles that contain it. */
  private readonly holders: Holders;

  /**
   * `articles` in the order results are preferred in (ties go to the earlier one). A library is
   * made for every live update, so what each title gives is kept per article (and fuse.js's word
   * index while the set of title words stays the same): an update costs a pass over the titles,
   * which `inSlices` makes with pauses.
   */
  constructor(
    private readonly articles: readonly Article[],
    parts: TitleParts = finish(titleSteps(articles)),
  ) {
    this.haystacks = parts.haystacks;
    this.holders = parts.holders;
    this.words = parts.words;
  }

  /**
   * The same index as the constructor's, made with `pause()` awaited between slices of the titles;
   * `previous`'s parts when its articles had the same titles and ids in the same order (a live
   * update that changed no title: only the article objects are new).
   */
  static async inSlices(articles: readonly Article[], pause: () => Promise<void>, previous?: TitleIndex): Promise<TitleIndex> {
    if (previous && sameTitles(previous.articles, articles)) return new TitleIndex(articles, { haystacks: previous.haystacks, holders: previous.holders, words: previous.words });
    const steps = titleSteps(articles);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return new TitleIndex(articles, step.value);
      await pause();
    }
  }

  /**
   * Up to `limit` articles for a typed query: those whose title or id contains every typed word
   * literally (in the index's order), then, when those are fewer than 5, fuzzy title matches best
   * first. An empty query gives the first articles.
   */
  find(query: string, limit: number): Article[] {
    const q = query.trim().toLowerCase();
    if (!q) return this.articles.slice(0, limit);
    const found = this.literal(q, limit);
    if (found.length < Math.min(limit, FUZZY_BELOW)) {
      const literal = new Set(found);
      for (const { article } of this.fuzzy(q)) {
        if (found.length >= limit) break;
        if (!literal.has(article)) found.push(article);
      }
    }
    return found;
  }

  /** Articles whose lower-cased title or id contains every word of `q`, at most `limit`. */
  literal(q: string, limit: number): Article[] {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const found: Article[] = [];
    for (let i = 0; i < this.articles.length && found.length < limit; i++) {
      if (words.every((w) => this.haystacks[i].includes(w))) found.push(this.articles[i]);
    }
    return found;
  }

  /** Titles in which every word of the query matches a word fuzzily, best first. */
  fuzzy(query: string): TitleMatch[] {
    const terms = [...new Set(titleWords(query))];
    if (terms.length === 0) return [];
    const n = this.articles.length;
    let matched: Map<number, number> | null = null; // article position → weighted score so far
    let totalIdf = 0;
    for (const term of terms) {
      // As fuse.js's token search: a rarer word weighs more (its exact-word document frequency).
      const df = this.holders.of(term).length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      totalIdf += idf;
      const best = new Map<number, number>();
      for (const { item, score = 1 } of this.words.search(term)) {
        for (const i of this.holders.of(item)) {
          if (matched !== null && !matched.has(i)) continue;
          const old = best.get(i);
          if (old === undefined || score < old) best.set(i, score);
        }
      }
      const next = new Map<number, number>();
      for (const [i, score] of best) next.set(i, (matched?.get(i) ?? 0) + idf * (1 - score));
      matched = next;
      if (matched.size === 0) return [];
    }
    const out: { i: number; score: number }[] = [];
    for (const [i, weighted] of matched!) out.push({ i, score: Math.max(0.001, 1 - weighted / totalIdf) });
    out.sort((a, b) => a.score - b.score || a.i - b.i);
    return out.map(({ i, score }) => ({ article: this.articles[i], score }));
  }
}

/** What the index is made of (see TitleIndex). */
interface TitleParts {
  haystacks: readonly string[];
  holders: Holders;
  words: Fuse<string>;
}

/** Titles gathered between pauses (a few milliseconds for long titles). */
const TITLES_PER_STEP = 500;

/**
 * The positions of the titles holding each word, in two typed arrays (`positions[start[k] ..
 * start[k + 1])` for the k-th word, found through `words`) rather than an array per word: a live
 * update makes a new index, and some 4,000 small arrays per update were garbage for the collector.
 */
class Holders {
  private static readonly NONE = new Int32Array(0);

  constructor(
    private readonly words: ReadonlyMap<string, number>,
    private readonly start: Int32Array,
    private readonly positions: Int32Array,
  ) {}

  /** The positions of the titles holding `word`, ascending. */
  of(word: string): Int32Array {
    const k = this.words.get(word);
    return k === undefined ? Holders.NONE : this.positions.subarray(this.start[k], this.start[k + 1]);
  }
}

/** The parts of the index over `articles`, yielding after every TITLES_PER_STEP titles. */
function* titleSteps(articles: readonly Article[]): Generator<void, TitleParts> {
  const haystacks: string[] = [];
  // each word's number of titles, then (the same map) its rank in `sorted`
  const words = new Map<string, number>();
  for (let i = 0; i < articles.length; i++) {
    const title = titleOf(articles[i]);
    haystacks.push(title.haystack);
    for (const w of title.words) words.set(w, (words.get(w) ?? 0) + 1);
    if ((i + 1) % TITLES_PER_STEP === 0) yield;
  }
  yield;
  const sorted = [...words.keys()].sort();
  const start = new Int32Array(sorted.length + 1);
  for (let k = 0; k < sorted.length; k++) {
    start[k + 1] = start[k] + words.get(sorted[k])!;
    words.set(sorted[k], k);
  }
  const next = start.slice(0, sorted.length);
  const positions = new Int32Array(start[sorted.length]);
  for (let i = 0; i < articles.length; i++) {
    for (const w of titleOf(articles[i]).words) positions[next[words.get(w)!]++] = i;
    if ((i + 1) % TITLES_PER_STEP === 0) yield;
  }
  yield;
  return { haystacks, holders: new Holders(words, start, positions), words: wordIndex(sorted) };
}

/** Do `a` and `b` give the index the same titles, in the same order? */
function sameTitles(a: readonly Article[], b: readonly Article[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const x = titleOf(a[i]),
      y = titleOf(b[i]);
    if (x.haystack !== y.haystack || !sameWords(x.words, y.words)) return false;
  }
  return true;
}

/** What a title gives the index: its literal haystack and its distinct words. */
interface TitleWords {
  haystack: string;
  words: readonly string[];
}

const titles = new WeakMap<Article, TitleWords>();

function titleOf(article: Article): TitleWords {
  let title = titles.get(article);
  if (!title) {
    title = { haystack: `${article.title} ${article.id}`.toLowerCase(), words: [...new Set(titleWords(article.title))] };
    titles.set(article, title);
  }
  return title;
}

/** The last fuse.js index over the distinct title words (sorted), reused while they stay the same. */
let lastWordIndex: { words: readonly string[]; fuse: Fuse<string> } | null = null;

function wordIndex(words: string[]): Fuse<string> {
  if (lastWordIndex !== null && sameWords(lastWordIndex.words, words)) return lastWordIndex.fuse;
  const fuse = new Fuse(words, { includeScore: true, ignoreLocation: true, ignoreFieldNorm: true, threshold: WORD_THRESHOLD });
  lastWordIndex = { words, fuse };
  return fuse;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

function titleWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}
