/**
 * Question → ranked passages. Candidates come from the inverted indexes (paragraph BM25, the
 * 5-character-prefix channel, and paragraph+article BM25); each candidate is then scored with
 * features read from its precomputed tokens: BM25 of the paragraph, of its best sentence, of its
 * prefixes and of its article; question-bigram proximity; the share of the question's IDF mass it
 * matches (paragraph and best sentence); and an answer-type cue.
 */
import { type Corpus, FLAG_CAPITAL, FLAG_MONTH, FLAG_NUMBER, FLAG_YEAR } from './corpus.ts';
import { type Bm25Params, bm25Idf, bm25Term, topK } from './inverted-index.ts';
import type { SpellCorrector } from './spell.ts';
import { STOP_WORDS, normalise, prefix5, rawWords } from './text.ts';

/** One weight per ranking feature, plus how much a spell-corrected question word counts. */
export interface Weights extends Features {
  /** Weight of a question word that was spell-corrected (1 = as if typed right). */
  corrected: number;
}

/**
 * Feature weights, hand-tuned on SQuAD v1.1 dev: coordinate search over multipliers, fitted on
 * the even-numbered articles and checked on the odd ones (the gains held on both halves), then
 * the ordered-pair weight raised on the whole set (+0.15 WA / +0.2 WC). Features are divided by
 * the question's IDF mass, so the weights do not depend on question length.
 */
export const DEFAULT_WEIGHTS: Weights = {
  paragraph: 1,
  sentence: 0.75,
  prefix: 0.18,
  article: 0.42,
  bigram: 0.24,
  coverParagraph: 0.43,
  coverSentence: 0.24,
  answerType: 0.07,
  answerNear: 0.18,
  ordered: 1,
  corrected: 1,
};

export const PARAGRAPH_BM25: Bm25Params = { k1: 0.6, b: 0.75 };
export const SENTENCE_BM25: Bm25Params = { k1: 0.6, b: 0.5 };
export const ARTICLE_BM25: Bm25Params = { k1: 1.2, b: 0.75 };
/** Other knobs (exported mutable only so parameter scans can vary them; the engine never writes them). */
export const TUNING = {
  /** Two question words count as a phrase when within this many content tokens. */
  proximityWindow: 4,
  /** Ordered pairs: the second word at most this many content tokens after the first. */
  orderedGap: 2,
  /** An answer-type token counts as near when within this many content tokens of a question word. */
  nearWindow: 3,
  /** Candidates taken from each channel for reranking. */
  candidatesPerChannel: 30,
};

export type AnswerType = 'date' | 'number' | 'person' | null;

const TYPE_FLAGS = { date: FLAG_YEAR | FLAG_MONTH, number: FLAG_NUMBER, person: FLAG_CAPITAL } as const;

export interface QueryTerm {
  /** The normalised word as asked (before correction). */
  word: string;
  /** The vocabulary word it was corrected to, when it was. */
  corrected?: string;
  /** Stem id, -1 when the corpus has no such stem. */
  stem: number;
  prefix: number;
  idf: number;
  prefixIdf: number;
  articleIdf: number;
  weight: number;
  /** A question-frame word ("the name of", "called"): ranked on, but not evidence that must be found. */
  frame: boolean;
}

export interface Query {
  /** Distinct content terms. */
  terms: QueryTerm[];
  /** Indexes into `terms` in question order (with repeats), for bigrams. */
  sequence: number[];
  /** Σ idf × weight over all terms (known or not): the question's information to account for. */
  mass: number;
  prefixMass: number;
  articleMass: number;
  type: AnswerType;
}

/** What the reranker scores a candidate paragraph on (each multiplied by its weight). */
export interface Features {
  paragraph: number;
  sentence: number;
  prefix: number;
  article: number;
  bigram: number;
  coverParagraph: number;
  coverSentence: number;
  answerType: number;
  /** An answer-type token close to a matched question word (in the best sentence). */
  answerNear: number;
  /** Consecutive question words in the same order, at most ORDERED_GAP apart. */
  ordered: number;
}

export interface Ranked {
  /** Global paragraph number. */
  p: number;
  score: number;
  /** Index of the best sentence among the index's sentences of the paragraph. */
  sentence: number;
  /** Share (0..1) of the question's IDF mass, frame words aside, that the paragraph matches. */
  evidence: number;
  features: Features;
}

