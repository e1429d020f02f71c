/**
 * Refits the answer engine's tuned numbers on SQuAD v1.1 dev and prints them in the form of
 * src/search/tuning.ts, to paste there after changing a feature:
 *
 *   npx tsx bench/fit-weights.ts [--sample N] [--rounds R] [--no-scan]
 *
 * 1. Feature weights (FEATURE_WEIGHTS): every question is ranked once, in both scopes (within its
 *    own article and over the whole corpus), keeping every reranked candidate's features; so is
 *    every answerable question of the news QA set (`news-qa-dev.json`, over its 20 articles, as
 *    bench/trust.ts builds them; right = the passage holds the `expect` sentence). Then a
 *    coordinate search over multipliers re-scores those candidates: for each feature in turn
 *    (`paragraph` stays 1, the unit), the multiplier of its weight that most improves the number
 *    right at top-1 on the fitting half (SQuAD's even-numbered articles, plus the news set's
 *    half A, its even-numbered articles, each news question counting --news-weight times, default
 *    20: news questions are few, and unlike SQuAD's they do not copy the passage's words) is kept,
 *    for R rounds (default 3). Top-1 on the held-out halves (SQuAD's odd-numbered articles, news
 *    half B) and on all is printed next to the weights in use, so a gain that does not hold on the
 *    held-out half shows. The candidates themselves are those of the weights in use
 *    (the article weight also steers one candidate channel): after pasting new weights, run
 *    `npx tsx bench/retrieval.ts` for the real figures, and fit again if `article` moved a lot.
 *    (The confidence and abstention models are fitted by bench/fit-trust.ts: refit them after
 *    pasting new weights.)
 * 2. Unless --no-scan: top-1 for a few values of each BM25 parameter and distance in tuning.ts
 *    around the one in use (these change the features, so each value is a full re-ranking).
 *
 * It changes no file. `--sample N` fits on N evenly spaced questions (quicker, noisier). Needs
 * ../shared/data/squad-dev-v1.1.jsonl; skips with a message when it is absent.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WEIGHTS, SearchEngine } from '../src/search/engine.ts';
import { FEATURES, type FeatureName } from '../src/search/features.ts';
import { PARAGRAPH_BM25, SENTENCE_BM25, TUNING } from '../src/search/tuning.ts';
import { type SquadQuestion, loadSquad } from './lib/squad.ts';
import { fold, loadNewsQa } from './lib/news.ts';
import { numberOption } from './lib/args.ts';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data');

const SAMPLE = numberOption('--sample', 0);
const ROUNDS = numberOption('--rounds', 3);
const SCAN = !process.argv.includes('--no-scan');
const NEWS_WEIGHT = numberOption('--news-weight', 20);
const MULTIPLIERS = [0, 0.5, 0.7, 0.85, 0.93, 1.07, 1.15, 1.4, 2];
const ZERO_RESTARTS = [0.02, 0.05, 0.1, 0.2];

const NAMES: FeatureName[] = FEATURES.map((f) => f.name);
const F = NAMES.length;

/** One ranked question: its candidates' features (F per candidate, flat), paragraph numbers, and which one is right. */
interface Case {
  features: Float64Array;
  p: Int32Array;
  /** Index of the right paragraph among the candidates, -1 when it is not one of them. */
  gold: number;
  /** Even-numbered article (the fitting half)? */
  fit: boolean;
  /** A news QA question (else SQuAD)? */
  news: boolean;
}

function collect(engine: SearchEngine, questions: SquadQuestion[], articleNumber: Map<string, number>): Case[] {
  const c = engine.corpus;
  const cases: Case[] = [];
  for (const scope of ['article', 'corpus'] as const) {
    for (const q of questions) {
      const ranking = engine.rank(q.q, { articleId: scope === 'article' ? q.articleId : undefined, limit: Infinity });
      if (!ranking) continue;
      const a = c.articleById.get(q.articleId) ?? -1;
      const goldP = a >= 0 ? c.articleStart[a] + q.paragraph - 1 : -1;
      const n = ranking.ranked.length;
      const features = new Float64Array(n * F);
      const p = new Int32Array(n);
      let gold = -1;
      ranking.ranked.forEach((r, i) => {
        for (let k = 0; k < F; k++) features[i * F + k] = r.features[NAMES[k]];
        p[i] = r.p;
        if (r.p === goldP) gold = i;
      });
      cases.push({ features, p, gold, fit: (articleNumber.get(q.articleId) ?? 0) % 2 === 0, news: false });
    }
  }
  return cases;
}

