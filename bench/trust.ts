/**
 * Trust bench (issue 10): does the engine answer what the articles say, abstain when they do not,
 * and show a confidence that means what it says?
 *
 *   npx tsx bench/trust.ts [--sample N] [--removed-every K] [--no-squad] [--verbose]
 *   npm run bench -- --only trust
 *
 * Sets (all read from ../shared/data/; each one absent is skipped with a message):
 * - off-topic: questions-offtopic-dev.txt against the seed article alone (every one should abstain);
 * - news: news-qa-dev.json over its 20 CNN/Daily Mail and BBC articles, written to a temporary
 *   articles folder (CNN/DM texts have no paragraph breaks: split into paragraphs of 2 sentences with
 *   the engine's own splitter; BBC texts keep their line breaks; the headline in NAME.meta.json);
 *   answerable right at top-1 (the answer's passage holds the `expect` sentence), unanswerable answered;
 * - paraphrase and seed dev: seed-qa-paraphrase-dev.json and seed-qa-dev.json on the seed article;
 * - SQuAD v1.1 dev: right at top-1 within the own article and over the whole corpus (an abstention
 *   counts as wrong), the same with seeded typos, false answers with the article set to the next
 *   one, false answers with the own article removed from the library (every K-th article, default 4).
 *
 * Then the expected calibration error of the shown confidence (10 equal-width bins) over all
 * answers given, and the trade-off curve: what each set would give if the engine abstained
 * by the abstention threshold t (P(answerable) ≥ t, as the engine decides). `--sample N` takes N evenly spaced SQuAD questions
 * (for iterating; report full runs). Unknown arguments are ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../src/articles/parse.ts';
import { trustScore, trustSignals } from '../src/search/confidence.ts';
import { type SearchOptions, SearchEngine } from '../src/search/engine.ts';
import { ANSWERABLE_MODEL } from '../src/search/tuning.ts';
import { english } from '../src/search/english.ts';
import type { AnswerResult, Article, Match } from '../src/types.ts';
import { fold, loadNewsQa } from './lib/news.ts';
import { loadSquad } from './lib/squad.ts';
import { checkQuestion } from '../src/search/question.ts';
import { mulberry32, table } from './lib/stats.ts';
import { typoQuestion } from './lib/typos.ts';
import { numberOption } from './lib/args.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(REPO_ROOT, '../shared/data');

const SAMPLE = numberOption('--sample', 0);
const REMOVED_EVERY = numberOption('--removed-every', 4);
const NO_SQUAD = process.argv.includes('--no-squad');
const VERBOSE = process.argv.includes('--verbose');

/** One question asked: what the engine did, what it showed, and whether that was right. */
interface Outcome {
  answered: boolean;
  /** Confidence of the passage shown (the answer, or the closest one when abstaining); 0 when none. */
  confidence: number;
  /** The shown passage answers the question (always false when the question has no answer here). */
  right: boolean;
  /** P(the library answers the question) of the best passage (ANSWERABLE_MODEL); 0 when none. */
  answerable: number;
}

type SetName =
  | 'offtopic'
  | 'news'
  | 'news-unanswerable'
  | 'paraphrase'
  | 'seed'
  | 'seed-out-of-scope'
  | 'squad-within'
  | 'squad-whole'
  | 'squad-within-typos'
  | 'squad-whole-typos'
  | 'squad-wrong-article'
  | 'squad-removed';

const outcomes = new Map<SetName, Outcome[]>();
function record(set: SetName, o: Outcome): void {
  let list = outcomes.get(set);
  if (!list) outcomes.set(set, (list = []));
  list.push(o);
}

function shown(r: AnswerResult): Match | undefined {
  return r.kind === 'answer' ? r.best : r.closest;
}

/**
 * Asks as the bot and the CLI do: the question is checked first (a rejected one, such as small
 * talk, is not answered), then the engine answers; also works out the answerability behind its
 * decision (for the trade-off curve).
 */