/** Words that frame a question rather than name what it is about. */
const FRAME_WORDS = new Set(['name', 'names', 'named', 'called', 'kind', 'type', 'example']);

export function answerType(question: string): AnswerType {
  const q = question.toLowerCase();
  if (/\bhow (many|much)\b|\bwhat (number|percentage|amount)\b/.test(q)) return 'number';
  if (/\bwhen\b|\bwhat (year|century|decade|date|month|day)\b|\bwhich (year|century|decade|month)\b/.test(q)) return 'date';
  if (/\bwho(m|se)?\b|\b(what|which) (is|was|are|were) (the |his |her |its |their )?names?\b/.test(q)) return 'person';
  return null;
}

/**
 * Scores how well a candidate stem fits the rest of the question: the best BM25 that the
 * question's known words reach in a paragraph containing the candidate (0 when none does).
 */
export type ContextScore = (known: readonly QueryTerm[]) => ((stem: number) => number) | null;

/**
 * Turns a question into weighted content terms. A word whose stem the corpus lacks is corrected
 * to the closest vocabulary word or stem (SymSpell); among equally close candidates the one that
 * co-occurs best with the question's other words wins (`context`), else the most frequent.
 */
export function analyse(question: string, corpus: Corpus, spell: SpellCorrector | null, weights: Weights, context?: ContextScore): Query {
  const vocab = corpus.vocab;
  const N = corpus.paragraphCount;
  const A = corpus.articles.length;
  const byKey = new Map<string, number>();
  const terms: QueryTerm[] = [];
  const sequence: number[] = [];
  const pending: { at: number; word: string; candidates: { word: string; stem: number }[] }[] = [];

  const addTerm = (word: string, used: string, stem: number, corrected: string | undefined): number => {
    const key = stem >= 0 ? `#${stem}` : `?${word}`;
    let at = byKey.get(key);
    if (at === undefined) {
      at = terms.length;
      byKey.set(key, at);
      const prefix = vocab.prefixes.get(prefix5(used)) ?? -1;
      terms.push({
        word,
        corrected,
        stem,
        prefix,
        idf: stem >= 0 ? corpus.stemIndex.idf(stem) : bm25Idf(N, 0),
        prefixIdf: prefix >= 0 ? corpus.prefixIndex.idf(prefix) : bm25Idf(N, 0),
        articleIdf: bm25Idf(A, stem >= 0 ? corpus.articleDf[stem] : 0),
        weight: corrected ? weights.corrected : 1,
        frame: FRAME_WORDS.has(word) || word.length === 1,
      });
    }
    return at;
  };

  for (const raw of rawWords(question)) {
    const word = normalise(raw);
    if (STOP_WORDS.has(word)) continue;
    const known = vocab.lookup(word);
    const stem = known ? known.stem : (vocab.stems.get(vocab.stemOf(word)) ?? -1);
    if (stem < 0 && spell && !vocab.lookup(word) && /^[a-z]+$/.test(word)) {
      const found = spell.candidates(word).filter((c) => c.distance > 0);
      if (found.length) {
        if (STOP_WORDS.has(found[0].word) && found.length === 1) continue;
        const candidates = found.map((c) => ({ word: c.word, stem: vocab.lookup(c.word)?.stem ?? vocab.stems.get(c.word) ?? -1 }));
        sequence.push(-1);
        pending.push({ at: sequence.length - 1, word, candidates });
        continue;
      }
    }
    sequence.push(addTerm(word, word, stem, undefined));
  }

  if (pending.length) {
    const scoreOf = context ? context(terms.filter((t) => t.stem >= 0)) : null;
    for (const { at, word, candidates } of pending) {
      let choice = candidates[0]; // most frequent
      if (scoreOf && candidates.length > 1) {
        let best = 0;
        for (const c of candidates) {
          if (c.stem < 0) continue;
          const v = scoreOf(c.stem);
          if (v > best) {
            best = v;
            choice = c;
          }
        }
      }
      if (choice.stem < 0) {
        sequence[at] = -1; // corrected to a stop word: nothing to search for
        continue;
      }
      sequence[at] = addTerm(word, choice.word, choice.stem, choice.word);
    }
  }
  const seq = sequence.filter((i) => i >= 0);

  let mass = 0, prefixMass = 0, articleMass = 0;
  for (const t of terms) {
    mass += t.idf * t.weight;
    prefixMass += t.prefixIdf * t.weight;
    articleMass += t.articleIdf * t.weight;
  }
  return { terms, sequence: seq, mass, prefixMass, articleMass, type: answerType(question) };
}

