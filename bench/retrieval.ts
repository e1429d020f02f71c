/**
 * Retrieval quality bench: `npx tsx bench/retrieval.ts [--sample N] [--no-baseline] [--no-fuse]`
 *
 * 1. Seed dev set (`../shared/data/seed-qa-dev.json` on `seeds/000_…txt`): each answerable question
 *    right at top-1, each out-of-scope question abstained.
 * 2. SQuAD v1.1 dev (`../shared/data/squad-dev-v1.1.jsonl`): top-1/3/5 paragraph accuracy within
 *    the question's own article (WA) and over all paragraphs (WC), for the Newsdesk engine and for
 *    MiniSearch (Porter2 + the same stop words) as the baseline, in the same run.
 * 3. The same questions with typos (seeded PRNG: one random insert/delete/substitute/transpose in
 *    about a third of the words of five letters or more) and the points lost.
 * 4. Typo correction alone: fuse.js over the vocabulary vs the SymSpell corrector (restore rate, ms/word).
 * 5. Confidence calibration: mean confidence vs accuracy per confidence band, and abstention rate.
 *
 * bench/fit-weights.ts refits the feature weights and bench/fit-trust.ts the confidence and
 * abstention models behind these figures (src/search/tuning.ts); this bench measures whatever is
 * in use, and bench/trust.ts measures abstention and calibration on answerable and unanswerable questions.
 *
 * Data sets that are absent are skipped with a message; this script never fails for missing data.
 * Unknown arguments are ignored (bench/index.ts passes its arguments to every bench).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { parseArticle } from '../src/articles/parse.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { SpellCorrector } from '../src/search/spell.ts';
import { stem } from '../src/text/porter2.ts';
import { STOP_WORDS } from '../src/text/stop-words.ts';
import { normalise, words } from '../src/text/words.ts';
import type { Article } from '../src/types.ts';
import { type SquadQuestion, loadSquad } from './lib/squad.ts';
import { mulberry32 } from './lib/stats.ts';
import { typo, typoQuestion } from './lib/typos.ts';
import { numberOption } from './lib/args.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(REPO_ROOT, '../shared/data');

const SAMPLE = numberOption('--sample', 0);
const NO_BASELINE = process.argv.includes('--no-baseline');
const NO_FUSE = process.argv.includes('--no-fuse');

const pct = (x: number, n: number): string => (n ? ((100 * x) / n).toFixed(2) : 'n/a');
const ms = (t: number): string => t.toFixed(t < 10 ? 2 : 0);

// ---------------------------------------------------------------------------------------------
// 1. Seed dev set

interface SeedDev {
  article: string;
  passages: Record<string, string>;
  questions: { kind: string; q: string; expect: string[] }[];
}

function seedDev(): void {
  console.log('\n## Seed dev set');
  const devPath = join(DATA, 'seed-qa-dev.json');
  if (!existsSync(devPath)) {
    console.log(`(skipped: ${devPath} not found)`);
    return;
  }
  const dev = JSON.parse(readFileSync(devPath, 'utf8')) as SeedDev;
  const file = join(REPO_ROOT, 'seeds', dev.article);
  if (!existsSync(file)) {
    console.log(`(skipped: ${file} not found)`);
    return;
  }
  const article = parseArticle(readFileSync(file, 'utf8'), { id: dev.article.replace(/\.txt$/, ''), file });
  const engine = SearchEngine.build([article]);
  let right = 0,
    answerable = 0,
    abstained = 0,
    outOfScope = 0;
  for (const item of dev.questions) {
    const r = engine.answer(item.q);
    const shown = r.kind === 'answer' ? r.best : r.closest;
    const hit = shown ? item.expect.filter((id) => shown.passage.includes(dev.passages[id])) : [];
    let ok: boolean;
    if (item.expect.length === 0) {
      outOfScope++;
      ok = r.kind === 'none';
      if (ok) abstained++;
    } else {
      answerable++;
      ok = r.kind === 'answer' && hit.length > 0;
      if (ok) right++;
    }
    const conf = shown ? `${Math.round(shown.confidence * 100)}%` : '-';
    const where = shown ? `¶${shown.paragraph.index}` : '-';
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} [${item.kind}] ${item.q}  → ${r.kind} ${where} (${conf})`);
  }
  console.log(`Seed dev: ${right}/${answerable} answerable right at top-1, ${abstained}/${outOfScope} out-of-scope abstained`);
}

// ---------------------------------------------------------------------------------------------
// 2–3. SQuAD

interface Scores {
  top: [number, number, number]; // top-1, top-3, top-5 hits
  n: number;
  ms: number;
}

function emptyScores(): Scores {
  return { top: [0, 0, 0], n: 0, ms: 0 };
}

function record(s: Scores, rank: number): void {
  s.n++;
  if (rank === 0) s.top[0]++;
  if (rank >= 0 && rank < 3) s.top[1]++;
  if (rank >= 0 && rank < 5) s.top[2]++;
}

type Ranker = (q: string, articleId: string | undefined) => { articleId: string; paragraph: number }[];

function evaluate(ranker: Ranker, questions: { q: string; gold: SquadQuestion }[]): { wa: Scores; wc: Scores } {
  const wa = emptyScores(),
    wc = emptyScores();
  for (const [scope, s] of [
    ['article', wa],
    ['corpus', wc],
  ] as const) {
    const t0 = performance.now();
    for (const { q, gold } of questions) {
      const list = ranker(q, scope === 'article' ? gold.articleId : undefined);
      record(
        s,
        list.findIndex((r) => r.articleId === gold.articleId && r.paragraph === gold.paragraph),
      );
    }
    s.ms = performance.now() - t0;
  }
  return { wa, wc };
}

function line(label: string, r: { wa: Scores; wc: Scores }): string {
  const f = (s: Scores): string => `${pct(s.top[0], s.n).padStart(6)} ${pct(s.top[1], s.n).padStart(6)} ${pct(s.top[2], s.n).padStart(6)}`;
  const q = (r.wa.ms + r.wc.ms) / (r.wa.n + r.wc.n);
  return `${label.padEnd(34)} | ${f(r.wa)} | ${f(r.wc)} | ${ms(q).padStart(6)} ms/q`;
}

function engineRanker(engine: SearchEngine): Ranker {
  return (q, articleId) => {
    const r = engine.answer(q, { articleId, alternatives: 4 });
    const list = r.kind === 'answer' ? [r.best, ...r.alternatives] : r.closest ? [r.closest, ...r.alternatives] : [];
    return list.map((m) => ({ articleId: m.article.id, paragraph: m.paragraph.index }));
  };
}

function miniSearchRanker(articles: Article[]): { ranker: Ranker; buildMs: number } {
  const t0 = performance.now();
  const ms = new MiniSearch<{ id: number; text: string; articleId: string; paragraph: number }>({
    fields: ['text'],
    storeFields: ['articleId', 'paragraph'],
    processTerm: (term) => {
      const w = normalise(term);
      return STOP_WORDS.has(w) ? null : stem(w);
    },
  });
  let id = 0;
  const docs: { id: number; text: string; articleId: string; paragraph: number }[] = [];
  for (const a of articles) for (const p of a.paragraphs) docs.push({ id: id++, text: p.text, articleId: a.id, paragraph: p.index });
  ms.addAll(docs);
  const buildMs = performance.now() - t0;
  const ranker: Ranker = (q, articleId) =>
    ms
      .search(q, articleId ? { filter: (r) => r.articleId === articleId } : {})
      .slice(0, 5)
      .map((r) => ({ articleId: r.articleId as string, paragraph: r.paragraph as number }));
  return { ranker, buildMs };
}

function squad(): void {
  console.log('\n## SQuAD v1.1 dev');
  const path = join(DATA, 'squad-dev-v1.1.jsonl');
  const data = loadSquad(path);
  if (!data) {
    console.log(`(skipped: ${path} not found)`);
    return;
  }
  let questions = data.questions;
  if (SAMPLE > 0 && SAMPLE < questions.length) {
    const step = questions.length / SAMPLE;
    questions = Array.from({ length: SAMPLE }, (_, i) => questions[Math.floor(i * step)]);
  }
  const paragraphs = data.articles.reduce((n, a) => n + a.paragraphs.length, 0);
  console.log(`${data.articles.length} articles, ${paragraphs} paragraphs, ${questions.length} of ${data.questions.length} questions${SAMPLE ? ' (evenly spaced sample)' : ''}`);

  const rand = mulberry32(20240611);
  const clean = questions.map((gold) => ({ q: gold.q, gold }));
  const typod = questions.map((gold) => ({ q: typoQuestion(gold.q, rand), gold }));
  const changed = typod.filter((t, i) => t.q !== clean[i].q).length;
  console.log(`Typo'd set: ${changed} of ${typod.length} questions changed (seeded; e.g. "${typod.find((t, i) => t.q !== clean[i].q)?.q}")`);

  const t0 = performance.now();
  const engine = SearchEngine.build(data.articles);
  const buildMs = performance.now() - t0;
  const plain = SearchEngine.build(data.articles, { spell: false });

  console.log(`\n${'top-1 / top-3 / top-5 (%)'.padEnd(34)} | ${'within article (WA)'.padEnd(20)} | ${'whole corpus (WC)'.padEnd(20)} |`);
  const ours = evaluate(engineRanker(engine), clean);
  console.log(line(`Newsdesk engine (build ${ms(buildMs)} ms)`, ours));
  const oursTypo = evaluate(engineRanker(engine), typod);
  console.log(line('Newsdesk engine, typos', oursTypo));
  const plainTypo = evaluate(engineRanker(plain), typod);
  console.log(line('  same without the corrector, typos', plainTypo));
  let mini: { wa: Scores; wc: Scores } | null = null;
  let miniTypo: { wa: Scores; wc: Scores } | null = null;
  if (!NO_BASELINE) {
    const m = miniSearchRanker(data.articles);
    mini = evaluate(m.ranker, clean);
    console.log(line(`MiniSearch stem+stop (build ${ms(m.buildMs)} ms)`, mini));
    miniTypo = evaluate(m.ranker, typod);
    console.log(line('MiniSearch stem+stop, typos', miniTypo));
  }
  const top1 = (s: Scores): number => (100 * s.top[0]) / s.n;
  const loss = (a: { wa: Scores; wc: Scores }, b: { wa: Scores; wc: Scores }): string =>
    `WA ${(top1(a.wa) - top1(b.wa)).toFixed(2)} / WC ${(top1(a.wc) - top1(b.wc)).toFixed(2)} points`;
  console.log(`\nTop-1: WA ${top1(ours.wa).toFixed(2)} % / WC ${top1(ours.wc).toFixed(2)} %  (targets 84 / 82)`);
  console.log(`Typo loss (top-1): ${loss(ours, oursTypo)}  (target ≤ 1); without the corrector: ${loss(ours, plainTypo)}`);
  if (mini && miniTypo) console.log(`MiniSearch: WA ${top1(mini.wa).toFixed(2)} % / WC ${top1(mini.wc).toFixed(2)} %, typo loss ${loss(mini, miniTypo)}`);

  calibration(engine, clean);
  correctors(
    data.articles,
    questions.map((q) => q.q),
  );
}

// ---------------------------------------------------------------------------------------------
// 4. Confidence calibration (WC) and abstention

function calibration(engine: SearchEngine, questions: { q: string; gold: SquadQuestion }[]): void {
  console.log('\n## Confidence (whole corpus): is "confidence" the chance of being right?');
  const bands = Array.from({ length: 5 }, () => ({ n: 0, right: 0, conf: 0 }));
  let abstained = 0,
    abstainedRight = 0,
    answeredRight = 0,
    answered = 0;
  for (const { q, gold } of questions) {
    const r = engine.answer(q, { alternatives: 0 });
    const m = r.kind === 'answer' ? r.best : r.closest;
    if (!m) {
      abstained++;
      continue;
    }
    const right = m.article.id === gold.articleId && m.paragraph.index === gold.paragraph;
    const b = bands[Math.min(4, Math.floor(m.confidence * 5))];
    b.n++;
    b.conf += m.confidence;
    if (right) b.right++;
    if (r.kind === 'none') {
      abstained++;
      if (right) abstainedRight++;
    } else {
      answered++;
      if (right) answeredRight++;
    }
  }
  for (let i = 0; i < 5; i++) {
    const b = bands[i];
    if (!b.n) continue;
    console.log(`  confidence ${i * 20}–${i * 20 + 20} %: ${String(b.n).padStart(5)} questions, mean confidence ${pct(b.conf, b.n)} %, right ${pct(b.right, b.n)} %`);
  }
  console.log(
    `Abstained on ${abstained} of ${questions.length} (${pct(abstained, questions.length)} %; the closest passage was right for ${abstainedRight} of them); answered ${answered}, right ${pct(answeredRight, answered)} %`,
  );
}

// ---------------------------------------------------------------------------------------------
// 5. fuse.js vs SymSpell as the typo corrector

function correctors(articles: Article[], questions: string[]): void {
  console.log('\n## Typo correction alone: fuse.js vs SymSpell over the corpus vocabulary');
  const freq = new Map<string, number>();
  for (const a of articles) for (const p of a.paragraphs) for (const w of words(p.text)) if (/^[a-z]+$/.test(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const vocab = [...freq.keys()];
  const rand = mulberry32(7);
  // Words of five letters or more from the questions that the corpus knows, each with one edit.
  const pool = [...new Set(questions.flatMap((q) => words(q)).filter((w) => w.length >= 5 && freq.has(w) && !STOP_WORDS.has(w)))];
  const count = Math.min(300, pool.length);
  const cases: { word: string; typo: string }[] = [];
  for (let i = 0; i < count; i++) {
    const word = pool[Math.floor(rand() * pool.length)];
    let t = typo(word, rand);
    for (let k = 0; k < 5 && freq.has(t); k++) t = typo(word, rand);
    cases.push({ word, typo: t });
  }
  let t0 = performance.now();
  const spell = SpellCorrector.build(
    vocab,
    vocab.map((w) => freq.get(w) ?? 0),
  );
  const symBuild = performance.now() - t0;
  t0 = performance.now();
  let symOk = 0;
  for (const c of cases) if (spell.correct(c.typo)?.word === c.word) symOk++;
  const symMs = (performance.now() - t0) / cases.length;
  console.log(`Vocabulary ${vocab.length} words; ${cases.length} typo'd question words (one random edit each)`);
  console.log(`  SymSpell (this engine): restores ${pct(symOk, cases.length)} %, ${symMs.toFixed(3)} ms/word, index built in ${ms(symBuild)} ms`);
  if (NO_FUSE) return;
  t0 = performance.now();
  const fuse = new Fuse(vocab, { includeScore: true, threshold: 0.4 });
  const fuseBuild = performance.now() - t0;
  const fuseCases = cases.slice(0, SAMPLE ? Math.min(100, cases.length) : 200);
  t0 = performance.now();
  let fuseOk = 0;
  for (const c of fuseCases) if (fuse.search(c.typo, { limit: 1 })[0]?.item === c.word) fuseOk++;
  const fuseMs = (performance.now() - t0) / fuseCases.length;
  let symOkSame = 0;
  for (const c of fuseCases) if (spell.correct(c.typo)?.word === c.word) symOkSame++;
  console.log(
    `  fuse.js 7 (threshold 0.4, first ${fuseCases.length} words): restores ${pct(fuseOk, fuseCases.length)} % (SymSpell on the same words: ${pct(symOkSame, fuseCases.length)} %), ${ms(fuseMs)} ms/word, index built in ${ms(fuseBuild)} ms`,
  );
}

// ---------------------------------------------------------------------------------------------

const started = performance.now();
if (!existsSync(DATA)) {
  console.log(`Retrieval bench skipped: no data folder at ${DATA}`);
} else {
  seedDev();
  squad();
}
console.log(`\n(retrieval bench: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