/** The news QA set's answerable questions, each ranked over all its articles (see the top of this file). */
async function collectNews(): Promise<Case[]> {
  const news = await loadNewsQa(DATA);
  if ('missing' in news) {
    console.log(`(news QA set skipped: ${news.missing} not found)`);
    return [];
  }
  const engine = SearchEngine.build(news.articles);
  const c = engine.corpus;
  const cases: Case[] = [];
  news.set.articles.forEach((a, i) => {
    for (const item of a.questions) {
      const ranking = engine.rank(item.q, { limit: Infinity });
      if (!ranking) continue;
      const expect = fold(item.expect);
      const n = ranking.ranked.length;
      const features = new Float64Array(n * F);
      const p = new Int32Array(n);
      let gold = -1;
      ranking.ranked.forEach((r, j) => {
        for (let k = 0; k < F; k++) features[j * F + k] = r.features[NAMES[k]];
        p[j] = r.p;
        if (gold < 0 && fold(c.articles[c.paraArticle[r.p]].paragraphs[c.paraIndex[r.p]].text).includes(expect)) gold = j;
      });
      cases.push({ features, p, gold, fit: i % 2 === 0, news: true });
    }
  });
  return cases;
}

/** The engine's order: score descending, then paragraph number ascending. Returns [best, runner-up] indices. */
function topTwo(cs: Case, w: Float64Array): [number, number, number, number] {
  let best = -1,
    second = -1,
    bs = -Infinity,
    ss = -Infinity;
  const n = cs.p.length;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < F; k++) s += w[k] * cs.features[i * F + k];
    if (s > bs || (s === bs && cs.p[i] < cs.p[best])) {
      second = best;
      ss = bs;
      best = i;
      bs = s;
    } else if (s > ss || (s === ss && cs.p[i] < cs.p[second])) {
      second = i;
      ss = s;
    }
  }
  return [best, second, bs, ss];
}

/** How many of the cases that `which` selects are right at top-1. */
function rightAtTop(cases: Case[], w: Float64Array, which: (c: Case) => boolean): { right: number; n: number } {
  let right = 0,
    n = 0;
  for (const cs of cases) {
    if (!which(cs)) continue;
    n++;
    if (cs.gold >= 0 && cs.p.length && topTwo(cs, w)[0] === cs.gold) right++;
  }
  return { right, n };
}

/** Top-1 (%) over the cases that `which` selects. */
function top1(cases: Case[], w: Float64Array, which: (c: Case) => boolean): number {
  const { right, n } = rightAtTop(cases, w, which);
  return n ? (100 * right) / n : 0;
}

/** What the search maximises: right at top-1 on the fitting half, a news question counting NEWS_WEIGHT times. */
function objective(cases: Case[], w: Float64Array): number {
  return rightAtTop(cases, w, (c) => c.fit && !c.news).right + NEWS_WEIGHT * rightAtTop(cases, w, (c) => c.fit && c.news).right;
}

const fitHalf = (c: Case): boolean => c.fit && !c.news;
const heldOut = (c: Case): boolean => !c.fit && !c.news;
const all = (c: Case): boolean => !c.news;

