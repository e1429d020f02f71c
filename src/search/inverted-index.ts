/**
 * An inverted index with compressed-sparse-row postings in typed arrays, scored with BM25.
 * Terms are small integers (ids handed out by the caller); documents are 0..docCount-1.
 */
import { ArrayPool, type PooledArray } from './array-pool.ts';
import type { SliceClock } from './slice-clock.ts';

export interface Bm25Params {
  k1: number;
  b: number;
}

/** Documents [from, to) of `source`, numbered from `at` in a spliced index (see InvertedIndex.splice). */
export interface DocRun {
  source: InvertedIndex;
  from: number;
  to: number;
  at: number;
}

export class InvertedIndex {
  /** postings of term t: docs/tfs in [offsets[t], offsets[t+1]), docs ascending. */
  readonly offsets: Int32Array;
  readonly docs: Int32Array;
  readonly tfs: Uint16Array;
  readonly docLen: Float32Array;
  readonly avgLen: number;
  readonly docCount: number;
  readonly termCount: number;

  private constructor(offsets: Int32Array, docs: Int32Array, tfs: Uint16Array, docLen: Float32Array) {
    this.offsets = offsets;
    this.docs = docs;
    this.tfs = tfs;
    this.docLen = docLen;
    this.docCount = docLen.length;
    this.termCount = offsets.length - 1;
    let total = 0;
    for (let i = 0; i < docLen.length; i++) total += docLen[i];
    this.avgLen = docLen.length ? Math.max(1, total / docLen.length) : 1;
  }