/** Scratch space reused across questions (one Scorer per engine; answering is synchronous). */
export class Scorer {
  private readonly accP: Float64Array;
  private readonly accX: Float64Array;
  private readonly combined: Float64Array;
  private readonly artTf: Float64Array;
  private readonly artScore: Float64Array;
  private readonly termToQ: Int32Array;
  private readonly accCtx: Float64Array;

  constructor(private readonly corpus: Corpus) {
    const N = corpus.paragraphCount;
    this.accCtx = new Float64Array(N);
    this.accP = new Float64Array(N);
    this.accX = new Float64Array(N);
    this.combined = new Float64Array(N);
    this.artTf = new Float64Array(corpus.articles.length);
    this.artScore = new Float64Array(corpus.articles.length);
    this.termToQ = new Int32Array(corpus.stemIndex.termCount).fill(-1);
  }

  /**
   * Ranks the paragraphs in [from, to) (global paragraph numbers) for the query; returns at most
   * `limit` paragraphs that match at least one question word, best first.
   */
  rank(query: Query, weights: Weights, from: number, to: number, limit: number): Ranked[] {
    this.resetContext();
    const c = this.corpus;
    const { accP, accX, artScore } = this;
    const touched: number[] = [];
    const touchedX: number[] = [];
    const articles: number[] = [];
    const terms = query.terms;
    if (query.mass <= 0) return [];

    // 1. Accumulate paragraph, prefix and article BM25.
    for (const t of terms) {
      c.stemIndex.accumulate(t.stem, t.weight, PARAGRAPH_BM25, accP, touched, from, to);
      c.prefixIndex.accumulate(t.prefix, t.weight, PARAGRAPH_BM25, accX, touchedX, from, to);
    }
    const aFrom = c.paraArticle[from] ?? 0;
    const aTo = to > from ? c.paraArticle[to - 1] + 1 : aFrom;
    this.articleScores(query, aFrom, aTo, articles);

    // 2. Candidates.
    let candidates: number[];
    if (to - from <= 2 * TUNING.candidatesPerChannel) {
      const seen = new Set<number>(touched);
      for (const p of touchedX) seen.add(p);
      candidates = [...seen];
    } else {
      const k = TUNING.candidatesPerChannel;
      const set = new Set<number>(topK(touched, accP, k));
      for (const p of topK(touchedX, accX, k)) set.add(p);
      const comb = this.combined;
      for (const p of touched) comb[p] = accP[p] / query.mass + (weights.article * artScore[c.paraArticle[p]]) / (query.articleMass || 1);
      for (const p of topK(touched, comb, k)) set.add(p);
      for (const p of touched) comb[p] = 0;
      candidates = [...set];
    }

    // 3. Rerank.
    const termToQ = this.termToQ;
    for (let i = 0; i < terms.length; i++) if (terms[i].stem >= 0) termToQ[terms[i].stem] = i;
    const ranked: Ranked[] = [];
    for (const p of candidates) {
      const r = this.features(query, weights, p);
      ranked.push(r);
    }
    for (let i = 0; i < terms.length; i++) if (terms[i].stem >= 0) termToQ[terms[i].stem] = -1;

    // reset scratch
    for (const p of touched) accP[p] = 0;
    for (const p of touchedX) accX[p] = 0;
    for (const a of articles) artScore[a] = 0;

    ranked.sort((x, y) => y.score - x.score || x.p - y.p);
    return ranked.slice(0, limit);
  }

  /**
   * A context scorer over paragraphs [from, to) for the known words of a question (see
   * ContextScore); its scratch space is reset before returning.
   */
  context(known: readonly QueryTerm[], from: number, to: number): ((stem: number) => number) | null {
    this.resetContext();
    if (known.length === 0) return null;
    const c = this.corpus;
    const acc = this.accCtx;
    const touched: number[] = [];
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
    this.pendingReset = touched;
    return scores;
  }

  private pendingReset: number[] | null = null;

  /** Clears the context accumulator (called at the start of each ranking). */
  resetContext(): void {
    if (!this.pendingReset) return;
    for (const d of this.pendingReset) this.accCtx[d] = 0;
    this.pendingReset = null;
  }

