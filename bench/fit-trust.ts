/**
 * Fits the engine's confidence model (TRUST_MODEL in src/search/tuning.ts): a logistic regression
 * of "the best passage answers the question" on the evidence features of TRUST_SIGNALS.
 *
 *   npx tsx bench/fit-trust.ts [--articles-every K] [--questions N] [--news-weight W]
 *
 * Fitted on data no dev figure is measured on:
 * - SQuAD v1.1 **train** (`../shared/data/squad-train-v1.1.jsonl`), every K-th article (default 9,
 *   about as many as SQuAD dev has): N evenly spaced questions (default 4000), each asked within its
 *   own article and over the whole library (label: right at top-1), with the article set to the next
 *   article (label 0), and, for every 4th article, against the library without it (label 0);
 * - the news QA set's half A (its even-numbered articles): their questions over all 20 articles
 *   (label: right), the unanswerable questions near them (label 0);
 * - a library of one story (every 4th of those articles alone): its own questions (label: right)
 *   and the next article's (label 0), each also shortened to two of its content words;
 * - off-topic questions against a single news story (the seed article): SQuAD train questions, news
 *   half A questions and a few chit-chat lines written here (label 0).
 *
 * Checked on what it was not fitted on: the news set's half B, the seed dev and paraphrase sets and
 * the off-topic dev set (printed here); SQuAD dev and everything else with bench/trust.ts.
 * Prints the model to paste into TRUST_MODEL, and the trade-off of its threshold on the fit data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../src/articles/parse.ts';
import { TRUST_SIGNALS, trustScore, trustSignals } from '../src/search/confidence.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { ANSWERABLE_MODEL, TRUST_MODEL } from '../src/search/tuning.ts';
import type { Article } from '../src/types.ts';
import { fold, loadNewsQa } from './lib/news.ts';
import { loadSquad } from './lib/squad.ts';
import { numberOption } from './lib/args.ts';
import { mulberry32, table } from './lib/stats.ts';
import { STOP_WORDS } from '../src/text/stop-words.ts';
import { words } from '../src/text/words.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(REPO_ROOT, '../shared/data');
const ARTICLES_EVERY = numberOption('--articles-every', 9);
const QUESTIONS = numberOption('--questions', 4000);
const NEWS_WEIGHT = numberOption('--news-weight', 10);
const L2 = 1e-3;

/** Chit-chat and requests no news story answers (written for the fit; not the dev set's lines). */
const CHIT_CHAT = [
  'hello there',
  'good morning!',
  'thank you so much',
  'how is it going?',
  'what can you do?',
  'who are you?',
  'tell me a joke',
  'what time is it?',
  'what is the weather like tomorrow?',
  'can you help me with my homework?',
  'I love this bot',
  'ok cool',
  'what day is it today?',
  'is anyone here?',
  'good night everyone',
  'what should I eat for dinner?',
  'how old are you?',
  'recommend a good movie',
  'what is the meaning of life?',
  'where can I buy cheap shoes?',
  'how do I reset my password?',
  'what is two plus two?',
  'sorry, wrong channel',
  'any plans for the weekend?',
  'why is the sky blue?',
  'how tall is the tallest building?',
];

/**
 * A short question as people type them in a chat ("name of the security guard?"): the question's
 * wh-word and two of its content words, chosen at random.
 */
function shorten(q: string, rand: () => number): string {
  const content = words(q).filter((w) => !STOP_WORDS.has(w));
  while (content.length > 2) content.splice(Math.floor(rand() * content.length), 1);
  const wh = /\b(who|what|when|where|why|how|which)\b/i.exec(q)?.[1] ?? 'what';
  return `${wh} ${content.join(' ')}?`;
}

interface Row {
  x: number[];
  /** The best passage is right. */
  y: number;
  /** The question is asked where its answer is (whether or not the best passage is right). */
  answerable: number;
  w: number;
  group: string;
}