function ask(engine: SearchEngine, q: string, options: SearchOptions, right: (m: Match) => boolean): { r: AnswerResult; o: Outcome } {
  const check = checkQuestion(q);
  if (!check.ok) return { r: { kind: 'none', alternatives: [], reason: check.error }, o: { answered: false, confidence: 0, right: false, answerable: 0 } };
  const r = engine.answer(check.question, options);
  const m = shown(r);
  const ranking = engine.rank(check.question, { articleId: options.articleId, limit: 2 });
  const answerable = ranking && ranking.ranked.length ? trustScore(trustSignals(ranking.ranked, 0, ranking.query), ANSWERABLE_MODEL) : 0;
  return { r, o: { answered: r.kind === 'answer', confidence: m?.confidence ?? 0, right: m ? right(m) : false, answerable } };
}

const pct = (x: number, n: number, d = 1): string => (n ? `${((100 * x) / n).toFixed(d)} %` : 'n/a');
const count = (list: readonly Outcome[], f: (o: Outcome) => boolean): number => list.reduce((n, o) => n + (f(o) ? 1 : 0), 0);
const conf = (c: number): string => `${Math.round(c * 100)} %`;

/** The engine every set is asked against (one place to change how it is built). */
function buildEngine(articles: readonly Article[]): SearchEngine {
  return SearchEngine.build(articles);
}

// ---------------------------------------------------------------------------------------------
// The seed article: off-topic, paraphrase and dev questions

interface SeedSet {
  article: string;
  passages: Record<string, string>;
  questions: { kind: string; q: string; expect: string[] }[];
}

function seedEngine(name: string): SearchEngine | null {
  const file = join(REPO_ROOT, 'seeds', name);
  if (!existsSync(file)) return null;
  return buildEngine([parseArticle(readFileSync(file, 'utf8'), { id: name.replace(/\.txt$/, ''), file })]);
}

function offTopic(): void {
  console.log('\n## Off-topic questions against the seed alone (questions-offtopic-dev.txt)');
  const path = join(DATA, 'questions-offtopic-dev.txt');
  const engine = seedEngine('000_bb9a71c91ac491ea.txt');
  if (!existsSync(path) || !engine) {
    console.log(`(skipped: ${existsSync(path) ? 'the seed article' : path} not found)`);
    return;
  }
  const questions = readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let maxConf = 0;
  for (const q of questions) {
    const { r, o } = ask(engine, q, {}, () => false);
    record('offtopic', o);
    if (o.answered) {
      maxConf = Math.max(maxConf, o.confidence);
      console.log(`  answered: "${q}" (${conf(o.confidence)}): ${shown(r)?.sentence.slice(0, 90)}`);
    }
  }
  const answered = count(outcomes.get('offtopic') ?? [], (o) => o.answered);
  console.log(`Off-topic: ${answered} of ${questions.length} answered (target ≤ 1), highest confidence shown on an answer ${conf(maxConf)}`);
}

