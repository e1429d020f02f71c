/**
 * Out-of-vocabulary correction with a symmetric-delete (SymSpell-style) index.
 *
 * Every dictionary word is stored under the hash of itself and of each of its one-character
 * deletions, in compressed buckets (two Int32Arrays, no strings kept per delete). A misspelt word
 * looks up itself and its own deletions; the candidates are checked with the true
 * Damerau–Levenshtein (optimal string alignment) distance. That finds every word within distance
 * 1 (insertion, deletion, substitution, transposition). For long words a second round also
 * looks up the query's two-character deletions, which adds the distance-2 words reachable
 * with at most one deletion on the dictionary side (two insertions, or an insertion plus a
 * substitution/deletion…); not every distance-2 pair, but the cheap part of it.
 * Ties at the same distance go to the more frequent word in the corpus (`correct`), or to the
 * caller's choice among all of them (`candidates`).
 */

import { SPELL } from './tuning.ts';
import { type SliceClock, finish } from './slice-clock.ts';
import { FNV_OFFSET, fnvStep } from '../text/fnv.ts';

interface Correction {
  word: string;
  distance: number;
}

/** Longer words are neither stored nor corrected: they are not typos of a word (and cost O(n²)). */
const MAX_WORD_LENGTH = 24;

/** FNV-1a over the UTF-16 code units of `w`, skipping positions `skipA` and `skipB`. */
function hashSkip(w: string, skipA: number, skipB: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < w.length; i++) {
    if (i === skipA || i === skipB) continue;
    h = fnvStep(h, w.charCodeAt(i));
  }
  return h >>> 0;
}

/** hashSkip(w, i, -1) for every i at once: each carries on from the hash of w[0, i). */
function deletionHashes(w: string, head: Int32Array, out: Uint32Array): void {
  head[0] = FNV_OFFSET;
  for (let i = 0; i < w.length; i++) head[i + 1] = fnvStep(head[i], w.charCodeAt(i));
  for (let i = 0; i < w.length; i++) {
    let h = head[i];
    for (let j = i + 1; j < w.length; j++) h = fnvStep(h, w.charCodeAt(j));
    out[i] = h >>> 0;
  }
}

/**
 * Where the dictionary's words are filed: compressed buckets for the words it was built with, and
 * a map from hash to word ids for the words added since. Shared by a corrector and those updated
 * from it, and only ever added to: which of its words a corrector knows is in its own `freq`.
 */
class WordStore {
  /** Each word by id: the words built with, then those added. */
  readonly words: string[];
  readonly bucketStart: Int32Array;
  readonly bucketWords: Int32Array;
  readonly mask: number;
  /** How many words the compressed buckets hold (ids below it). */
  readonly built: number;
  /** Words added after the build, by the hash of themselves and of each one-character deletion. */
  readonly added = new Map<number, number[]>();
  private readonly head = new Int32Array(MAX_WORD_LENGTH + 1);
  private readonly deleted = new Uint32Array(MAX_WORD_LENGTH);

  constructor(words: string[], bucketStart: Int32Array, bucketWords: Int32Array) {
    this.words = words;
    this.bucketStart = bucketStart;
    this.bucketWords = bucketWords;
    this.mask = bucketStart.length - 2;
    this.built = words.length;
  }

  /** The id of `word` (known or not to a given corrector), or -1. */
  find(word: string): number {
    const h = hashSkip(word, -1, -1);
    const b = h & this.mask;
    for (let i = this.bucketStart[b], end = this.bucketStart[b + 1]; i < end; i++) {
      if (this.words[this.bucketWords[i]] === word) return this.bucketWords[i];
    }
    const added = this.added.get(h);
    if (added) for (const id of added) if (this.words[id] === word) return id;
    return -1;
  }

  /** Files a new word (at most MAX_WORD_LENGTH long) under its hash and its deletions'; returns its id. */
  add(word: string): number {
    const id = this.words.length;
    this.words.push(word);
    deletionHashes(word, this.head, this.deleted);
    for (let i = -1; i < word.length; i++) {
      if (i > 0 && word.charCodeAt(i) === word.charCodeAt(i - 1)) continue;
      const h = i < 0 ? this.head[word.length] >>> 0 : this.deleted[i];
      const list = this.added.get(h);
      if (list) list.push(id);
      else this.added.set(h, [id]);
    }
    return id;
  }

  /** Calls `fn` with the id of every word filed under hash `h` (and, for the compressed buckets, its neighbours). */
  each(h: number, fn: (id: number) => void): void {
    const b = h & this.mask;
    for (let i = this.bucketStart[b], end = this.bucketStart[b + 1]; i < end; i++) fn(this.bucketWords[i]);
    const added = this.added.get(h);
    if (added) for (const id of added) fn(id);
  }
}

/** Words filed, looked up or changed between two looks at the clock (well under a millisecond of work). */
export const WORDS_PER_PIECE = 512;