/** The best passage's features and whether it is right, for one question in one scope. */
function row(engine: SearchEngine, q: string, articleId: string | undefined, right: (article: string, paragraph: number) => boolean): { x: number[]; right: boolean } | null {
  const r = engine.rank(q, { articleId, limit: 2 });
  if (!r || r.ranked.length === 0) return null;
  const c = engine.corpus;
  const top = r.ranked[0];
  const article = c.articles[c.paraArticle[top.p]];
  return { x: trustSignals(r.ranked, 0, r.query), right: right(article.id, article.paragraphs[c.paraIndex[top.p]].index) };
}

function seedArticle(): Article | null {
  const file = join(REPO_ROOT, 'seeds', '000_bb9a71c91ac491ea.txt');
  return existsSync(file) ? parseArticle(readFileSync(file, 'utf8'), { id: '000_bb9a71c91ac491ea', file }) : null;
}

async function collect(): Promise<Row[]> {
  const rows: Row[] = [];
  const add = (group: string, r: { x: number[]; right: boolean } | null, label?: number, w = 1): void => {
    if (r) rows.push({ x: r.x, y: label ?? (r.right ? 1 : 0), answerable: label ?? 1, w, group });
  };
  const train = loadSquad(join(DATA, 'squad-train-v1.1.jsonl'));
  const seed = seedArticle();
  const seedEngine = seed ? SearchEngine.build([seed]) : null;
  if (train) {
    const articles = train.articles.filter((_, i) => i % ARTICLES_EVERY === 0);
    const ids = new Set(articles.map((a) => a.id));
    const pool = train.questions.filter((q) => ids.has(q.articleId));
    const step = Math.max(1, pool.length / QUESTIONS);
    const questions = Array.from({ length: Math.min(QUESTIONS, pool.length) }, (_, i) => pool[Math.floor(i * step)]);
    const engine = SearchEngine.build(articles);
    const next = new Map(articles.map((a, i) => [a.id, articles[(i + 1) % articles.length].id]));
    for (const g of questions) {
      const right = (a: string, p: number): boolean => a === g.articleId && p === g.paragraph;
      add('squad-within', row(engine, g.q, g.articleId, right));
      add('squad-whole', row(engine, g.q, undefined, right));
      add(
        'squad-wrong-article',
        row(engine, g.q, next.get(g.articleId), () => false),
        0,
      );
    }
    for (let i = 0; i < articles.length; i += 4) {
      const id = articles[i].id;
      const others = SearchEngine.build(articles.filter((a) => a.id !== id));
      for (const g of questions)
        if (g.articleId === id)
          add(
            'squad-removed',
            row(others, g.q, undefined, () => false),
            0,
          );
    }
    if (seedEngine)
      for (const g of questions.filter((_, i) => i % 10 === 0))
        add(
          'offtopic-squad',
          row(seedEngine, g.q, undefined, () => false),
          0,
          NEWS_WEIGHT / 4,
        );
    const rand = mulberry32(1010);
    // A library of one story: every 4th article alone, asked its own questions and the next article's.
    for (let i = 2; i < articles.length; i += 4) {
      const alone = SearchEngine.build([articles[i]]);
      const own = questions.filter((g) => g.articleId === articles[i].id);
      const other = questions.filter((g) => g.articleId === next.get(articles[i].id));
      for (const g of own) {
        const right = (a: string, p: number): boolean => a === g.articleId && p === g.paragraph;
        add('single-own', row(alone, g.q, undefined, right));
        add('single-own-short', row(alone, shorten(g.q, rand), undefined, right));
      }
      for (const g of other) {
        add(
          'single-other',
          row(alone, g.q, undefined, () => false),
          0,
        );
        add(
          'single-other-short',
          row(alone, shorten(g.q, rand), undefined, () => false),
          0,
        );
      }
    }
    console.log(`SQuAD train: ${articles.length} articles (every ${ARTICLES_EVERY}th), ${questions.length} questions`);
  } else console.log('(SQuAD train not found: fitting without it)');
  const news = await loadNewsQa(DATA);
  if (!('missing' in news)) {
    const engine = SearchEngine.build(news.articles);
    const halfA = new Set(news.set.articles.filter((_, i) => i % 2 === 0).map((a) => a.id));
    for (const a of news.set.articles) {
      if (!halfA.has(a.id)) continue;
      for (const item of a.questions) {
        const r = engine.rank(item.q, { limit: 2 });
        if (!r || !r.ranked.length) continue;
        const top = r.ranked[0];
        const text = fold(engine.corpus.articles[engine.corpus.paraArticle[top.p]].paragraphs[engine.corpus.paraIndex[top.p]].text);
        add('news', { x: trustSignals(r.ranked, 0, r.query), right: text.includes(fold(item.expect)) }, undefined, NEWS_WEIGHT);
        if (seedEngine)
          add(
            'offtopic-news',
            row(seedEngine, item.q, undefined, () => false),
            0,
            NEWS_WEIGHT,
          );
      }
    }
    for (const u of news.set.unanswerable)
      if (halfA.has(u.near))
        add(
          'news-unanswerable',
          row(engine, u.q, undefined, () => false),
          0,
          NEWS_WEIGHT,
        );
  } else console.log(`(news QA not found: ${news.missing})`);
  if (seedEngine)
    for (const q of CHIT_CHAT)
      add(
        'offtopic-chat',
        row(seedEngine, q, undefined, () => false),
        0,
        NEWS_WEIGHT,
      );
  return rows;
}

