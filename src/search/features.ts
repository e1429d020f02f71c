/**
 * The reranking features: what a candidate paragraph is scored on, measured from its
 * precomputed tokens. `FEATURES` is the one list of them: the ranker sums weight × value over it,
 * bench/fit-weights.ts fits a weight for each, and tuning.ts must give each a weight
 * (FEATURE_WEIGHTS is typed by this list, so a feature without a weight does not compile).
 *
 * To add a feature: measure what it needs in `measure` (a field of Measurements), add a row to
 * FEATURES, give it a weight in tuning.ts, and refit (bench/fit-weights.ts).
 */
import { CLEAR_TYPES, QUANTITY_TYPES } from './answer-types.ts';
import type { Corpus } from './corpus.ts';
import { bm25Term } from './inverted-index.ts';
import type { Query, QueryTerm } from './query.ts';
import { PARAGRAPH_BM25, SENTENCE_BM25, TUNING } from './tuning.ts';
import { FLAG_CAPITAL, FLAG_MONTH, FLAG_NUMBER, FLAG_YEAR } from './vocabulary.ts';

/** What `measure` reads off a candidate paragraph, before features divide it by the question's mass. */
interface Measurements {
  /** Σ weight × BM25 of the question's terms in the paragraph. */
  paragraphBm25: number;
  /** The same in the best sentence (the sentence with the highest BM25), 0 when none matches. */
  sentenceBm25: number;
  /** Σ weight × BM25 of the terms' 5-character prefixes in the paragraph. */
  prefixBm25: number;
  /** Σ weight × BM25 of the terms in the paragraph's whole article. */
  articleBm25: number;
  /** Σ weight × IDF of the distinct terms the paragraph contains. */
  paragraphCover: number;
  /** The same for the best sentence. */
  sentenceCover: number;
  /** Σ over consecutive question-word pairs found within TUNING.proximityWindow tokens (either order) of the pair's smaller weight × IDF. */
  bigram: number;
  /** The same for pairs found in question order, at most TUNING.orderedGap tokens apart. */
  ordered: number;
  /** 1 when the best sentence holds a token of the kind the question asks for (a year or month, a number, a capitalised name). */
  answerType: number;
  /** 1 when such a token is within TUNING.nearWindow tokens of a question word in the best sentence. */
  answerNear: number;
  /**
   * The highest sentence BM25 over the question words that are not headline or lede words of the
   * paragraph's article (headline.ts): what the sentence says beyond naming the story.
   */
  freshBm25: number;
  /** The highest sentence BM25 over the sentences that hold a kind of answer the question asks for (answer-types.ts); 0 when none does. */
  typedBm25: number;
  /**
   * 1 when a sentence holds the kind of answer asked for (answer-types.ts), an amount (QUANTITY_TYPES),
   * and a question word that is not a headline or lede word.
   */
  quantityNear: number;
  /** The same for a date, place or reason (answer-types.ts: CLEAR_TYPES). */
  otherTypeNear: number;
}

interface FeatureDefinition {
  name: string;
  /** What it measures, for people (bench/fit-weights.ts prints it). */
  about: string;
  value: (m: Measurements, q: Query) => number;
}

/**
 * The features, in the order they are summed. BM25 and coverage features are divided by the
 * question's IDF mass (prefix and article BM25 by their own masses), so they do not grow with the
 * length of the question.
 */