/**
 * Files words [from, to) of `list` (ids) under the hash of each and of each of its one-character
 * deletions: hashes[e], owner[e] from entry `e` on, and a count per bucket (count[bucket + 1], the
 * buckets being `count.length - 1`, a power of two); returns the next entry.
 */
function hashWords(list: readonly string[], from: number, to: number, e: number, hashes: Uint32Array, owner: Int32Array, count: Int32Array): number {
  const mask = count.length - 2;
  const head = new Int32Array(MAX_WORD_LENGTH + 1);
  const deleted = new Uint32Array(MAX_WORD_LENGTH);
  for (let id = from; id < to; id++) {
    const w = list[id];
    deletionHashes(w, head, deleted);
    for (let i = -1; i < w.length; i++) {
      // deleting one of a run of equal letters gives the same string: store it once
      if (i > 0 && w.charCodeAt(i) === w.charCodeAt(i - 1)) continue;
      const h = i < 0 ? head[w.length] >>> 0 : deleted[i];
      hashes[e] = h;
      owner[e] = id;
      count[(h & mask) + 1]++;
      e++;
    }
  }
  return e;
}

/** The words of a dictionary to build (see SpellCorrector.build) with their frequencies, and how many entries they file. */
function keptWords(words: readonly string[], frequencies: ArrayLike<number>): { list: string[]; freq: Float64Array; entries: number } {
  const list: string[] = [];
  const kept: number[] = [];
  let entries = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i].length <= MAX_WORD_LENGTH && frequencies[i] > 0) {
      list.push(words[i]);
      kept.push(frequencies[i]);
      entries += words[i].length + 1;
    }
  }
  return { list, freq: Float64Array.from(kept), entries };
}

/** The compressed buckets (start of each, then the word ids) of the first `e` entries filed by hashWords. */
function bucketsOf(hashes: Uint32Array, owner: Int32Array, count: Int32Array, e: number): [Int32Array, Int32Array] {
  sumInPlace(count);
  const bucketStart = count.slice();
  const bucketWords = new Int32Array(e);
  fileWords(hashes, owner, count, e, bucketWords);
  return [bucketStart, bucketWords];
}

/*
 * bucketsOf's two loops, each in a function of its own: in one function, V8 optimised the first
 * loop on the stack, deoptimised after it (no type feedback there yet) and ran the second one
 * unoptimised until compiled again.
 */

/** count[i + 1] += count[i], from the first on: counts become starts. */
function sumInPlace(count: Int32Array): void {
  for (let b = 0; b < count.length - 1; b++) count[b + 1] += count[b];
}

/** Files the first `e` entries' word ids in `bucketWords` by bucket, `cursor` (the bucket starts) advancing as it goes. */
function fileWords(hashes: Uint32Array, owner: Int32Array, cursor: Int32Array, e: number, bucketWords: Int32Array): void {
  const mask = cursor.length - 2;
  for (let i = 0; i < e; i++) bucketWords[cursor[hashes[i] & mask]++] = owner[i];
}

export class SpellCorrector {
  private readonly store: WordStore;
  /** Corpus frequency of each word by id; a word this corrector does not know has 0 or no entry. */
  private readonly freq: Float64Array;
  // scratch rows for the distance computation
  private rowA = new Int32Array(64);
  private rowB = new Int32Array(64);
  private rowC = new Int32Array(64);

  private constructor(store: WordStore, freq: Float64Array) {
    this.store = store;
    this.freq = freq;
  }

  /** Builds from distinct dictionary words and their corpus frequencies (a word with none is left out). */
  static build(words: readonly string[], frequencies: ArrayLike<number>): SpellCorrector {
    return finish(SpellCorrector.buildSteps(words, frequencies, null));
  }

  /**
   * `build`, yielding when `clock` says (never without one): a dictionary of 100,000 words is some
   * 50 ms of work. Its loops are in plain functions, which V8 optimises (not a generator's loop).
   */
  static *buildSteps(words: readonly string[], frequencies: ArrayLike<number>, clock: SliceClock | null): Generator<void, SpellCorrector> {
    const { list, freq, entries } = keptWords(words, frequencies);
    // about two entries per bucket: a stray candidate costs one bounded distance check
    let buckets = 1;
    while (buckets * 2 < entries) buckets <<= 1;
    const hashes = new Uint32Array(entries);
    const owner = new Int32Array(entries);
    const count = new Int32Array(buckets + 1);
    let e = 0;
    for (let id = 0; id < list.length; id = Math.min(list.length, id + WORDS_PER_PIECE)) {
      e = hashWords(list, id, Math.min(list.length, id + WORDS_PER_PIECE), e, hashes, owner, count);
      if (clock) yield* clock.pause();
    }
    return new SpellCorrector(new WordStore(list, ...bucketsOf(hashes, owner, count, e)), freq);
  }