/** Weighted L2-regularised logistic regression by Newton's method on standardised features. */
function fit(rows: Row[], label: (r: Row) => number): { bias: number; weights: number[] } {
  const d = rows[0].x.length;
  const mu = new Array<number>(d).fill(0),
    sd = new Array<number>(d).fill(0);
  let W = 0;
  for (const r of rows) {
    W += r.w;
    for (let k = 0; k < d; k++) mu[k] += r.w * r.x[k];
  }
  for (let k = 0; k < d; k++) mu[k] /= W;
  for (const r of rows) for (let k = 0; k < d; k++) sd[k] += r.w * (r.x[k] - mu[k]) ** 2;
  for (let k = 0; k < d; k++) sd[k] = Math.sqrt(sd[k] / W) || 1;
  const z = rows.map((r) => [1, ...r.x.map((v, k) => (v - mu[k]) / sd[k])]);
  const beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < 30; it++) {
    const g = new Array<number>(d + 1).fill(0);
    const H = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    rows.forEach((r, i) => {
      const x = z[i];
      let s = 0;
      for (let k = 0; k <= d; k++) s += beta[k] * x[k];
      const p = 1 / (1 + Math.exp(-s));
      const wgt = (r.w * p * (1 - p)) / W;
      for (let a = 0; a <= d; a++) {
        g[a] += (r.w * (p - label(r)) * x[a]) / W;
        for (let b = 0; b <= d; b++) H[a][b] += wgt * x[a] * x[b];
      }
    });
    for (let a = 1; a <= d; a++) {
      g[a] += L2 * beta[a];
      H[a][a] += L2;
    }
    const step = solve(H, g);
    let change = 0;
    for (let k = 0; k <= d; k++) {
      beta[k] -= step[k];
      change = Math.max(change, Math.abs(step[k]));
    }
    if (change < 1e-7) break;
  }
  const weights = beta.slice(1).map((b, k) => b / sd[k]);
  const bias = beta[0] - weights.reduce((s, w, k) => s + w * mu[k], 0);
  return { bias, weights };
}

/** Solves A x = b (Gaussian elimination with partial pivoting). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const v = M[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / v;
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / (M[r][r] || 1e-12);
  }
  return x;
}

type Model = { bias: number; weights: readonly number[] };

/** The engine's decision (confidence.ts: verdict) for a row. */
function answers(r: Row, answerable: Model, trust: Model, threshold: number): boolean {
  return trustScore(r.x, answerable) >= threshold || trustScore(r.x, trust) >= ANSWERABLE_MODEL.orRight;
}