  private articleScores(query: Query, aFrom: number, aTo: number, touchedArticles: number[]): void {
    const c = this.corpus;
    const idx = c.stemIndex;
    const { artTf, artScore } = this;
    const seen = new Set<number>();
    for (const t of query.terms) {
      if (t.stem < 0) continue;
      const list: number[] = [];
      const lo = c.articleStart[aFrom], hi = c.articleStart[aTo];
      for (let i = idx.offsets[t.stem], end = idx.offsets[t.stem + 1]; i < end; i++) {
        const d = idx.docs[i];
        if (d < lo) continue;
        if (d >= hi) break;
        const a = c.paraArticle[d];
        if (artTf[a] === 0) list.push(a);
        artTf[a] += idx.tfs[i];
      }
      for (const a of list) {
        artScore[a] += t.weight * bm25Term(t.articleIdf, artTf[a], c.articleLen[a], c.avgArticleLen, ARTICLE_BM25);
        artTf[a] = 0;
        if (!seen.has(a)) {
          seen.add(a);
          touchedArticles.push(a);
        }
      }
    }
  }

  private features(query: Query, w: Weights, p: number): Ranked {
    const c = this.corpus;
    const terms = query.terms;
    const nq = terms.length;
    const termToQ = this.termToQ;
    const tf = new Float64Array(nq);
    const stf = new Float64Array(nq);
    const positions: number[][] = [];
    for (let i = 0; i < nq; i++) positions.push([]);
    const t0 = c.tokStart[p], t1 = c.tokStart[p + 1];
    const s0 = c.sentStart[p], s1 = c.sentStart[p + 1];
    let bestSentence = 0, bestS = -1, bestCover = 0, bestFlags = 0, bestA = t0, bestB = t0;
    for (let s = s0; s < s1; s++) {
      const a = c.sentTok[s];
      const b = s + 1 < s1 ? c.sentTok[s + 1] : t1;
      stf.fill(0);
      let flags = 0;
      for (let i = a; i < b; i++) {
        const q = termToQ[c.stems[i]];
        if (q >= 0) {
          stf[q]++;
          positions[q].push(i - t0);
        } else {
          flags |= c.flags[i];
        }
      }
      let score = 0, cover = 0;
      const len = b - a;
      for (let q = 0; q < nq; q++) {
        if (stf[q] === 0) continue;
        tf[q] += stf[q];
        const t = terms[q];
        score += t.weight * bm25Term(t.idf, stf[q], len, c.avgSentenceLen, SENTENCE_BM25);
        cover += t.weight * t.idf;
      }
      if (score > bestS) {
        bestS = score;
        bestSentence = s - s0;
        bestCover = cover;
        bestFlags = flags;
        bestA = a;
        bestB = b;
      }
    }
    const idx = c.stemIndex;
    let pScore = 0, pCover = 0, evidence = 0, evidenceMass = 0;
    for (let q = 0; q < nq; q++) {
      const t = terms[q];
      if (!t.frame) evidenceMass += t.weight * t.idf;
      if (tf[q] === 0) continue;
      pScore += t.weight * bm25Term(t.idf, tf[q], idx.docLen[p], idx.avgLen, PARAGRAPH_BM25);
      pCover += t.weight * t.idf;
      if (!t.frame) evidence += t.weight * t.idf;
    }
    let xScore = 0;
    const xi = c.prefixIndex;
    for (const t of terms) {
      if (t.prefix < 0) continue;
      const f = xi.tf(t.prefix, p);
      if (f) xScore += t.weight * bm25Term(t.prefixIdf, f, xi.docLen[p], xi.avgLen, PARAGRAPH_BM25);
    }
    // consecutive distinct question terms: close together (bigram proximity), and in order
    let bigram = 0;
    let ordered = 0;
    const seq = query.sequence;
    for (let i = 0; i + 1 < seq.length; i++) {
      const qa = seq[i], qb = seq[i + 1];
      if (qa === qb) continue;
      const pa = positions[qa], pb = positions[qb];
      if (!pa.length || !pb.length) continue;
      const pair = Math.min(terms[qa].idf * terms[qa].weight, terms[qb].idf * terms[qb].weight);
      if (minGap(pa, pb) <= TUNING.proximityWindow) bigram += pair;
      if (orderedWithin(pa, pb, TUNING.orderedGap)) ordered += pair;
    }
    let type = 0, near = 0;
    if (query.type !== null) {
      const want = TYPE_FLAGS[query.type];
      type = bestFlags & want ? 1 : 0;
      if (type) {
        // a typed token within nearWindow content tokens of a question word, in the best sentence
        const w = TUNING.nearWindow;
        let lastQ = -1e9;
        let lastTyped = -1e9;
        for (let i = bestA; i < bestB && !near; i++) {
          if (termToQ[c.stems[i]] >= 0) {
            if (i - lastTyped <= w) near = 1;
            lastQ = i;
          } else if (c.flags[i] & want) {
            if (i - lastQ <= w) near = 1;
            lastTyped = i;
          }
        }
      }
    }
    const article = this.artScore[c.paraArticle[p]];
    const m = query.mass;
    const features: Features = {
      paragraph: pScore / m,
      sentence: Math.max(0, bestS) / m,
      prefix: query.prefixMass > 0 ? xScore / query.prefixMass : 0,
      article: query.articleMass > 0 ? article / query.articleMass : 0,
      bigram: bigram / m,
      coverParagraph: pCover / m,
      coverSentence: bestCover / m,
      answerType: type,
      answerNear: near,
      ordered: ordered / m,
    };
    const score =
      w.paragraph * features.paragraph +
      w.sentence * features.sentence +
      w.prefix * features.prefix +
      w.article * features.article +
      w.bigram * features.bigram +
      w.coverParagraph * features.coverParagraph +
      w.coverSentence * features.coverSentence +
      w.answerType * features.answerType +
      w.answerNear * features.answerNear +
      w.ordered * features.ordered;
    return { p, score, sentence: bestSentence, features, evidence: evidenceMass > 0 ? evidence / evidenceMass : 0 };
  }
}

