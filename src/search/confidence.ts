/**
 * How sure the engine is, and whether it answers at all.
 *
 * Confidence = P(the passage answers the question): a logistic model (tuning.ts: TRUST_MODEL)
 * over the evidence signals in TRUST_SIGNALS — how much of the question the passage matches, how
 * rare in everyday English the matched and the missing words are (a match on "today" or "work"
 * says little; a match on "Nizamani" says a lot), the margin over the runner-up, and whether the
 * best sentence holds the kind of answer asked for. It is fitted by bench/fit-trust.ts on
 * answerable and unanswerable questions (SQuAD train asked against its own article, another
 * article and a library without its article; news questions; chit-chat), so it means what it
 * says on both: of the answers shown at 70 %, about 70 % are right (bench/trust.ts checks this).
 *
 * Whether to answer at all is a second model over the same signals (ANSWERABLE_MODEL): the chance
 * that the library answers the question, whichever passage does. A question about the guard in a
 * story that mentions him in four paragraphs is answerable even when the engine cannot be sure
 * which paragraph is best; "What is the speed of light?" is not, whatever it matches. The engine
 * abstains, still showing the closest passage, when that chance is under its threshold.
 */
import type { Query } from './query.ts';
import type { Ranked } from './rank.ts';
import { ANSWERABLE_MODEL, PLAUSIBLE_ANSWERABLE, TRUST_MODEL } from './tuning.ts';

export interface TrustSignal {
  name: string;
  /** What it measures, for people (bench/fit-trust.ts prints it). */
  about: string;
  value: (ranked: readonly Ranked[], i: number, q: Query) => number;
}

/** The confidence model's inputs, in the order of TRUST_MODEL.weights. */
export const TRUST_SIGNALS = [
  { name: 'share', about: "share of the question's IDF mass matched (words the articles lack count fully against)", value: (r, i) => r[i].evidence.share },
  { name: 'margin', about: 'relative score margin over the runner-up (negative for an alternative: how far below the best)', value: (r, i) => scoreMargin(r, i) },
  { name: 'coverSentence', about: "share of the question's IDF mass in the best sentence", value: (r, i) => r[i].features.coverSentence },
  { name: 'rareShare', about: "share of the question's rarity in everyday English matched", value: (r, i) => r[i].evidence.rareShare },
  { name: 'rareMatched', about: 'rarity of the rarest question word matched (0..1)', value: (r, i) => r[i].evidence.rareMatched / 7.5 },
  { name: 'rareMissed', about: 'rarity of the rarest question word missing (0..1)', value: (r, i) => r[i].evidence.rareMissed / 7.5 },
  { name: 'idfMatched', about: 'IDF of the most specific question word matched (over the IDF of a word no passage has)', value: (r, i) => r[i].evidence.idfMatched },
  { name: 'idfMissed', about: 'IDF of the most specific question word missing (same scale)', value: (r, i) => r[i].evidence.idfMissed },
  { name: 'articleShare', about: "share of the question's IDF mass matched anywhere in the passage's article", value: (r, i) => r[i].evidence.articleShare },
  { name: 'terms', about: 'log(1 + number of question words)', value: (_r, _i, q) => Math.log(1 + askedTerms(q)) },
  { name: 'score', about: "the passage's ranking score", value: (r, i) => r[i].score },
  { name: 'article', about: "BM25 of the passage's article", value: (r, i) => r[i].features.article },
  { name: 'typeAsked', about: 'the question asks for a date, a number or a name', value: (_r, _i, q) => (q.type !== null ? 1 : 0) },
  { name: 'typeFound', about: 'the best sentence holds one', value: (r, i) => r[i].features.answerType },
  { name: 'freshShare', about: "share of the question's IDF mass beyond the headline and lede words matched", value: (r, i) => r[i].evidence.freshShare },
] as const satisfies readonly TrustSignal[];

export type TrustSignalName = (typeof TRUST_SIGNALS)[number]['name'];

function askedTerms(q: Query): number {
  let n = 0;
  for (const t of q.terms) if (!t.frame && !t.expansion) n++;
  return n;
}

/**
 * The relative margin of ranked[i]'s score: for the best, over the runner-up (0..1); for the
 * others, how far below the best it is (−1..0), so an alternative's confidence is at most the best's.
 */
export function scoreMargin(ranked: readonly Ranked[], i: number): number {
  const r = ranked[i];
  if (i === 0) {
    const second = ranked[1]?.score ?? 0;
    return r.score > 0 ? Math.max(0, (r.score - second) / r.score) : 0;
  }
  return ranked[0].score > 0 ? -Math.max(0, (ranked[0].score - r.score) / ranked[0].score) : 0;
}

/** The signals of ranked[i], in TRUST_SIGNALS order. */
export function trustSignals(ranked: readonly Ranked[], i: number, query: Query): number[] {
  return TRUST_SIGNALS.map((s) => s.value(ranked, i, query));
}

/** P(right) for signals under a model (by default the engine's). */
export function trustScore(x: readonly number[], model: { bias: number; weights: readonly number[] } = TRUST_MODEL): number {
  let z = model.bias;
  for (let k = 0; k < x.length; k++) z += model.weights[k] * x[k];
  return 1 / (1 + Math.exp(-z));
}

/** Confidence (0..1) that ranked[i] answers the question. */
export function confidence(ranked: readonly Ranked[], i: number, query: Query): number {
  return ranked[i] ? trustScore(trustSignals(ranked, i, query)) : 0;
}

/** What the engine makes of its best passage: answer, abstain with a plausible passage, or abstain. */
export type Verdict = 'answer' | 'plausible' | 'off-topic';

/**
 * Abstain only when the library is unlikely to answer the question at all (ANSWERABLE_MODEL
 * under its threshold) and the best passage is unlikely to be right (confidence under
 * ANSWERABLE_MODEL.orRight): a passage more likely right than that is shown as an answer. An
 * abstention is 'plausible' when P(answerable) still reaches PLAUSIBLE_ANSWERABLE.
 */
export function verdict(ranked: readonly Ranked[], query: Query): Verdict {
  const x = trustSignals(ranked, 0, query);
  const answerable = trustScore(x, ANSWERABLE_MODEL);
  if (answerable >= ANSWERABLE_MODEL.threshold || trustScore(x) >= ANSWERABLE_MODEL.orRight) return 'answer';
  return answerable >= PLAUSIBLE_ANSWERABLE ? 'plausible' : 'off-topic';
}
