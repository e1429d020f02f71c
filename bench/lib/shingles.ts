/**
 * The article-extraction-benchmark's metric (scrapinghub, `evaluate.py`): tokens are `\w+` runs
 * (Unicode letters, digits, underscore; case kept); each text becomes a multiset of 4-token
 * shingles; a page's TP/FP/FN are normalised to sum to 1; precision and recall are means over
 * the pages where they are defined; F1 is the harmonic mean of the two means.
 */
export type PageCounts = [tp: number, fp: number, fn: number];

const TOKEN = /[\p{L}\p{N}_]+/gu;
const N = 4;

function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - N + 1); i++) {
    const shingle = tokens.slice(i, i + N);
    if (shingle.length === 0) continue;
    const key = shingle.join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One page: its normalised true positives, false positives and false negatives. */
export function shingleMatch(truth: string, predicted: string): PageCounts {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0;
    const b = p.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn];
}

export function pagePrecision([tp, fp, fn]: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function pageRecall([tp, fp, fn]: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

export interface ExtractionScore {
  precision: number;
  recall: number;
  f1: number;
}

export function extractionScore(pages: readonly PageCounts[]): ExtractionScore {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const precision = mean(pages.filter(([tp, fp]) => tp + fp > 0).map(pagePrecision));
  const recall = mean(pages.filter(([tp, , fn]) => tp + fn > 0).map(pageRecall));
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