/** A paragraph as the sentence splitter cuts it, each sentence with its content stems. */
export interface SplitParagraph {
  sentences: string[];
  stems: Int32Array[];
}

/** Splits a paragraph's text and looks its words up in the vocabulary (read-only). */
export function splitParagraph(text: string, split: (text: string) => string[], corpus: Corpus): SplitParagraph {
  const sentences = split(text);
  const stems = sentences.map((sentence) => {
    const ids: number[] = [];
    for (const raw of rawWords(sentence)) {
      const e = corpus.vocab.lookupRaw(raw);
      if (e && e.stem >= 0) ids.push(e.stem);
    }
    return Int32Array.from(ids);
  });
  return { sentences, stems };
}

/**
 * Which of a paragraph's sentences (as the sentence splitter gives them) answers best: the one with
 * the highest BM25 for the question's terms; the first sentence when none matches.
 */
export function pickSentence(split: SplitParagraph, query: Query, corpus: Corpus): number {
  const stemToQ = new Map<number, number>();
  query.terms.forEach((t, i) => {
    if (t.stem >= 0) stemToQ.set(t.stem, i);
  });
  let best = 0, bestScore = 0;
  const tf = new Float64Array(query.terms.length);
  for (let s = 0; s < split.stems.length; s++) {
    tf.fill(0);
    const ids = split.stems[s];
    for (let i = 0; i < ids.length; i++) {
      const q = stemToQ.get(ids[i]);
      if (q !== undefined) tf[q]++;
    }
    let score = 0;
    for (let q = 0; q < tf.length; q++) {
      const t = query.terms[q];
      if (tf[q]) score += t.weight * bm25Term(t.idf, tf[q], ids.length, corpus.avgSentenceLen, SENTENCE_BM25);
    }
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/** Is some b[j] − a[i] in 1..gap (b after a, close)? Both lists ascending. */
function orderedWithin(a: number[], b: number[], gap: number): boolean {
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j] <= x) j++;
    if (j < b.length && b[j] - x <= gap) return true;
  }
  return false;
}

/** Smallest |a[i] − b[j]| of two ascending lists. */
function minGap(a: number[], b: number[]): number {
  let i = 0, j = 0, best = Infinity;
  while (i < a.length && j < b.length) {
    const d = a[i] - b[j];
    if (Math.abs(d) < best) best = Math.abs(d);
    if (d < 0) i++;
    else j++;
  }
  return best;
}