function coordinateSearch(cases: Case[], start: Float64Array): Float64Array {
  const w = Float64Array.from(start);
  let best = objective(cases, w);
  for (let round = 1; round <= ROUNDS; round++) {
    let moved = false;
    for (let k = 0; k < F; k++) {
      if (NAMES[k] === 'paragraph') continue; // the unit
      const base = w[k];
      let bestValue = base;
      // a weight at 0 has no multiples: it is tried back at a few small values
      for (const value of base === 0 ? ZERO_RESTARTS : MULTIPLIERS.map((m) => round3(base * m))) {
        if (value === base) continue;
        w[k] = value;
        const score = objective(cases, w);
        if (score > best + 1e-9) {
          best = score;
          bestValue = value;
        }
      }
      w[k] = bestValue;
      if (bestValue !== base) moved = true;
    }
    console.log(`  round ${round}: top-1 on the fitting half ${top1(cases, w, fitHalf).toFixed(2)} % (SQuAD), ${rightAtTop(cases, w, (c) => c.fit && c.news).right} (news A)`);
    if (!moved) break;
  }
  return w;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Top-1 (%) within article and over the whole corpus, ranking afresh (after a tuning.ts value changed). */
function evaluate(engine: SearchEngine, questions: SquadQuestion[]): [number, number] {
  const out: [number, number] = [0, 0];
  (['article', 'corpus'] as const).forEach((scope, s) => {
    let right = 0;
    for (const q of questions) {
      const top = engine.rank(q.q, { articleId: scope === 'article' ? q.articleId : undefined, limit: 1 })?.ranked[0];
      if (!top) continue;
      const c = engine.corpus;
      const a = c.articleById.get(q.articleId) ?? -1;
      if (a >= 0 && top.p === c.articleStart[a] + q.paragraph - 1) right++;
    }
    out[s] = (100 * right) / questions.length;
  });
  return out;
}

/** Top-1 for values around each BM25 parameter and distance in use (each restored afterwards). */
function scan(engine: SearchEngine, questions: SquadQuestion[]): void {
  console.log('\n## tuning.ts values: top-1 within article / whole corpus (%) for values around the one in use');
  const knobs: { label: string; get: () => number; set: (v: number) => void; values: number[] }[] = [
    { label: 'PARAGRAPH_BM25.k1', get: () => PARAGRAPH_BM25.k1, set: (v) => (PARAGRAPH_BM25.k1 = v), values: [0.4, 0.6, 0.9, 1.2] },
    { label: 'PARAGRAPH_BM25.b', get: () => PARAGRAPH_BM25.b, set: (v) => (PARAGRAPH_BM25.b = v), values: [0.5, 0.75, 0.9] },
    { label: 'SENTENCE_BM25.k1', get: () => SENTENCE_BM25.k1, set: (v) => (SENTENCE_BM25.k1 = v), values: [0.4, 0.6, 0.9, 1.2] },
    { label: 'SENTENCE_BM25.b', get: () => SENTENCE_BM25.b, set: (v) => (SENTENCE_BM25.b = v), values: [0.3, 0.5, 0.75] },
    { label: 'TUNING.proximityWindow', get: () => TUNING.proximityWindow, set: (v) => (TUNING.proximityWindow = v), values: [2, 3, 4, 6] },
    { label: 'TUNING.orderedGap', get: () => TUNING.orderedGap, set: (v) => (TUNING.orderedGap = v), values: [1, 2, 3] },
    { label: 'TUNING.nearWindow', get: () => TUNING.nearWindow, set: (v) => (TUNING.nearWindow = v), values: [2, 3, 5] },
    { label: 'TUNING.candidatesPerChannel', get: () => TUNING.candidatesPerChannel, set: (v) => (TUNING.candidatesPerChannel = v), values: [15, 30, 60] },
  ];
  for (const knob of knobs) {
    const inUse = knob.get();
    const cells: string[] = [];
    for (const v of knob.values) {
      knob.set(v);
      const [wa, wc] = evaluate(engine, questions);
      cells.push(`${v}${v === inUse ? '*' : ''}: ${wa.toFixed(2)} / ${wc.toFixed(2)}`);
    }
    knob.set(inUse);
    console.log(`  ${knob.label.padEnd(27)} ${cells.join('   ')}`);
  }
  console.log('  (* = in use)');
}

async function main(): Promise<void> {
  const data = loadSquad(join(DATA, 'squad-dev-v1.1.jsonl'));
  if (!data) {
    console.log(`Fit skipped: ${join(DATA, 'squad-dev-v1.1.jsonl')} not found`);
    return;
  }
  let questions = data.questions;
  if (SAMPLE > 0 && SAMPLE < questions.length) {
    const step = questions.length / SAMPLE;
    questions = Array.from({ length: SAMPLE }, (_, i) => data.questions[Math.floor(i * step)]);
  }
  const articleNumber = new Map(data.articles.map((a, i) => [a.id, i]));
  console.log(`SQuAD v1.1 dev: ${data.articles.length} articles, ${questions.length} questions, both scopes; fitting on the even-numbered articles`);
  const t0 = performance.now();
  const engine = SearchEngine.build(data.articles);
  const cases = [...collect(engine, questions, articleNumber), ...(await collectNews())];
  const reachable = cases.filter((c) => c.gold >= 0).length;
  console.log(
    `Ranked ${cases.length} questions in ${((performance.now() - t0) / 1000).toFixed(1)} s; the right paragraph is a candidate for ${reachable} (${((100 * reachable) / cases.length).toFixed(2)} %)`,
  );

  const inUse = Float64Array.from(NAMES, (n) => DEFAULT_WEIGHTS[n]);
  console.log('\n## Feature weights: coordinate search over multipliers');
  const fitted = coordinateSearch(cases, inUse);
  const news = (which: (c: Case) => boolean, w: Float64Array): string => {
    const { right, n } = rightAtTop(cases, w, (c) => c.news && which(c));
    return `${right}/${n}`;
  };
  const line = (label: string, w: Float64Array): string =>
    `  ${label.padEnd(8)} fitting half ${top1(cases, w, fitHalf).toFixed(2)} %   held out ${top1(cases, w, heldOut).toFixed(2)} %   all ${top1(cases, w, all).toFixed(2)} %   news A ${news((c) => c.fit, w)}  B ${news((c) => !c.fit, w)}`;
  console.log('top-1, SQuAD both scopes together; news QA answerable questions over all its articles:');
  console.log(line('in use', inUse));
  console.log(line('refitted', fitted));

  console.log('\nFEATURE_WEIGHTS for src/search/tuning.ts (refitted; in use after //):');
  console.log('export const FEATURE_WEIGHTS: Record<FeatureName, number> = {');
  NAMES.forEach((n, k) => {
    const changed = fitted[k] !== inUse[k] ? ` // ${inUse[k]}` : '';
    console.log(`  ${n}: ${fitted[k]},${changed}`);
  });
  console.log('};');
  console.log('Features (src/search/features.ts):');
  for (const f of FEATURES) console.log(`  ${f.name.padEnd(15)} ${f.about}`);

  console.log('\n(Refit the confidence and abstention models for new weights: npx tsx bench/fit-trust.ts)');

  if (SCAN) scan(engine, questions);
}

const started = performance.now();
await main();
console.log(`\n(fit: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
