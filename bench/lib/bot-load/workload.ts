import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Article } from '../../../src/types.ts';
import { loadArticles } from '../../../src/articles/load.ts';
import { MAX_QUESTION_LENGTH } from '../../../src/search/question.ts';
import { corpusForSize, paragraphCount, sampleQuestions, writeArticleFiles } from '../corpus.ts';
import { fmt, mulberry32, shuffleInPlace } from '../stats.ts';
import type { BenchArgs } from './args.ts';
import type { Planned } from './drive.ts';
/**
 * The workload of the bot benchmarks: the corpora (the seed, or a ~20,000-paragraph corpus from
 * SQuAD), the questions people would ask of them, and the /ask + /summary + autocomplete mix.
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SEED_DIR = join(REPO_ROOT, 'seeds');
const SEED_QA = join(REPO_ROOT, '../shared/data/seed-qa-dev.json');

export interface CorpusSpec {
  name: 'seed' | 'big';
  dir: string;
  articles: Article[];
  questions: string[];
  origin: string;
}

/** Words of a paragraph turned into questions the way people type them (deterministic). */
function generatedQuestions(articles: readonly Article[], n: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const wh = ['Who', 'What', 'When', 'Where', 'Why', 'How', 'Which', 'What about', 'Did', 'Is it true that'];
  const out: string[] = [];
  const paragraphs = articles.flatMap((a) => a.paragraphs);
  if (!paragraphs.length) return out;
  for (let i = 0; i < n; i++) {
    const p = paragraphs[Math.floor(rand() * paragraphs.length)];
    const words = p.text.replace(/[“”"]/g, '').split(/\s+/).filter(Boolean);
    const start = Math.floor(rand() * Math.max(1, words.length - 8));
    const picked = words
      .slice(start, start + 3 + Math.floor(rand() * 7))
      .join(' ')
      .replace(/[.,;:!?]+$/, '');
    let q = `${wh[Math.floor(rand() * wh.length)]} ${rand() < 0.5 ? picked.toLowerCase() : picked}?`;
    if (rand() < 0.1) q = q.replace(/([a-z]{5,})/, (w) => w.slice(0, 2) + w[3] + w[2] + w.slice(4)); // a typo
    out.push(q.slice(0, MAX_QUESTION_LENGTH));
  }
  return out;
}

/** A few awkward questions, as real users type them (they must be answered like any other). */
const AWKWARD = [
  'who???',
  '@everyone what happened in Kabul',
  'what did <@123456789012345678> say about the embassy',
  '**bold** `code` ```fence``` question about the attack',
  'Who condemned the attack 🙏🙏🙏',
  'WHO WAS INJURED',
  'pakistan embassy kabul attack guard hospital',
  'x'.repeat(120),
];

function seedQuestions(articles: readonly Article[]): { questions: string[]; origin: string } {
  const dev: string[] = [];
  let origin = 'seed articles';
  if (existsSync(SEED_QA)) {
    try {
      const data = JSON.parse(readFileSync(SEED_QA, 'utf8')) as { questions?: Array<{ q?: string }> };
      for (const q of data.questions ?? []) if (q.q?.trim()) dev.push(q.q.trim().slice(0, MAX_QUESTION_LENGTH));
      origin += `; ${dev.length} dev questions from ../shared/data/seed-qa-dev.json`;
    } catch (error) {
      console.log(`(could not read ${SEED_QA}: ${(error as Error).message}; generated questions only)`);
    }
  } else {
    console.log(`(${SEED_QA} absent: generated questions only)`);
  }
  const generated = generatedQuestions(articles, 400, 7);
  // The dev questions weigh as much as the generated ones together.
  const weighted = [...Array.from({ length: Math.max(1, Math.ceil(generated.length / Math.max(1, dev.length))) }, () => dev).flat(), ...generated, ...AWKWARD];
  return { questions: shuffleInPlace(weighted, mulberry32(11)), origin: `${origin}; ${generated.length} generated; ${AWKWARD.length} awkward` };
}

export async function prepareSeed(): Promise<CorpusSpec | null> {
  if (!existsSync(SEED_DIR)) {
    console.log(`Seed corpus skipped: ${SEED_DIR} does not exist.`);
    return null;
  }
  const { articles } = await loadArticles(SEED_DIR);
  if (!articles.length) {
    console.log(`Seed corpus skipped: no loadable article in ${SEED_DIR}.`);
    return null;
  }
  const { questions, origin } = seedQuestions(articles);
  return { name: 'seed', dir: SEED_DIR, articles, questions, origin };
}

export async function prepareBig(target: number, tmp: string): Promise<CorpusSpec | null> {
  const t0 = performance.now();
  const corpus = await corpusForSize(REPO_ROOT, target);
  const dir = join(tmp, 'articles');
  writeArticleFiles(dir, corpus.articles);
  // Read back what the bot will see (ids, titles), with the project's own loader.
  const { articles } = await loadArticles(dir);
  if (!articles.length) {
    console.log(`Big corpus skipped: nothing loadable was written to ${dir}.`);
    return null;
  }
  const questions = sampleQuestions(corpus.questions, 4000, 99).map((q) => q.q.slice(0, MAX_QUESTION_LENGTH));
  questions.push(...generatedQuestions(articles, 400, 13), ...AWKWARD);
  shuffleInPlace(questions, mulberry32(17));
  console.log(
    `Big corpus: ${articles.length} articles, ${paragraphCount(articles)} paragraphs (${corpus.origin}) written to ${dir} in ${fmt((performance.now() - t0) / 1000, 1)} s; ${questions.length} questions.`,
  );
  return { name: 'big', dir, articles, questions, origin: corpus.origin };
}

/**
 * Appends a paragraph to one article file of `dir` every `seconds` (a different file each time),
 * so that the bot reloads its library while it is measured. Only for the big corpus, which lives
 * in a temp folder: the repository's seeds are never touched.
 */
export function editArticles(dir: string, seconds: number): { stop: () => void; count: () => number } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  let n = 0;
  const timer = setInterval(() => {
    appendFileSync(join(dir, files[(n * 97) % files.length]), `\nA late paragraph, edit ${n}.\n`);
    n++;
  }, seconds * 1000);
  return { stop: () => clearInterval(timer), count: () => n };
}

export function planner(spec: CorpusSpec, userIds: readonly string[], args: BenchArgs, seed: number): (i: number) => Planned {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  // What people type into the `article` box: the start of a title, 2 to 12 characters, or a word of it.
  const typed = spec.articles.slice(0, 2000).map((a) => a.title || a.id);
  const fragment = (): string => {
    const t = pick(typed);
    if (rand() < 0.5) return t.slice(0, 2 + Math.floor(rand() * 11)).trim() || t.slice(0, 5);
    const words = t.split(/\s+/).filter((w) => w.length > 2);
    return words.length ? pick(words) : t.slice(0, 6);
  };
  const ids = spec.articles.map((a) => a.id).filter((id) => id.length <= 100);
  return (i: number): Planned => {
    const userId = userIds[i % userIds.length];
    const r = rand();
    if (r < args.autocompleteShare) {
      return rand() < 0.7
        ? { kind: 'autocomplete', input: { name: 'ask', options: { question: pick(spec.questions), article: fragment() }, focused: 'article', userId } }
        : { kind: 'autocomplete', input: { name: 'summary', options: { article: fragment() }, focused: 'article', userId } };
    }
    if (r < args.autocompleteShare + args.summaryShare) {
      const options: Record<string, string | number> = {};
      if (rand() < 0.6 && ids.length) options.article = pick(ids);
      if (rand() < 0.3) options.sentences = 1 + Math.floor(rand() * 5);
      return { kind: 'summary', input: { name: 'summary', options, userId } };
    }
    const options: Record<string, string> = { question: pick(spec.questions) };
    if (rand() < 0.05 && ids.length) options.article = pick(ids);
    return { kind: 'ask', input: { name: 'ask', options, userId } };
  };
}