function seedSet(file: string, label: string, answerable: SetName, outOfScope: SetName): void {
  console.log(`\n## ${label} (${file})`);
  const path = join(DATA, file);
  if (!existsSync(path)) {
    console.log(`(skipped: ${path} not found)`);
    return;
  }
  const set = JSON.parse(readFileSync(path, 'utf8')) as SeedSet;
  const engine = seedEngine(set.article);
  if (!engine) {
    console.log(`(skipped: seeds/${set.article} not found)`);
    return;
  }
  let right = 0,
    refused = 0,
    n = 0,
    abstained = 0,
    oos = 0;
  for (const item of set.questions) {
    const hits = (m: Match): boolean => item.expect.some((id) => m.passage.includes(set.passages[id]));
    const { r, o } = ask(engine, item.q, {}, hits);
    let ok: boolean;
    if (item.expect.length === 0) {
      oos++;
      ok = !o.answered;
      if (ok) abstained++;
      record(outOfScope, { ...o, right: false });
    } else {
      n++;
      ok = o.answered && o.right;
      if (ok) right++;
      if (!o.answered) refused++;
      record(answerable, o);
    }
    if (VERBOSE || !ok) {
      const m = shown(r);
      console.log(`  ${ok ? 'ok  ' : 'FAIL'} [${item.kind}] ${item.q} → ${o.answered ? 'answer' : 'none'} ${m ? `¶${m.paragraph.index}` : '-'} (${conf(o.confidence)})`);
    }
  }
  console.log(`${label}: ${right} of ${n} right at top-1, ${refused} refused${oos ? `; ${abstained} of ${oos} out-of-scope abstained` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// News QA

async function newsQa(): Promise<void> {
  console.log('\n## News questions (news-qa-dev.json, 20 articles, CNN/DM in paragraphs of 2 sentences)');
  const news = await loadNewsQa(DATA);
  if ('missing' in news) {
    console.log(`(skipped: ${news.missing} not found)`);
    return;
  }
  const { set, articles } = news;
  const engine = buildEngine(articles);
  let right = 0,
    n = 0,
    refused = 0;
  for (const a of set.articles) {
    for (const item of a.questions) {
      n++;
      const expect = fold(item.expect);
      const { r, o } = ask(engine, item.q, {}, (m) => fold(m.passage).includes(expect));
      record('news', o);
      if (o.answered && o.right) right++;
      if (!o.answered) refused++;
      if (VERBOSE && !(o.answered && o.right)) {
        console.log(`  FAIL ${item.q} → ${o.answered ? 'answer' : 'none'} ${o.right ? '(right passage)' : ''} (${conf(o.confidence)}): ${shown(r)?.sentence.slice(0, 80)}`);
      }
    }
  }
  let answered = 0;
  for (const item of set.unanswerable) {
    const { r, o } = ask(engine, item.q, {}, () => false);
    record('news-unanswerable', o);
    if (o.answered) answered++;
    if (VERBOSE && o.answered) console.log(`  answered unanswerable: ${item.q} (${conf(o.confidence)}): ${shown(r)?.sentence.slice(0, 80)}`);
  }
  console.log(
    `News: ${right} of ${n} answerable right at top-1 (${pct(right, n)}; target ≥ 90 %), ${refused} refused; ${answered} of ${set.unanswerable.length} unanswerable answered (${pct(answered, set.unanswerable.length)}; target ≤ 10 %)`,
  );
}

// ---------------------------------------------------------------------------------------------
// SQuAD

function squad(): void {
  console.log('\n## SQuAD v1.1 dev');
  const path = join(DATA, 'squad-dev-v1.1.jsonl');
  const data = NO_SQUAD ? null : loadSquad(path);
  if (!data) {
    console.log(NO_SQUAD ? '(skipped: --no-squad)' : `(skipped: ${path} not found)`);
    return;
  }
  let questions = data.questions;
  if (SAMPLE > 0 && SAMPLE < questions.length) {
    const step = questions.length / SAMPLE;
    questions = Array.from({ length: SAMPLE }, (_, i) => questions[Math.floor(i * step)]);
  }
  console.log(`${data.articles.length} articles, ${questions.length} of ${data.questions.length} questions${SAMPLE ? ' (evenly spaced sample)' : ''}`);
  const t0 = performance.now();
  const engine = buildEngine(data.articles);
  const order = data.articles.map((a) => a.id);
  const next = new Map(order.map((id, i) => [id, order[(i + 1) % order.length]]));
  const rand = mulberry32(20240611);
  for (const gold of questions) {
    const right = (m: Match): boolean => m.article.id === gold.articleId && m.paragraph.index === gold.paragraph;
    const typod = typoQuestion(gold.q, rand);
    record('squad-within', ask(engine, gold.q, { articleId: gold.articleId, alternatives: 0 }, right).o);
    record('squad-whole', ask(engine, gold.q, { alternatives: 0 }, right).o);
    record('squad-within-typos', ask(engine, typod, { articleId: gold.articleId, alternatives: 0 }, right).o);
    record('squad-whole-typos', ask(engine, typod, { alternatives: 0 }, right).o);
    record('squad-wrong-article', ask(engine, gold.q, { articleId: next.get(gold.articleId), alternatives: 0 }, () => false).o);
  }
  // Own article removed: every K-th article, its questions asked against the other articles.
  const removed: string[] = [];
  for (let i = 0; i < data.articles.length; i += REMOVED_EVERY) {
    const id = data.articles[i].id;
    const asked = questions.filter((q) => q.articleId === id);
    if (!asked.length) continue;
    removed.push(id);
    const others = buildEngine(data.articles.filter((a) => a.id !== id));
    for (const gold of asked) record('squad-removed', ask(others, gold.q, { alternatives: 0 }, () => false).o);
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const get = (s: SetName) => outcomes.get(s) ?? [];
  const top1 = (s: SetName): number => (100 * count(get(s), (o) => o.answered && o.right)) / Math.max(1, get(s).length);
  const falseRate = (s: SetName): string =>
    pct(
      count(get(s), (o) => o.answered),
      get(s).length,
    );
  console.log(
    `Right at top-1, an abstention counting as wrong: within the article ${top1('squad-within').toFixed(2)} % (target ≥ 84), whole corpus ${top1('squad-whole').toFixed(2)} % (target ≥ 83)`,
  );
  console.log(
    `Typo loss: within ${(top1('squad-within') - top1('squad-within-typos')).toFixed(2)} / whole ${(top1('squad-whole') - top1('squad-whole-typos')).toFixed(2)} points (target ≤ 1)`,
  );
  console.log(`False answers with --article set to the next article: ${falseRate('squad-wrong-article')} (target ≤ 5 %)`);
  console.log(
    `False answers with the own article removed (${removed.length} articles, every ${REMOVED_EVERY}th, ${get('squad-removed').length} questions): ${falseRate('squad-removed')} (target ≤ 35 %)`,
  );
  console.log(`(SQuAD runs: ${secs} s)`);
}

// ---------------------------------------------------------------------------------------------
// Calibration and the trade-off curve

/** Expected calibration error (points) of the confidence over the answers given, 10 equal-width bins. */
function ece(list: readonly Outcome[]): { ece: number; n: number; bins: { n: number; conf: number; right: number }[] } {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  let n = 0;
  for (const o of list) {
    if (!o.answered) continue;
    const b = bins[Math.min(9, Math.floor(o.confidence * 10))];
    b.n++;
    b.conf += o.confidence;
    if (o.right) b.right++;
    n++;
  }
  let e = 0;
  for (const b of bins) if (b.n) e += (b.n / n) * Math.abs(b.conf / b.n - b.right / b.n);
  return { ece: 100 * e, n, bins };
}

function calibration(): void {
  console.log('\n## Calibration of the shown confidence (answers given; 10 equal-width bins)');
  const pick = (names: SetName[]): Outcome[] => names.flatMap((s) => outcomes.get(s) ?? []);
  const squadAll: SetName[] = ['squad-within', 'squad-whole', 'squad-wrong-article', 'squad-removed'];
  const everything = [...outcomes.keys()];
  const groups: [string, SetName[]][] = [
    ['SQuAD: own article, whole corpus, wrong article, removed (target ≤ 3)', squadAll],
    ['SQuAD without the removed-article run', ['squad-within', 'squad-whole', 'squad-wrong-article']],
    ['news, paraphrase, seed and off-topic sets', ['news', 'news-unanswerable', 'paraphrase', 'seed', 'seed-out-of-scope', 'offtopic']],
    ['every run (typo runs included)', everything],
  ];
  const rows = groups.map(([label, names]) => {
    const e = ece(pick(names));
    return [label, String(e.n), e.n ? e.ece.toFixed(2) : '–'];
  });
  console.log(table(['answers from', 'answers', 'ECE (points)'], rows));
  const detail = ece(pick(squadAll));
  if (detail.n) {
    console.log('\nSQuAD answers by confidence bin:');
    console.log(
      table(
        ['confidence', 'answers', 'mean confidence', 'right'],
        detail.bins.map((b, i) => [`${i * 10}–${i * 10 + 10} %`, String(b.n), b.n ? pct(b.conf, b.n) : '–', b.n ? pct(b.right, b.n) : '–']),
      ),
    );
  }
}

/**
 * What each set would give if the engine answered exactly when the shown confidence ≥ t: right
 * answers on answerable sets, false answers on the others.
 */
function tradeOff(): void {
  console.log(
    `\n## Trade-off: answer when P(answerable) ≥ t (or the confidence ≥ ${ANSWERABLE_MODEL.orRight}), the engine's rule at other thresholds (in use: ${ANSWERABLE_MODEL.threshold})`,
  );
  const get = (s: SetName) => outcomes.get(s) ?? [];
  const cols: [string, SetName, 'right' | 'answered'][] = [
    ['SQuAD within right', 'squad-within', 'right'],
    ['within missed', 'squad-within', 'answered'],
    ['whole right', 'squad-whole', 'right'],
    ['wrong-art. false', 'squad-wrong-article', 'answered'],
    ['removed false', 'squad-removed', 'answered'],
    ['news right', 'news', 'right'],
    ['news unans. answered', 'news-unanswerable', 'answered'],
    ['paraphrase right', 'paraphrase', 'right'],
    ['seed right', 'seed', 'right'],
    ['off-topic answered', 'offtopic', 'answered'],
  ];
  const present = cols.filter(([, s]) => get(s).length);
  if (!present.length) return;
  const rows: string[][] = [];
  const cell = (s: SetName, kind: string, label: string, answer: (o: Outcome) => boolean): string => {
    const list = get(s);
    if (label.includes('missed'))
      return pct(
        count(list, (o) => o.right && !answer(o)),
        list.length,
      );
    if (kind === 'right')
      return s.startsWith('squad')
        ? pct(
            count(list, (o) => answer(o) && o.right),
            list.length,
          )
        : `${count(list, (o) => answer(o) && o.right)}/${list.length}`;
    return s.startsWith('squad') ? pct(count(list, answer), list.length) : `${count(list, answer)}/${list.length}`;
  };
  rows.push(['engine', ...present.map(([label, s, kind]) => cell(s, kind, label, (o) => o.answered))]);
  for (let t = 0; t <= 0.9001; t += 0.05) {
    const answers = (o: Outcome): boolean => o.answerable > 0 && (o.answerable >= t || o.confidence >= ANSWERABLE_MODEL.orRight);
    rows.push([`≥ ${t.toFixed(2)}`, ...present.map(([label, s, kind]) => cell(s, kind, label, answers))]);
  }
  console.log(table(['t', ...present.map(([label]) => label)], rows));
  console.log('("missed": the shown passage was right but not given as an answer; "engine": the engine\'s own decision)');
}

// ---------------------------------------------------------------------------------------------

/** Start-up cost of the English model (english.ts): read once per process, on first use. */
function englishCost(): void {
  const memory = () => {
    globalThis.gc?.();
    const { heapUsed, external } = process.memoryUsage();
    return heapUsed + external;
  };
  const before = memory();
  const t0 = performance.now();
  const model = english();
  const ms = performance.now() - t0;
  const mib = (memory() - before) / 2 ** 20;
  console.log(
    `English model (src/search/english.txt): ${model.size} words, loaded in ${ms.toFixed(0)} ms, +${mib.toFixed(1)} MiB (heap and typed arrays)${globalThis.gc ? '' : ' (run with --expose-gc for an exact figure)'}`,
  );
}

const started = performance.now();
englishCost();
if (!existsSync(DATA)) {
  console.log(`Trust bench skipped: no data folder at ${DATA}`);
} else {
  offTopic();
  seedSet('seed-qa-dev.json', 'Seed dev', 'seed', 'seed-out-of-scope');
  seedSet('seed-qa-paraphrase-dev.json', 'Paraphrase', 'paraphrase', 'seed-out-of-scope');
  await newsQa();
  squad();
  calibration();
  tradeOff();
}
console.log(`\n(trust bench: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