export const FEATURES = [
  { name: 'paragraph', about: 'BM25 of the paragraph', value: (m, q) => m.paragraphBm25 / q.mass },
  { name: 'sentence', about: 'BM25 of its best sentence', value: (m, q) => m.sentenceBm25 / q.mass },
  { name: 'prefix', about: 'BM25 of the 5-character prefixes (catches what stemming misses)', value: (m, q) => (q.prefixMass > 0 ? m.prefixBm25 / q.prefixMass : 0) },
  { name: 'article', about: "BM25 of the paragraph's article", value: (m, q) => (q.articleMass > 0 ? m.articleBm25 / q.articleMass : 0) },
  { name: 'bigram', about: 'consecutive question words close together', value: (m, q) => m.bigram / q.mass },
  { name: 'coverParagraph', about: "share of the question's IDF mass in the paragraph", value: (m, q) => m.paragraphCover / q.mass },
  { name: 'coverSentence', about: "share of the question's IDF mass in the best sentence", value: (m, q) => m.sentenceCover / q.mass },
  { name: 'answerType', about: 'the best sentence holds the kind of answer asked for (date, number, name)', value: (m) => m.answerType },
  { name: 'answerNear', about: 'such a token next to a question word', value: (m) => m.answerNear },
  { name: 'ordered', about: 'consecutive question words in question order, close together', value: (m, q) => m.ordered / q.mass },
  { name: 'fresh', about: "BM25 of the best sentence over the question words not in the article's headline and lede", value: (m, q) => m.freshBm25 / q.mass },
  { name: 'typedSentence', about: 'BM25 of the best sentence that holds the kind of answer asked for', value: (m, q) => m.typedBm25 / q.mass },
  {
    name: 'quantityNear',
    about: 'a sentence holds the amount asked for (length, duration, money, count, percentage) and a non-headline question word',
    value: (m) => m.quantityNear,
  },
  { name: 'otherTypeNear', about: 'a sentence holds the date, place or reason asked for and a non-headline question word', value: (m) => m.otherTypeNear },
] as const satisfies readonly FeatureDefinition[];

export type FeatureName = (typeof FEATURES)[number]['name'];
/** A candidate's feature values, by name. */
export type Features = Record<FeatureName, number>;
/** One weight per feature, plus how much a spell-corrected question word counts. */
export type Weights = Record<FeatureName, number> & {
  /** Weight of a question word that was spell-corrected (1 = as if typed right). */
  corrected: number;
};

/** The features of a candidate, by name (in FEATURES order). */
export function featureValues(m: Measurements, q: Query): Features {
  const out = {} as Features;
  for (const f of FEATURES) out[f.name] = f.value(m, q);
  return out;
}

/**
 * A candidate's score: Σ weight × value over FEATURES, in their order, from its measurements (the
 * ranker scores many candidates and makes the features of the few it keeps).
 */
export function measuredScore(m: Measurements, q: Query, w: Record<FeatureName, number>): number {
  let score = 0;
  for (const f of FEATURES) score += w[f.name] * f.value(m, q);
  return score;
}

const TYPE_FLAGS = { date: FLAG_YEAR | FLAG_MONTH, number: FLAG_NUMBER, person: FLAG_CAPITAL } as const;

/** What `measure` finds in a candidate paragraph. */
export interface Measured {
  measurements: Measurements;
  /** Index of the best sentence among the index's sentences of the paragraph. */
  sentence: number;
  /** How much of the question the paragraph accounts for (confidence.ts reads these). */
  evidence: Evidence;
}

/** What says that a paragraph is about the question at all (frame words aside). */
export interface Evidence {
  /** Share (0..1) of the question's IDF mass that the paragraph matches (a word the articles lack weighs the most). */
  share: number;
  /** Share (0..1) of the question's rarity in general English that the paragraph matches. */
  rareShare: number;
  /** The rarity (0..7.5) of the rarest question word matched, and of the rarest one not matched. */
  rareMatched: number;
  rareMissed: number;
  /** The IDF of the most specific question word matched, and of the most specific one missing, over a never-seen word's IDF (0..1). */
  idfMatched: number;
  idfMissed: number;
  /** Share (0..1) of the question's IDF mass that the paragraph's whole article matches (set by the ranker). */
  articleShare: number;
  /**
   * The same as `share` over the question words that are not headline or lede words of the
   * paragraph's article (what the question asks beyond naming the story); 1 when it has none.
   */
  freshShare: number;
}

/**
 * Measures paragraph `p` (global number) for the query, in one pass over its sentences.
 * `termToQ` maps a stem id to its index in query.terms (-1 for others); `articleBm25` is the
 * paragraph's article's BM25 for the query; `headline` marks the query terms that are headline or
 * lede words of the paragraph's article (headline.ts: markHeadlineTerms).
 */
