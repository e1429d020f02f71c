/**
 * Summary benchmark: `npx tsx bench/summary.ts`.
 *
 * - CNN/DailyMail (../shared/data/news-summaries.jsonl): our 3-sentence summary vs Lead-3 in the
 *   same run, ROUGE-1/2/Lsum F1 (rouge-score definition, bench/lib/rouge.ts), average words, and a
 *   seeded paired bootstrap 95 % interval of the difference (ours − Lead-3) for R1 and R2.
 * - XSum (../shared/data/news-summaries-xsum.jsonl): 1-sentence summary vs Lead-1.
 * - ROUGE check: our ROUGE against the ROUGE-1.5.5 scores stored in
 *   ../shared/data/news-summaries-rouge155-check.jsonl (mean absolute difference; reported only).
 * - The seed article's default summary, and speed in ms per article.
 *
 * Absent data sets are skipped with a message; missing data never makes this exit non-zero.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/types.ts';
import { splitSentences } from '../src/text/sentences.ts';
import { DEFAULT_TUNING, summarize, summarizeWith } from '../src/summary/summarize.ts';
import { parseArticle } from '../src/articles/parse.ts';
import { rouge, rougeL } from './lib/rouge.ts';
import { mulberry32 } from './lib/stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(ROOT, '..', 'shared', 'data');
const SEED_FILE = '000_bb9a71c91ac491ea.txt';
const BOOTSTRAP_SAMPLES = 2000;
const BOOTSTRAP_SEED = 20240601;

interface Item {
  id: string;
  article: string;
  reference: string;
}

function readJsonl<T>(file: string): T[] | null {
  const path = join(DATA, file);
  if (!existsSync(path)) {
    console.log(`(skipped: ${path} not found)`);
    return null;
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** A data-set article as an Article: the text as one paragraph (the data has no paragraph breaks). */
function toArticle(item: Item): Article {
  return { id: item.id, title: item.id, date: null, source: 'bench', paragraphs: [{ index: 1, text: item.article }] };
}

function words(sentences: string[]): number {
  return sentences.join(' ').split(/\s+/).filter(Boolean).length;
}

