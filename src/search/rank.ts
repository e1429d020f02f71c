/**
 * Ranking: the candidate paragraphs for a query from the inverted indexes (the top paragraphs by
 * paragraph BM25, by prefix BM25, and by paragraph + article BM25), each reranked by its
 * features (features.ts) weighted by tuning.ts.
 */
import type { Corpus } from './corpus.ts';
import { type Evidence, type Features, type Measured, type Weights, featureValues, measure, measuredScore } from './features.ts';
import { markHeadlineTerms } from './headline.ts';
import { DocList, TopK, bm25Norms, lowerBound, topK } from './inverted-index.ts';
import type { Query, QueryTerm } from './query.ts';
import { ARTICLE_BM25, PARAGRAPH_BM25, TUNING } from './tuning.ts';

export interface Ranked {
  /** Global paragraph number. */
  p: number;
  score: number;
  /** Index of the best sentence among the index's sentences of the paragraph. */
  sentence: number;
  /** How much of the question the paragraph accounts for. */
  evidence: Evidence;
  features: Features;
}

/** Room a ranker's new scratch space has beyond its corpus (a share), so that the engines updated from it can take it over. */
const SCRATCH_ROOM = 1 / 16;

/**
 * A ranker's scratch space: per-paragraph, per-article and per-word accumulators, and lists of
 * what a question touched. Every question leaves it as it found it (answering is synchronous),
 * so the ranker of an engine updated from another takes over the other's, when it is large
 * enough, though both answer until the new engine is swapped in: made new, it was some 4 MB of
 * memory written for the first time at 100,000 paragraphs, a block of 8-13 ms in a live update.
 */
class RankScratch {
  readonly accP: Float64Array;
  readonly accX: Float64Array;
  readonly accCtx: Float64Array;
  /** 1 for each candidate paragraph of the question (listed in `candidates`). */
  readonly isCandidate: Uint8Array;
  readonly artScore: Float64Array;
  /** Σ IDF of the asked (non-frame) question words each article holds (for the evidence). */
  readonly artCover: Float64Array;
  /** 1 for the articles articleScores has listed for this question. */
  readonly artSeen: Uint8Array;
  /** Each question word's position by stem, -1 elsewhere. */
  readonly termToQ: Int32Array;
  /** The paragraphs with a paragraph, prefix and context score so far. */
  readonly touched = new DocList(1024);
  readonly touchedX = new DocList(1024);
  readonly touchedCtx = new DocList(1024);
  /** The articles articleScores has scored for this question. */
  readonly articles = new DocList(64);
  readonly candidates = new DocList(64);
  /** The best candidates of each channel. */
  readonly bestP = new TopK(TUNING.candidatesPerChannel);
  readonly bestX = new TopK(TUNING.candidatesPerChannel);
  readonly bestCombined = new TopK(TUNING.candidatesPerChannel);
  /** `accCtx` still holds a context scorer's scores (see Ranker.context), cleared by the next ranking. */
  pendingContext = false;

  constructor(paragraphs: number, articles: number, terms: number) {
    const room = (n: number) => n + Math.ceil(n * SCRATCH_ROOM);
    this.accP = new Float64Array(room(paragraphs));
    this.accX = new Float64Array(room(paragraphs));
    this.accCtx = new Float64Array(room(paragraphs));
    this.isCandidate = new Uint8Array(room(paragraphs));
    this.artScore = new Float64Array(room(articles));
    this.artCover = new Float64Array(room(articles));
    this.artSeen = new Uint8Array(room(articles));
    this.termToQ = new Int32Array(room(terms)).fill(-1);
  }

  /** This scratch space when it is large enough for `corpus`, else a new one. */
  fitting(corpus: Corpus): RankScratch {
    const { paragraphCount, articles, stemIndex } = corpus;
    if (this.accP.length >= paragraphCount && this.artScore.length >= articles.length && this.termToQ.length >= stemIndex.termCount) return this;
    return RankScratch.for(corpus);
  }