  /**
   * The corrector of the dictionary with each word of `changes` at its new frequency (0: no longer
   * in the dictionary); this one is left as it is. New words are filed beside the compressed
   * buckets, which are rebuilt once they hold fewer than two thirds of the words. Yields when
   * `clock` says.
   */
  *withChanges(changes: ReadonlyMap<string, number>, clock: SliceClock): Generator<void, SpellCorrector> {
    const store = this.store;
    let freq: Float64Array = new Float64Array(Math.max(this.freq.length, store.words.length));
    freq.set(this.freq);
    let n = 0;
    for (const [word, f] of changes) {
      if (++n % WORDS_PER_PIECE === 0) yield* clock.pause();
      if (word.length > MAX_WORD_LENGTH) continue;
      let id = store.find(word);
      if (id < 0) {
        if (f <= 0) continue;
        id = store.add(word);
        if (id >= freq.length) freq = grown(freq, store.words.length);
      }
      freq[id] = Math.max(0, f);
    }
    if (2 * store.words.length > 3 * store.built + 256) {
      const words: string[] = [];
      const kept: number[] = [];
      for (let id = 0; id < freq.length; id++) {
        if (freq[id] > 0) {
          words.push(store.words[id]);
          kept.push(freq[id]);
        }
      }
      yield* clock.pause();
      return yield* SpellCorrector.buildSteps(words, kept, clock);
    }
    return new SpellCorrector(store, freq);
  }

  /** How often `word` occurs in the corpus as a dictionary entry; 0 when it is not one. */
  frequency(word: string): number {
    const id = this.find(word);
    return id < 0 ? 0 : this.freq[id];
  }

  /** The id of a dictionary word, or -1: it is stored under its own hash like its deletions. */
  private find(word: string): number {
    if (word.length > MAX_WORD_LENGTH) return -1;
    const id = this.store.find(word);
    return id >= 0 && this.freq[id] > 0 ? id : -1;
  }

  /**
   * The closest dictionary word to `word` (distance ≤ 1, or ≤ 2 for long words), most frequent
   * first among equals; the word itself when known; null when nothing is close enough.
   */
  correct(word: string): Correction | null {
    return this.candidates(word)[0] ?? null;
  }

  /**
   * Every dictionary word at the smallest distance found (≤ 1, or ≤ 2 for long words), most
   * frequent first (then alphabetical); the word itself when known; empty when nothing is close.
   * Callers that know the context (the other words of a question) can choose among them.
   */
  candidates(word: string): Correction[] {
    if (this.find(word) >= 0) return [{ word, distance: 0 }];
    if (word.length < SPELL.minLength || word.length > MAX_WORD_LENGTH) return [];
    const maxDist = word.length >= SPELL.longWord ? 2 : 1;
    const words = this.store.words;
    const freq = this.freq;
    let bestDist = Infinity;
    let found: number[] = [];
    const seen = new Set<number>();
    const check = (id: number): void => {
      if (seen.has(id) || !(freq[id] > 0)) return;
      seen.add(id);
      const cand = words[id];
      if (Math.abs(cand.length - word.length) > maxDist) return;
      const d = this.distance(word, cand, maxDist);
      if (d > maxDist || d > bestDist) return;
      if (d < bestDist) {
        bestDist = d;
        found = [];
      }
      found.push(id);
    };
    const consider = (h: number): void => this.store.each(h, check);
    consider(hashSkip(word, -1, -1));
    for (let i = 0; i < word.length; i++) consider(hashSkip(word, i, -1));
    if (found.length === 0 && maxDist >= 2) {
      for (let i = 0; i < word.length; i++) {
        for (let j = i + 1; j < word.length; j++) consider(hashSkip(word, i, j));
      }
    }
    found.sort((a, b) => freq[b] - freq[a] || (words[a] < words[b] ? -1 : 1));
    return found.map((id) => ({ word: words[id], distance: bestDist }));
  }

  /** Optimal-string-alignment Damerau–Levenshtein distance, giving up (returning max+1) past `max`. */
  distance(a: string, b: string, max = Infinity): number {
    const n = a.length,
      m = b.length;
    if (Math.abs(n - m) > max) return max + 1;
    if (m + 1 > this.rowA.length) {
      this.rowA = new Int32Array(m + 1);
      this.rowB = new Int32Array(m + 1);
      this.rowC = new Int32Array(m + 1);
    }
    let prev2 = this.rowA,
      prev = this.rowB,
      cur = this.rowC;
    for (let j = 0; j <= m; j++) prev[j] = j;
    for (let i = 1; i <= n; i++) {
      cur[0] = i;
      let rowMin = i;
      const ca = a.charCodeAt(i - 1);
      for (let j = 1; j <= m; j++) {
        const cb = b.charCodeAt(j - 1);
        const cost = ca === cb ? 0 : 1;
        let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      const t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}

/** A copy of `a` with room for `length` numbers (zeros after a's). */
function grown(a: Float64Array, length: number): Float64Array {
  const next = new Float64Array(length);
  next.set(a);
  return next;
}
