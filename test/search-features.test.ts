import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/articles/parse.ts';
import { DEFAULT_WEIGHTS, SearchEngine } from '../src/search/engine.ts';
import { FEATURES } from '../src/search/features.ts';
import { FEATURE_WEIGHTS } from '../src/search/tuning.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED_ID = '000_bb9a71c91ac491ea';
const seed = parseArticle(readFileSync(resolve(ROOT, 'seeds', `${SEED_ID}.txt`), 'utf8'), { id: SEED_ID });
const engine = SearchEngine.build([seed]);

describe('the feature table', () => {
  it('names each feature once, and tuning.ts weighs each of them and nothing else', () => {
    const names = FEATURES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(FEATURE_WEIGHTS).sort()).toEqual([...names].sort());
    for (const f of FEATURES) {
      expect(Number.isFinite(FEATURE_WEIGHTS[f.name])).toBe(true);
      expect(f.about.length).toBeGreaterThan(0);
    }
  });

  it("is what a candidate is scored on: its score is Σ weight × feature, over the table's features", () => {
    const ranking = engine.rank('Who condemned the attack on the embassy in Kabul?', { limit: 5 });
    expect(ranking?.ranked.length).toBeGreaterThan(1);
    for (const r of ranking!.ranked) {
      expect(Object.keys(r.features)).toEqual(FEATURES.map((f) => f.name));
      expect(r.score).toBe(FEATURES.reduce((sum, f) => sum + FEATURE_WEIGHTS[f.name] * r.features[f.name], 0));
    }
  });

  it('ranks with other weights when given them (what bench/fit-weights.ts varies)', () => {
    const q = 'Where was the injured security guard taken?';
    const base = engine.rank(q, { limit: 3 })!;
    const onlySentence = Object.fromEntries(FEATURES.map((f) => [f.name, f.name === 'sentence' ? 1 : 0]));
    const other = engine.rank(q, { limit: 3, weights: { ...DEFAULT_WEIGHTS, ...onlySentence } })!;
    for (const r of other.ranked) expect(r.score).toBe(r.features.sentence);
    expect(other.ranked.map((r) => r.score)).not.toEqual(base.ranked.map((r) => r.score));
  });
});