  static for(corpus: Corpus): RankScratch {
    return new RankScratch(corpus.paragraphCount, corpus.articles.length, corpus.stemIndex.termCount);
  }
}

/** Ranks paragraphs for queries, with scratch space reused across questions (one per engine and those updated from it). */
export class Ranker {
  /** Each article's BM25 length norm (ARTICLE_BM25). */
  private readonly artNorm: Float64Array;
  private readonly s: RankScratch;

  /** A ranker over `corpus`, with the scratch space of `previous` (the ranker of the engine this one is updated from) when it is large enough. */
  constructor(
    private readonly corpus: Corpus,
    previous?: Ranker,
  ) {
    this.s = previous ? previous.s.fitting(corpus) : RankScratch.for(corpus);
    this.artNorm = bm25Norms(corpus.articleLen, corpus.avgArticleLen, ARTICLE_BM25);
  }

  /**
   * Ranks the paragraphs in [from, to) (global paragraph numbers) for the query; returns at most
   * `limit` paragraphs that match at least one question word, best first.
   */
  rank(query: Query, weights: Weights, from: number, to: number, limit: number): Ranked[] {
    this.resetContext();
    const c = this.corpus;
    const s = this.s;
    const { accP, accX, artScore, articles, candidates, isCandidate } = s;
    const terms = query.terms;
    if (query.mass <= 0) return [];

    // 1. Accumulate paragraph, prefix and article BM25.
    s.touched.clear();
    s.touchedX.clear();
    for (const t of terms) {
      c.stemIndex.accumulate(t.stem, t.weight, PARAGRAPH_BM25, accP, s.touched, from, to);
      c.prefixIndex.accumulate(t.prefix, t.weight, PARAGRAPH_BM25, accX, s.touchedX, from, to);
    }
    const touched = s.touched.view();
    const touchedX = s.touchedX.view();
    const aFrom = c.paraArticle[from] ?? 0;
    const aTo = to > from ? c.paraArticle[to - 1] + 1 : aFrom;
    articles.clear();
    this.articleScores(query, aFrom, aTo);

    // 2. Candidates.
    candidates.clear();
    const add = (p: number): void => {
      if (isCandidate[p] === 0) {
        isCandidate[p] = 1;
        candidates.add(p);
      }
    };
    if (to - from <= 2 * TUNING.candidatesPerChannel) {
      for (const p of touched) add(p);
      for (const p of touchedX) add(p);
    } else {
      const k = TUNING.candidatesPerChannel;
      for (const p of topK(touched, accP, k, s.bestP)) add(p);
      for (const p of topK(touchedX, accX, k, s.bestX)) add(p);
      // paragraph and article BM25 combined, scored on the fly
      const combined = s.bestCombined;
      combined.clear();
      const { mass } = query;
      const articleWeight = weights.article,
        articleMass = query.articleMass || 1;
      const paraArticle = c.paraArticle;
      for (let i = 0; i < touched.length; i++) {
        const p = touched[i];
        combined.offer(p, accP[p] / mass + (articleWeight * artScore[paraArticle[p]]) / articleMass);
      }
      for (const p of combined.result()) add(p);
    }

    // 3. Rerank.
    const termToQ = s.termToQ;
    for (let i = 0; i < terms.length; i++) if (terms[i].stem >= 0) termToQ[terms[i].stem] = i;
    const scored: Array<{ p: number; score: number; measured: Measured }> = [];
    const headline = new Uint8Array(terms.length);
    const termOf = (stem: number): number => termToQ[stem];
    for (const p of candidates.view()) {
      isCandidate[p] = 0;
      markHeadlineTerms(c, c.paraArticle[p], termOf, headline);
      const measured = measure(c, query, p, termToQ, artScore[c.paraArticle[p]], headline);
      measured.evidence.articleShare = query.evidenceMass > 0 ? Math.min(1, s.artCover[c.paraArticle[p]] / query.evidenceMass) : 0;
      scored.push({ p, score: measuredScore(measured.measurements, query, weights), measured });
    }
    for (let i = 0; i < terms.length; i++) if (terms[i].stem >= 0) termToQ[terms[i].stem] = -1;

    // reset scratch
    for (let i = 0; i < touched.length; i++) accP[touched[i]] = 0;
    for (let i = 0; i < touchedX.length; i++) accX[touchedX[i]] = 0;
    for (const a of articles.view()) artScore[a] = s.artCover[a] = s.artSeen[a] = 0;

    scored.sort((x, y) => y.score - x.score || x.p - y.p);
    return scored
      .slice(0, limit)
      .map(({ p, score, measured: { sentence, evidence, measurements } }) => ({ p, score, sentence, evidence, features: featureValues(measurements, query) }));
  }