  /**
   * Builds from a flat token stream: document d's term ids are tokens[docStart[d] .. docStart[d+1]).
   * Negative ids are skipped (not indexed, not counted in the length). The large arrays are taken
   * from `pool` under `name` when given (see `arrays`).
   */
  static build(tokens: Int32Array, docStart: Int32Array, termCount: number, pool: ArrayPool = ArrayPool.exact(), name = ''): InvertedIndex {
    const docCount = docStart.length - 1;
    const df = new Int32Array(termCount);
    const last = new Int32Array(termCount).fill(-1);
    const docLen = pool.take(`${name}.docLen`, Float32Array, docCount);
    countTerms(tokens, docStart, df, last, docLen);
    const offsets = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) offsets[t + 1] = offsets[t] + df[t];
    const total = offsets[termCount];
    const docs = pool.take(`${name}.docs`, Int32Array, total);
    const tfs = pool.take(`${name}.tfs`, Uint16Array, total);
    df.fill(0); // reused as a write cursor
    last.fill(-1);
    fillPostings(tokens, docStart, offsets, df, last, docs, tfs);
    return new InvertedIndex(offsets, docs, tfs, docLen);
  }

  /**
   * The index whose documents are `runs` laid end to end: run r contributes documents
   * [from, to) of its source, renumbered from `at` (runs in order, each starting where the last
   * ended). Postings are copied term by term, in pieces, and the generator yields when `clock`
   * says, so that a large index is spliced in slices. The same index as `build` over the same
   * documents. Its arrays are taken from `pool` under `name` (see `arrays`).
   */
  static *splice(runs: readonly DocRun[], termCount: number, pool: ArrayPool, name: string, clock: SliceClock): Generator<void, InvertedIndex> {
    // where each run's postings of each term start and end in its source (the hot loops are in
    // plain functions: V8 optimises those, not a generator's body)
    const lo = new Int32Array(runs.length * termCount);
    const hi = new Int32Array(runs.length * termCount);
    const offsets = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t += TERMS_PER_PIECE) {
      locateRuns(runs, termCount, t, Math.min(termCount, t + TERMS_PER_PIECE), lo, hi, offsets);
      yield* clock.pause();
    }
    for (let t = 0; t < termCount; t++) offsets[t + 1] += offsets[t];
    const docs = pool.take(`${name}.docs`, Int32Array, offsets[termCount]);
    const tfs = pool.take(`${name}.tfs`, Uint16Array, offsets[termCount]);
    let docCount = 0;
    for (const run of runs) docCount += run.to - run.from;
    const docLen = pool.take(`${name}.docLen`, Float32Array, docCount);
    for (const { source, from, to, at } of runs) docLen.set(source.docLen.subarray(from, to), at);
    yield* clock.pause();
    for (let t = 0; t < termCount;) {
      t = copyPostings(runs, termCount, t, POSTINGS_PER_PIECE, lo, hi, offsets, docs, tfs);
      yield* clock.pause();
    }
    return new InvertedIndex(offsets, docs, tfs, docLen);
  }

  /** The index's large arrays, named as `splice` takes them from a pool under `name`. */
  arrays(name: string): Record<string, PooledArray> {
    return { [`${name}.docs`]: this.docs, [`${name}.tfs`]: this.tfs, [`${name}.docLen`]: this.docLen };
  }

  df(term: number): number {
    if (term < 0 || term >= this.termCount) return 0;
    return this.offsets[term + 1] - this.offsets[term];
  }

  /** BM25's IDF, Lucene's non-negative form: ln(1 + (N − df + 0.5) / (df + 0.5)). */
  idf(term: number): number {
    return bm25Idf(this.docCount, this.df(term));
  }

  /** Term frequency of `term` in `doc` (binary search in the posting list). */
  tf(term: number, doc: number): number {
    if (term < 0 || term >= this.termCount) return 0;
    let lo = this.offsets[term],
      hi = this.offsets[term + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.docs[mid];
      if (v === doc) return this.tfs[mid];
      if (v < doc) lo = mid + 1;
      else hi = mid;
    }
    return 0;
  }

  /**
   * Adds weight × BM25(term) to acc[doc] for every document containing `term` with
   * docFrom ≤ doc < docTo. Documents seen for the first time (acc was 0) are added to `touched`.
   */
  accumulate(term: number, weight: number, p: Bm25Params, acc: Float64Array, touched: DocList, docFrom = 0, docTo = this.docCount): void {
    if (term < 0 || term >= this.termCount || weight === 0) return;
    let i = this.offsets[term];
    const end = this.offsets[term + 1];
    if (docFrom > 0) i = lowerBound(this.docs, i, end, docFrom);
    const idf = this.idf(term) * weight;
    const k1 = p.k1;
    const { norms, once } = this.norms(p);
    const idfOnce = idf * (k1 + 1);
    const docs = this.docs,
      tfs = this.tfs;
    for (; i < end; i++) {
      const d = docs[i];
      if (d >= docTo) break;
      const tf = tfs[i];
      // most words occur once in a paragraph: a product instead of a quotient
      const s = tf === 1 ? idfOnce * once[d] : (idf * tf * (k1 + 1)) / (tf + norms[d]);
      if (acc[d] === 0) touched.add(d);
      acc[d] += s;
    }
  }

  private normsFor: Bm25Params | undefined;
  private normsOf: { norms: Float64Array; once: Float64Array } | undefined;

  /**
   * BM25's length normalisation of each document, k1 × (1 − b + b × len / avgLen), and
   * 1 / (1 + that) (BM25 of a word that occurs once, over idf × (k1 + 1)), worked out once per
   * index for the parameters last asked for (the ranker uses one set per index).
   */
  private norms(p: Bm25Params): { norms: Float64Array; once: Float64Array } {
    if (this.normsFor === p && this.normsOf) return this.normsOf;
    const norms = bm25Norms(this.docLen, this.avgLen, p);
    const once = new Float64Array(norms.length);
    for (let d = 0; d < norms.length; d++) once[d] = 1 / (1 + norms[d]);
    this.normsFor = p;
    return (this.normsOf = { norms, once });
  }
}

