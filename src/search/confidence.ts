/**
 * How sure the engine is: confidence = evidence × P(right | the question is answerable here).
 *
 * - evidence: how much of what the question asks about the passage contains at all — the share
 *   of the question's IDF mass (frame words like "name" aside) matched in the paragraph, through a
 *   logistic ramp (tuning.ts: EVIDENCE). A passage that matches none of the question's
 *   informative words has no evidence, whatever its rank.
 * - P(right | answerable): a logistic model (tuning.ts: CONFIDENCE_MODEL, fitted on SQuAD v1.1
 *   dev by bench/fit-weights.ts) of the relative score margin over the runner-up and the share of
 *   the IDF mass matched in the best sentence.
 *
 * The engine abstains when the best passage's evidence is below ABSTAIN_BELOW_EVIDENCE: nothing
 * here is about what was asked. A low margin alone (several passages answer equally well) lowers
 * the confidence but is not a reason to abstain.
 */
import type { Ranked } from './rank.ts';
import { ABSTAIN_BELOW_EVIDENCE, CONFIDENCE_MODEL, EVIDENCE } from './tuning.ts';

/** Evidence (0..1) from the share of the question's IDF mass that a passage matches. */
export function evidence(share: number): number {
  return 1 / (1 + Math.exp(-EVIDENCE.slope * (share - EVIDENCE.midpoint)));
}

/** Should the engine abstain, given the ranking (best first, not empty)? */
export function abstains(ranked: readonly Ranked[]): boolean {
  return evidence(ranked[0].evidence) < ABSTAIN_BELOW_EVIDENCE;
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

/** P(right | answerable) from the margin and the best sentence's coverage (the fitted logistic model). */
export function rightChance(margin: number, coverSentence: number): number {
  const m = CONFIDENCE_MODEL;
  return 1 / (1 + Math.exp(-(m.bias + m.margin * margin + m.coverSentence * coverSentence)));
}

/** Confidence (0..1) that ranked[i] answers the question: evidence × P(right | answerable). */
export function confidence(ranked: readonly Ranked[], i = 0): number {
  const r = ranked[i];
  if (!r) return 0;
  return evidence(r.evidence) * rightChance(scoreMargin(ranked, i), r.features.coverSentence);
}