function report(rows: Row[], trust: Model, answerable: Model, threshold: number): void {
  const groups = [...new Set(rows.map((r) => r.group))];
  const thresholds = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6];
  const out = groups.map((g) => {
    const list = rows.filter((r) => r.group === g);
    const cells = thresholds.map((t) => {
      const answered = list.filter((r) => answers(r, answerable, trust, t));
      const right = answered.filter((r) => r.y === 1).length;
      return list.some((r) => r.y === 1) ? `${((100 * right) / list.length).toFixed(1)}` : `${((100 * answered.length) / list.length).toFixed(1)}`;
    });
    return [`${g} (${list.length})`, ...cells];
  });
  console.log(
    `\nOn the fit data, answering when P(answerable) ≥ t or the confidence ≥ ${ANSWERABLE_MODEL.orRight}: % right and answered (answerable groups) or % answered (the others)`,
  );
  console.log(table(['group', ...thresholds.map((t) => `≥ ${t}`)], out));
  // calibration of the shown confidence on the SQuAD part, over the answers given
  const bins = Array.from({ length: 10 }, () => ({ n: 0, p: 0, y: 0 }));
  let n = 0;
  for (const r of rows) {
    if (!r.group.startsWith('squad') || !answers(r, answerable, trust, threshold)) continue;
    const p = trustScore(r.x, trust);
    const b = bins[Math.min(9, Math.floor(p * 10))];
    b.n++;
    b.p += p;
    b.y += r.y;
    n++;
  }
  let ece = 0;
  for (const b of bins) if (b.n) ece += (b.n / n) * Math.abs(b.p / b.n - b.y / b.n);
  console.log(`ECE of the confidence on the fit's SQuAD answers (threshold ${threshold}): ${(100 * ece).toFixed(2)} points`);
}

/**
 * The threshold: the lowest confidence at which, on the fit data, at most 4 % of the wrong-article
 * and 34 % of the removed-article questions are answered (issue 10's targets are 5 % and 35 %; the
 * margin is for the data the fit did not see). Every right answer below it is lost, so lower is better.
 */
function chooseThreshold(rows: readonly Row[], model: Model, trust: Model): number {
  const rate = (group: string, t: number): number => {
    const list = rows.filter((r) => r.group === group);
    return list.length ? list.filter((r) => answers(r, model, trust, t)).length / list.length : 0;
  };
  for (let t = 0.05; t < 0.9; t += 0.01) if (rate('squad-wrong-article', t) <= 0.04 && rate('squad-removed', t) <= 0.34) return Math.round(t * 100) / 100;
  return 0.5;
}

const rows = await collect();
if (rows.length === 0) {
  console.log('Nothing to fit on: no data found.');
} else {
  const names = TRUST_SIGNALS.map((f) => f.name).join(', ');
  const trust = fit(rows, (r) => r.y);
  const answerable = fit(rows, (r) => r.answerable);
  const threshold = chooseThreshold(rows, answerable, trust);
  console.log(`\n${rows.length} rows. Models (paste into src/search/tuning.ts):`);
  console.log(`export const TRUST_MODEL = {\n  bias: ${trust.bias.toFixed(3)},\n  weights: [${trust.weights.map((w) => w.toFixed(3)).join(', ')}],\n};  // ${names}`);
  console.log(
    `export const ANSWERABLE_MODEL = {\n  bias: ${answerable.bias.toFixed(3)},\n  weights: [${answerable.weights.map((w) => w.toFixed(3)).join(', ')}],\n  threshold: ${threshold},\n};`,
  );
  report(rows, trust, answerable, threshold);
  console.log('\nIn use now:');
  report(rows, TRUST_MODEL, ANSWERABLE_MODEL, ANSWERABLE_MODEL.threshold);
}