/** BM25's length normalisation k1 × (1 − b + b × len / avgLen) of each length in `lens`, as `bm25Term` computes it. */
export function bm25Norms(lens: ArrayLike<number>, avgLen: number, p: Bm25Params): Float64Array {
  const norms = new Float64Array(lens.length);
  const { k1, b } = p;
  for (let d = 0; d < norms.length; d++) norms[d] = k1 * (1 - b + (b * lens[d]) / avgLen);
  return norms;
}

/** A set of document numbers met in the order first added, in a reusable buffer (the caller adds each at most once). */
export class DocList {
  ids: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  add(d: number): void {
    if (this.length === this.ids.length) {
      const grown = new Int32Array(2 * this.ids.length);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = d;
  }

  /** The documents added since the last clear, in order (a view of the buffer: valid until the next add or clear). */
  view(): Int32Array {
    return this.ids.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }
}

export function bm25Idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/** BM25 of one term given its frequency and the document length. */
export function bm25Term(idf: number, tf: number, len: number, avgLen: number, p: Bm25Params): number {
  if (tf === 0) return 0;
  return (idf * tf * (p.k1 + 1)) / (tf + p.k1 * (1 - p.b + (p.b * len) / avgLen));
}

/** Terms whose postings `splice` locates at a time, and postings it copies at a time (each well under a millisecond of work). */
const TERMS_PER_PIECE = 1 << 10;
const POSTINGS_PER_PIECE = 1 << 15;

/** For terms [tFrom, tTo): each run's range of postings in its source, and their count per term (in offsets[t + 1]). */
function locateRuns(runs: readonly DocRun[], termCount: number, tFrom: number, tTo: number, lo: Int32Array, hi: Int32Array, offsets: Int32Array): void {
  for (let r = 0; r < runs.length; r++) {
    const { source, from, to } = runs[r];
    const sourceOffsets = source.offsets,
      sourceDocs = source.docs;
    const end = Math.min(tTo, source.termCount);
    for (let t = tFrom; t < end; t++) {
      const start = sourceOffsets[t],
        stop = sourceOffsets[t + 1];
      const a = from === 0 ? start : lowerBound(sourceDocs, start, stop, from);
      const b = to === source.docCount ? stop : lowerBound(sourceDocs, a, stop, to);
      lo[r * termCount + t] = a;
      hi[r * termCount + t] = b;
      offsets[t + 1] += b - a;
    }
  }
}

/** Copies the postings of terms from `tFrom` on, run by run, until about `chunk` are copied; returns the next term. */
function copyPostings(
  runs: readonly DocRun[],
  termCount: number,
  tFrom: number,
  chunk: number,
  lo: Int32Array,
  hi: Int32Array,
  offsets: Int32Array,
  docs: Int32Array,
  tfs: Uint16Array,
): number {
  const stop = Math.min(termCount, tFrom + 1 + chunk); // bounded also by terms, for the many empty ones
  let t = tFrom;
  for (const limit = offsets[tFrom] + chunk; t < stop && offsets[t] < limit; t++) {
    let out = offsets[t];
    for (let r = 0; r < runs.length; r++) {
      const a = lo[r * termCount + t],
        b = hi[r * termCount + t];
      if (a === b) continue;
      const { source, from, at } = runs[r];
      const shift = at - from;
      const srcDocs = source.docs,
        srcTfs = source.tfs;
      // a view per run copied with set() is an object on the heap: only for long runs (at 64
      // postings, tens of thousands of views per update, half of what an update allocated)
      if (b - a > 512) {
        tfs.set(srcTfs.subarray(a, b), out);
        if (shift === 0) docs.set(srcDocs.subarray(a, b), out);
        else for (let i = a, o = out; i < b; i++, o++) docs[o] = srcDocs[i] + shift;
      } else {
        for (let i = a, o = out; i < b; i++, o++) {
          docs[o] = srcDocs[i] + shift;
          tfs[o] = srcTfs[i];
        }
      }
      out += b - a;
    }
  }
  return t;
}

export function lowerBound(a: Int32Array, lo: number, hi: number, v: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices of the k largest values among `ids` (by score[id]), best first (ties: the smaller index first). */
export function topK(ids: ArrayLike<number>, score: ArrayLike<number>, k: number, into: TopK = new TopK(k)): number[] {
  into.clear();
  for (let i = 0; i < ids.length; i++) into.offer(ids[i], score[ids[i]]);
  return into.result();
}

/**
 * The k best-scoring ids among those offered: a bounded min-heap of (id, score) pairs, so that
 * scores computed on the fly need no array of their own; reusable (`clear`). Of equal scores at
 * the cut, the ones offered first are kept.
 */
export class TopK {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.ids = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  clear(): void {
    this.size = 0;
  }

  offer(id: number, s: number): void {
    const { ids, scores } = this;
    if (this.size < this.k) {
      let c = this.size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (scores[parent] <= s) break;
        ids[c] = ids[parent];
        scores[c] = scores[parent];
        c = parent;
      }
      ids[c] = id;
      scores[c] = s;
    } else if (this.k > 0 && s > scores[0]) {
      // replace the root and sift down
      let c = 0;
      const len = this.size;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= len) break;
        const r = l + 1;
        const m = r < len && scores[r] < scores[l] ? r : l;
        if (scores[m] >= s) break;
        ids[c] = ids[m];
        scores[c] = scores[m];
        c = m;
      }
      ids[c] = id;
      scores[c] = s;
    }
  }

  /** The ids kept, best first (ties: the smaller id first); the heap is left in that order (still a valid heap only for `clear`). */
  result(): number[] {
    const { ids, scores } = this;
    // insertion sort: k is small
    for (let i = 1; i < this.size; i++) {
      const id = ids[i],
        s = scores[i];
      let j = i - 1;
      while (j >= 0 && (scores[j] < s || (scores[j] === s && ids[j] > id))) {
        ids[j + 1] = ids[j];
        scores[j + 1] = scores[j];
        j--;
      }
      ids[j + 1] = id;
      scores[j + 1] = s;
    }
    return Array.from(ids.subarray(0, this.size));
  }
}