/** Paired bootstrap 95 % interval of mean(a − b). */
function bootstrap(a: number[], b: number[], seed = BOOTSTRAP_SEED): [number, number] {
  const rand = mulberry32(seed);
  const n = a.length;
  const diffs = a.map((x, i) => x - b[i]);
  const means: number[] = [];
  for (let s = 0; s < BOOTSTRAP_SAMPLES; s++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diffs[Math.floor(rand() * n)];
    means.push(sum / n);
  }
  means.sort((x, y) => x - y);
  return [means[Math.floor(0.025 * BOOTSTRAP_SAMPLES)], means[Math.ceil(0.975 * BOOTSTRAP_SAMPLES) - 1]];
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
const pts = (x: number): string => (100 * x).toFixed(2);
const signed = (x: number): string => (x >= 0 ? '+' : '') + (100 * x).toFixed(2);

interface System {
  name: string;
  r1: number[];
  r2: number[];
  rl: number[];
  words: number[];
}

function evaluate(name: string, items: Item[], pick: (item: Item) => string[]): System & { ms: number } {
  const sys: System = { name, r1: [], r2: [], rl: [], words: [] };
  let outputs: string[][] = [];
  // Speed: the best of five passes over the set (the first warms the JIT up; the machine may be busy).
  let ms = Infinity;
  for (let pass = 0; pass < 5; pass++) {
    const t0 = performance.now();
    outputs = items.map(pick);
    ms = Math.min(ms, (performance.now() - t0) / Math.max(items.length, 1));
  }
  items.forEach((item, i) => {
    const s = rouge(item.reference, outputs[i].join('\n'));
    sys.r1.push(s.rouge1.fmeasure);
    sys.r2.push(s.rouge2.fmeasure);
    sys.rl.push(s.rougeLsum.fmeasure);
    sys.words.push(words(outputs[i]));
  });
  return { ...sys, ms };
}

function row(s: System & { ms: number }): string {
  return `  ${s.name.padEnd(22)} R1 ${pts(mean(s.r1))}  R2 ${pts(mean(s.r2))}  RLsum ${pts(mean(s.rl))}  words ${mean(s.words).toFixed(1).padStart(5)}  ${s.ms.toFixed(2)} ms/article`;
}

function compare(ours: System, base: System): void {
  for (const k of ['r1', 'r2'] as const) {
    const d = mean(ours[k]) - mean(base[k]);
    const [lo, hi] = bootstrap(ours[k], base[k]);
    console.log(
      `  ${k.toUpperCase()} difference (${ours.name} − ${base.name}): ${signed(d)} points, 95 % CI [${signed(lo)}, ${signed(hi)}]` +
        ` (paired bootstrap, ${BOOTSTRAP_SAMPLES} resamples, seed ${BOOTSTRAP_SEED})`,
    );
  }
}

function lead(n: number) {
  return (item: Item): string[] => splitSentences(item.article).slice(0, n);
}

function cnndm(): void {
  console.log('\n## CNN/DailyMail (news-summaries.jsonl): 3 sentences vs Lead-3');
  const items = readJsonl<Item>('news-summaries.jsonl');
  if (!items) return;
  const base = evaluate('Lead-3', items, lead(3));
  const ours = evaluate('summarize (default)', items, (item) => summarize(toArticle(item)).sentences);
  console.log(`  ${items.length} articles; target: R1 and R2 at most 0.50 below Lead-3, at most 75 words on average`);
  console.log(row(base));
  console.log(row(ours));
  compare(ours, base);
  const ok = mean(ours.r1) >= mean(base.r1) - 0.005 && mean(ours.r2) >= mean(base.r2) - 0.005 && mean(ours.words) <= 75;
  console.log(`  target met: ${ok ? 'yes' : 'NO'}`);
  console.log('  reference points and ablations (not targets):');
  const capped = evaluate('Lead-3, 75-word cut', items, (item) => cutWords(lead(3)(item), 75));
  console.log(row(capped) + '   (Lead-3 truncated mid-sentence)');
  const plain = evaluate('no novelty/redundancy', items, (item) => summarizeWith(toArticle(item), {}, { ...DEFAULT_TUNING, novelty: 0, redundancy: 0 }).sentences);
  console.log(row(plain) + '   (the whole-story terms switched off)');
  const noCentrality = evaluate('no centrality', items, (item) => summarizeWith(toArticle(item), {}, { ...DEFAULT_TUNING, centrality: 0 }).sentences);
  console.log(row(noCentrality));
}

/** Lead-n cut at a word count (sentences trimmed mid-way): what a hard cap costs. */
function cutWords(sentences: string[], max: number): string[] {
  const out: string[] = [];
  let left = max;
  for (const s of sentences) {
    if (left <= 0) break;
    const w = s.split(/\s+/);
    out.push(w.slice(0, left).join(' '));
    left -= w.length;
  }
  return out;
}

function xsum(): void {
  console.log('\n## XSum (news-summaries-xsum.jsonl): 1 sentence vs Lead-1');
  const items = readJsonl<Item>('news-summaries-xsum.jsonl');
  if (!items) return;
  const base = evaluate('Lead-1', items, lead(1));
  const ours = evaluate('summarize (1 sentence)', items, (item) => summarize(toArticle(item), { sentences: 1 }).sentences);
  console.log(`  ${items.length} articles`);
  console.log(row(base));
  console.log(row(ours));
  compare(ours, base);
}

interface CheckRow {
  id: string;
  model: string;
  summary_lines: string[];
  reference_tok: string;
  rouge155: { r1: number; r2: number; rl: number };
}

function rougeCheck(): void {
  console.log('\n## ROUGE check against ROUGE-1.5.5 (news-summaries-rouge155-check.jsonl)');
  const rows = readJsonl<CheckRow>('news-summaries-rouge155-check.jsonl');
  if (!rows) return;
  const d1: number[] = [];
  const d2: number[] = [];
  const dl: number[] = [];
  for (const r of rows) {
    const pred = r.summary_lines.join('\n');
    const s = rouge(r.reference_tok, pred);
    // The stored RL is plain ROUGE-L over the whole text (no sentence split).
    const l = rougeL(r.reference_tok, pred);
    d1.push(Math.abs(s.rouge1.fmeasure - r.rouge155.r1));
    d2.push(Math.abs(s.rouge2.fmeasure - r.rouge155.r2));
    dl.push(Math.abs(l.fmeasure - r.rouge155.rl));
  }
  console.log(
    `  ${rows.length} system outputs; mean |ours − ROUGE-1.5.5| in points: R1 ${pts(mean(d1))}, R2 ${pts(mean(d2))}, ` +
      `RL ${pts(mean(dl))}  (1.5.5 stems and tokenises slightly differently: reported, not asserted)`,
  );
}

function seed(): void {
  console.log('\n## Seed article: default summary');
  const dir = join(ROOT, 'seeds');
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const file = names.includes(SEED_FILE) ? SEED_FILE : names.find((f) => f.startsWith('000_') && f.endsWith('.txt'));
  if (!file) {
    console.log(`(skipped: no seed article in ${dir})`);
    return;
  }
  let article: Article;
  try {
    article = parseArticle(readFileSync(join(dir, file), 'utf8'), { id: file.replace(/\.txt$/, ''), file: join(dir, file) });
  } catch (err) {
    console.log(`(skipped: ${file} could not be parsed: ${(err as Error).message})`);
    return;
  }
  const s = summarize(article);
  s.sentences.forEach((text, i) => console.log(`  [¶${s.paragraphs[i]}] ${text}`));
  console.log(`  (${s.sentences.length} sentences, ${s.words} words)`);
}

console.log('# Summary benchmark');
console.log(`data: ${DATA}`);
cnndm();
xsum();
rougeCheck();
seed();