  /**
   * A context scorer over paragraphs [from, to) for the known words of a question (see
   * ContextScore); its scratch space is reset before returning.
   */
  context(known: readonly QueryTerm[], from: number, to: number): ((stem: number) => number) | null {
    this.resetContext();
    if (known.length === 0) return null;
    const c = this.corpus;
    const acc = this.s.accCtx;
    const touched = this.s.touchedCtx;
    touched.clear();
    for (const t of known) c.stemIndex.accumulate(t.stem, t.weight, PARAGRAPH_BM25, acc, touched, from, to);
    if (touched.length === 0) return null;
    const best = new Map<number, number>();
    const idx = c.stemIndex;
    const scores = (stem: number): number => {
      let v = best.get(stem);
      if (v !== undefined) return v;
      v = 0;
      for (let i = idx.offsets[stem], end = idx.offsets[stem + 1]; i < end; i++) {
        const d = idx.docs[i];
        if (d < from) continue;
        if (d >= to) break;
        if (acc[d] > v) v = acc[d];
      }
      best.set(stem, v);
      return v;
    };
    // Scores are read right away by analyse(); the scratch array is cleared on the next tick of
    // this scorer (below), so evaluate lazily but clear before the next question.
    this.s.pendingContext = true;
    return scores;
  }

  /** Clears the context accumulator (called at the start of each ranking). */
  private resetContext(): void {
    const s = this.s;
    if (!s.pendingContext) return;
    const touched = s.touchedCtx;
    for (let i = 0; i < touched.length; i++) s.accCtx[touched.ids[i]] = 0;
    s.pendingContext = false;
  }

  /** Scores articles [aFrom, aTo) for the query into artScore and artCover, listing them in `articles`. */
  private articleScores(query: Query, aFrom: number, aTo: number): void {
    const c = this.corpus;
    const { docs, tfs, offsets } = c.stemIndex;
    const { paraArticle, articleStart } = c;
    const { artScore, artCover, artSeen, articles } = this.s;
    const artNorm = this.artNorm;
    const k1 = ARTICLE_BM25.k1;
    const lo = articleStart[aFrom],
      hi = articleStart[aTo];
    for (const t of query.terms) {
      if (t.stem < 0) continue;
      const covers = !t.frame && !t.expansion && t.evidence > 0;
      const idf = t.articleIdf;
      const end = offsets[t.stem + 1];
      let i = lo > 0 ? lowerBound(docs, offsets[t.stem], end, lo) : offsets[t.stem];
      // postings are in paragraph order, so an article's are consecutive: sum each run's tf
      while (i < end) {
        const d = docs[i];
        if (d >= hi) break;
        const a = paraArticle[d];
        const next = articleStart[a + 1];
        let tf = 0;
        do tf += tfs[i++];
        while (i < end && docs[i] < next);
        artScore[a] += t.weight * ((idf * tf * (k1 + 1)) / (tf + artNorm[a])); // BM25 (tf > 0)
        if (covers) artCover[a] += t.weight * t.idf;
        if (artSeen[a] === 0) {
          artSeen[a] = 1;
          articles.add(a);
        }
      }
    }
  }
}