/*
 * The loops of InvertedIndex.build, each in a function of its own: in one function, the code after
 * the first loop had no type feedback when V8 first optimised that loop (on-stack replacement), so
 * it deoptimised there and ran the second loop unoptimised until compiled again (a cold start pays
 * for both compilations: see bench/speed.ts's build).
 */

/** Each document's length (its content tokens) in `docLen`, and each term's document frequency in `df` (`last`: scratch, all -1). */
function countTerms(tokens: Int32Array, docStart: Int32Array, df: Int32Array, last: Int32Array, docLen: Float32Array): void {
  for (let d = 0; d < docStart.length - 1; d++) {
    let len = 0;
    for (let i = docStart[d], end = docStart[d + 1]; i < end; i++) {
      const t = tokens[i];
      if (t < 0) continue;
      len++;
      if (last[t] !== d) {
        last[t] = d;
        df[t]++;
      }
    }
    docLen[d] = len;
  }
}

/** The postings (document, term frequency) of each term from offsets[t] on (`fill`: scratch, all 0; `last`: all -1). */
function fillPostings(tokens: Int32Array, docStart: Int32Array, offsets: Int32Array, fill: Int32Array, last: Int32Array, docs: Int32Array, tfs: Uint16Array): void {
  const slot = new Int32Array(fill.length);
  for (let d = 0; d < docStart.length - 1; d++) {
    for (let i = docStart[d], end = docStart[d + 1]; i < end; i++) {
      const t = tokens[i];
      if (t < 0) continue;
      if (last[t] !== d) {
        last[t] = d;
        const s = offsets[t] + fill[t]++;
        slot[t] = s;
        docs[s] = d;
        tfs[s] = 1;
      } else if (tfs[slot[t]] < 65535) {
        tfs[slot[t]]++;
      }
    }
  }
}
