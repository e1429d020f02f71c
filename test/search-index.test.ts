import { describe, expect, it } from 'vitest';
import { DocList, InvertedIndex, bm25Idf, bm25Term, topK } from '../src/search/inverted-index.ts';

// Three tiny documents over terms 0..3; -1 marks a token that is not indexed (a stop word).
const docs = [
  [0, 1, 0, -1],
  [1, 2],
  [3, -1, 3, 3, 1],
];
const tokens = Int32Array.from(docs.flat());
const docStart = Int32Array.from([0, 4, 6, 11]);
const index = InvertedIndex.build(tokens, docStart, 5);
const p = { k1: 0.6, b: 0.75 };

describe('InvertedIndex', () => {
  it('counts document frequency, term frequency and lengths', () => {
    expect(index.docCount).toBe(3);
    expect([0, 1, 2, 3, 4].map((t) => index.df(t))).toEqual([1, 3, 1, 1, 0]);
    expect(index.tf(0, 0)).toBe(2);
    expect(index.tf(3, 2)).toBe(3);
    expect(index.tf(3, 0)).toBe(0);
    expect(Array.from(index.docLen)).toEqual([3, 2, 4]);
    expect(index.avgLen).toBeCloseTo(3);
  });
  it('keeps postings in document order in flat typed arrays', () => {
    expect(index.docs).toBeInstanceOf(Int32Array);
    const t = 1;
    expect(Array.from(index.docs.slice(index.offsets[t], index.offsets[t + 1]))).toEqual([0, 1, 2]);
  });
  it("uses BM25's non-negative IDF", () => {
    expect(index.idf(1)).toBeCloseTo(Math.log(1 + 0.5 / 3.5));
    expect(index.idf(0)).toBeCloseTo(Math.log(1 + 2.5 / 1.5));
    expect(bm25Idf(10, 10)).toBeGreaterThan(0);
  });
  it('accumulates BM25 scores that match the formula', () => {
    const acc = new Float64Array(3);
    const touched = new DocList(1);
    index.accumulate(0, 1, p, acc, touched);
    index.accumulate(1, 1, p, acc, touched);
    expect(Array.from(touched.view()).sort()).toEqual([0, 1, 2]);
    const expected0 = bm25Term(index.idf(0), 2, 3, 3, p) + bm25Term(index.idf(1), 1, 3, 3, p);
    expect(acc[0]).toBeCloseTo(expected0);
    const idf = index.idf(1);
    expect(acc[1]).toBeCloseTo((idf * 1 * 1.6) / (1 + 0.6 * (0.25 + (0.75 * 2) / 3)));
    expect(acc[0]).toBeGreaterThan(acc[1]); // the rarer term, twice
  });
  it('restricts accumulation to a range of documents', () => {
    const acc = new Float64Array(3);
    const touched = new DocList();
    index.accumulate(1, 1, p, acc, touched, 1, 2);
    expect(Array.from(touched.view())).toEqual([1]);
    expect(acc[0]).toBe(0);
    expect(acc[2]).toBe(0);
  });
  it('saturates term frequency (k1) and normalises length (b)', () => {
    expect(bm25Term(1, 10, 3, 3, p)).toBeLessThan(1.6);
    expect(bm25Term(1, 1, 6, 3, p)).toBeLessThan(bm25Term(1, 1, 3, 3, p));
    expect(bm25Term(1, 0, 3, 3, p)).toBe(0);
  });
  it('builds an empty index', () => {
    const empty = InvertedIndex.build(new Int32Array(0), Int32Array.from([0]), 0);
    expect(empty.docCount).toBe(0);
    expect(empty.df(0)).toBe(0);
  });
});

describe('topK', () => {
  it('returns the k best ids, best first, like a full sort', () => {
    const score = [5, 1, 9, 3, 9, 7, 0, 2];
    const ids = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(topK(ids, score, 3)).toEqual([2, 4, 5]);
    expect(topK(ids, score, 20)).toEqual([2, 4, 5, 0, 3, 7, 1, 6]);
    expect(topK(ids, score, 0)).toEqual([]);
  });
  it('agrees with sorting on random data', () => {
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const score = Array.from({ length: 500 }, () => Math.floor(rand() * 1000));
    const ids = Array.from({ length: 500 }, (_, i) => i);
    const sorted = ids
      .slice()
      .sort((a, b) => score[b] - score[a] || a - b)
      .slice(0, 30);
    expect(topK(ids, score, 30)).toEqual(sorted);
  });
});