export function measure(corpus: Corpus, query: Query, p: number, termToQ: Int32Array, articleBm25: number, headline: Uint8Array): Measured {
  const c = corpus;
  const terms = query.terms;
  const nq = terms.length;
  const { tf, stf, hits } = scratchFor(nq);
  // positions of the question's words as asked (expansions take no part in the pair features)
  const positions: number[][] = [];
  for (let i = 0; i < nq && !terms[i].expansion; i++) positions.push([]);
  const asked = positions.length;
  hits.length = 0;
  let found = 0;
  const t0 = c.tokStart[p],
    t1 = c.tokStart[p + 1];
  const s0 = c.sentStart[p],
    s1 = c.sentStart[p + 1];
  let bestSentence = 0,
    bestS = -1,
    bestCover = 0,
    bestFlags = 0,
    bestA = t0,
    bestB = t0,
    bestFresh = 0,
    typedS = 0,
    quantityNear = 0,
    otherTypeNear = 0;
  for (let s = s0; s < s1; s++) {
    const a = c.sentTok[s];
    const b = s + 1 < s1 ? c.sentTok[s + 1] : t1;
    for (const q of hits) stf[q] = 0;
    hits.length = 0;
    let flags = 0;
    for (let i = a; i < b; i++) {
      const q = termToQ[c.stems[i]];
      if (q >= 0) {
        if (stf[q]++ === 0) hits.push(q);
        if (q < asked) positions[q].push(i - t0);
      } else {
        flags |= c.flags[i];
      }
    }
    let score = 0,
      cover = 0,
      fresh = 0,
      news = false;
    const len = b - a;
    for (const q of hits) {
      if (tf[q] === 0) found++;
      tf[q] += stf[q];
      const t = terms[q];
      if (t.expansion && stf[t.of] > 0) continue; // the word itself is there: its relatives add nothing
      const bm25 = t.weight * bm25Term(t.idf, stf[q], len, c.avgSentenceLen, SENTENCE_BM25);
      score += bm25;
      cover += t.weight * t.idf;
      if (!headline[q] && !(t.expansion && headline[t.of])) {
        fresh += bm25;
        news = true;
      }
    }
    if (fresh > bestFresh) bestFresh = fresh;
    if (score > typedS && c.sentTypes[s] & query.types) typedS = score;
    if (news) {
      const typed = c.sentTypes[s] & query.types;
      if (typed & QUANTITY_TYPES) quantityNear = 1;
      if (typed & CLEAR_TYPES) otherTypeNear = 1;
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
  let pScore = 0,
    pCover = 0,
    evidence = 0,
    evidenceMass = 0,
    freshEvidence = 0,
    freshMass = 0;
  let rare = 0,
    rareMass = 0,
    rareMatched = 0,
    rareMissed = 0,
    idfMatched = 0,
    idfMissed = 0;
  for (let q = 0; q < asked; q++) {
    const t = terms[q];
    if (t.frame) continue;
    const mass = t.evidence > 0 ? t.weight * t.idf : query.unknownIdf;
    evidenceMass += mass;
    if (!headline[q]) freshMass += mass;
    rareMass += t.rarity;
    if (tf[q] > 0 && t.evidence > 0) {
      rare += t.rarity;
      rareMatched = Math.max(rareMatched, t.rarity);
      idfMatched = Math.max(idfMatched, t.idf);
    } else if (found > 0 && !matchedVia(terms, q, tf)) {
      rareMissed = Math.max(rareMissed, t.rarity);
      idfMissed = Math.max(idfMissed, t.evidence > 0 ? t.idf : query.unknownIdf);
    }
  }
  // in term order, as the sums' rounding depends on it
  for (let q = 0; q < nq && found > 0; q++) {
    if (tf[q] === 0) continue;
    const t = terms[q];
    if (t.expansion && tf[t.of] > 0) continue;
    pScore += t.weight * bm25Term(t.idf, tf[q], idx.docLen[p], idx.avgLen, PARAGRAPH_BM25);
    pCover += t.weight * t.idf;
    if (!t.frame) {
      evidence += t.evidence * t.weight * t.idf;
      if (!headline[q] && !(t.expansion && headline[t.of])) freshEvidence += t.evidence * t.weight * t.idf;
      if (t.expansion) rare += t.evidence * t.rarity;
    }
  }
  tf.fill(0, 0, nq);
  for (const q of hits) stf[q] = 0;
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
    const qa = seq[i],
      qb = seq[i + 1];
    if (qa === qb) continue;
    const pa = positions[qa],
      pb = positions[qb];
    if (!pa.length || !pb.length) continue;
    const pair = Math.min(terms[qa].idf * terms[qa].weight, terms[qb].idf * terms[qb].weight);
    if (minGap(pa, pb) <= TUNING.proximityWindow) bigram += pair;
    if (orderedWithin(pa, pb, TUNING.orderedGap)) ordered += pair;
  }
  const { type, near } = answerTypeCue(corpus, query, termToQ, bestFlags, bestA, bestB);
  return {
    measurements: {
      paragraphBm25: pScore,
      sentenceBm25: Math.max(0, bestS),
      prefixBm25: xScore,
      articleBm25,
      paragraphCover: pCover,
      sentenceCover: bestCover,
      bigram,
      ordered,
      answerType: type,
      answerNear: near,
      freshBm25: bestFresh,
      typedBm25: typedS,
      quantityNear,
      otherTypeNear,
    },
    sentence: bestSentence,
    evidence: {
      share: evidenceMass > 0 ? Math.min(1, evidence / evidenceMass) : 0,
      rareShare: rareMass > 0 ? Math.min(1, rare / rareMass) : 0,
      rareMatched,
      rareMissed,
      idfMatched: query.unknownIdf > 0 ? idfMatched / query.unknownIdf : 0,
      idfMissed: query.unknownIdf > 0 ? idfMissed / query.unknownIdf : 0,
      articleShare: 0,
      freshShare: freshMass > 0 ? Math.min(1, freshEvidence / freshMass) : 1,
    },
  };
}

/**
 * Scratch space of `measure`, reused by every call (answering is synchronous, so one set serves
 * every engine): term frequencies in the paragraph and in a sentence (all zeros between calls),
 * and the terms hit in a sentence.
 */
interface Scratch {
  tf: Float64Array;
  stf: Float64Array;
  hits: number[];
}

let scratch = newScratch(64);

function newScratch(n: number): Scratch {
  return { tf: new Float64Array(n), stf: new Float64Array(n), hits: [] };
}

/** The scratch space, grown to hold n terms. */
function scratchFor(n: number): Scratch {
  if (scratch.tf.length < n) scratch = newScratch(2 * n);
  return scratch;
}

/** Is question term q (not matched itself) matched through one of its expansions (terms with tf > 0 in the paragraph)? */
function matchedVia(terms: readonly QueryTerm[], q: number, tf: Float64Array): boolean {
  for (let i = q + 1; i < terms.length; i++) if (tf[i] > 0 && terms[i].expansion && terms[i].of === q) return true;
  return false;
}

/**
 * Does the best sentence (tokens [a, b), whose non-question tokens carry `flags`) hold a token of
 * the answer type asked for, and is one within TUNING.nearWindow tokens of a word of the question
 * (as asked: not an expansion)?
 */
function answerTypeCue(c: Corpus, query: Query, termToQ: Int32Array, flags: number, a: number, b: number): { type: number; near: number } {
  const type = query.type;
  if (type === null) return { type: 0, near: 0 };
  const want = TYPE_FLAGS[type];
  if (!(flags & want)) return { type: 0, near: 0 };
  const w = TUNING.nearWindow;
  let lastQ = -1e9;
  let lastTyped = -1e9;
  for (let i = a; i < b; i++) {
    const q = termToQ[c.stems[i]];
    if (q >= 0 && !query.terms[q].expansion) {
      if (i - lastTyped <= w) return { type: 1, near: 1 };
      lastQ = i;
    } else if (c.flags[i] & want) {
      if (i - lastQ <= w) return { type: 1, near: 1 };
      lastTyped = i;
    }
  }
  return { type: 1, near: 0 };
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
  let i = 0,
    j = 0,
    best = Infinity;
  while (i < a.length && j < b.length) {
    const d = a[i] - b[j];
    if (Math.abs(d) < best) best = Math.abs(d);
    if (d < 0) i++;
    else j++;
  }
  return best;
}
