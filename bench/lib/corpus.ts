/**
 * Corpora for the speed benchmark: SQuAD v1.1 dev (bench/lib/squad.ts), grown to a target paragraph count by perturbed copies, or
 * synthetic text from a seeded generator when the data set is absent. Also writes a corpus as
 * article files in the project's article format (for the end-to-end CLI run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../src/types.ts';
import { loadSquad } from './squad.ts';
import { mulberry32, shuffleInPlace } from './stats.ts';

/** A benchmark question: `paragraph` is the 1-based `Paragraph.index` of the answering paragraph. */
export interface BenchQuestion {
  q: string;
  articleId: string;
  paragraph: number;
  answers: string[];
}

export interface BenchCorpus {
  articles: Article[];
  questions: BenchQuestion[];
  /** Where it came from, for the report. */
  origin: string;
  synthetic: boolean;
}

/** Path of the SQuAD dev file relative to the repository root. */
export const SQUAD_PATH = '../shared/data/squad-dev-v1.1.jsonl';

/** SQuAD v1.1 dev (bench/lib/squad.ts), or null when the data set is absent. */
export function loadSquadCorpus(repoRoot: string): BenchCorpus | null {
  const path = join(repoRoot, SQUAD_PATH);
  // BENCH_SYNTHETIC=1 pretends the data set is absent (to try the synthetic fallback).
  if (process.env.BENCH_SYNTHETIC === '1') return null;
  const squad = loadSquad(path);
  return squad && { articles: squad.articles, questions: squad.questions, origin: 'SQuAD v1.1 dev via bench/lib/squad.ts', synthetic: false };
}

// ---------------------------------------------------------------------------------------------
// Growing a corpus by perturbed copies

const COPY_SEP = '~c';

/** The id of copy `k` (k ≥ 1) of an article; copy 0 keeps the original id. */
export function copyId(id: string, k: number): string {
  return k === 0 ? id : `${id}${COPY_SEP}${String(k).padStart(2, '0')}`;
}

/** The original article id behind a (possibly copied) id. */
export function baseId(id: string): string {
  const i = id.lastIndexOf(COPY_SEP);
  return i < 0 ? id : id.slice(0, i);
}

function splitSentencesSimple(text: string): string[] {
  return text.split(/(?<=[.!?]["'”’)]?)\s+(?=["“'(]?[A-Z0-9])/).filter(Boolean);
}

/** One perturbed copy of a paragraph: sentences shuffled, one random word dropped from each. */
function perturb(text: string, rand: () => number): string {
  const sentences = splitSentencesSimple(text).map((s) => {
    const words = s.split(' ');
    if (words.length >= 4) words.splice(Math.floor(rand() * (words.length - 1)), 1); // never the last (keeps the stop)
    return words.join(' ');
  });
  if (sentences.length > 1) shuffleInPlace(sentences, rand);
  return sentences.join(' ');
}

/**
 * The base articles followed by `copies - 1` perturbed copies of each, as distinct articles
 * (ids `ID~cNN`, same paragraph numbering). Deterministic for a given seed.
 */
export function growCorpus(base: readonly Article[], copies: number, seed = 12345): Article[] {
  const out: Article[] = [...base];
  for (let k = 1; k < copies; k++) {
    const rand = mulberry32(seed + k * 7919);
    for (const a of base) {
      out.push({
        ...a,
        id: copyId(a.id, k),
        title: `${a.title} (${k})`,
        paragraphs: a.paragraphs.map((p) => ({ ...p, text: perturb(p.text, rand) })),
      });
    }
  }
  return out;
}

export function paragraphCount(articles: readonly Article[]): number {
  let n = 0;
  for (const a of articles) n += a.paragraphs.length;
  return n;
}

/** How many copies of `base` come closest to `target` paragraphs (at least 1). */
export function copiesFor(base: readonly Article[], target: number): number {
  return Math.max(1, Math.round(target / Math.max(1, paragraphCount(base))));
}

// ---------------------------------------------------------------------------------------------
// Synthetic text (when SQuAD is absent)

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tas',
  'vo',
  'dal',
  'ein',
  'sor',
  'pu',
  'gri',
  'mon',
  'bel',
  'tur',
  'nak',
  'sil',
  'ar',
  'fen',
  'qui',
  'zor',
  'hal',
  'ves',
  'tri',
  'old',
  'man',
  'per',
  'cor',
  'lin',
  'das',
  'ept',
];
const FUNCTION_WORDS = ['the', 'of', 'and', 'in', 'to', 'a', 'was', 'for', 'on', 'by', 'with', 'as', 'is', 'at', 'from'];

/**
 * A synthetic corpus of about `targetParagraphs` paragraphs (articles of 30–55 paragraphs,
 * Zipf-distributed vocabulary of pseudo-words plus English function words) and questions built
 * from words of a known paragraph. Deterministic for a given seed.
 */
export function syntheticCorpus(targetParagraphs: number, seed = 4242, questionCount = 3000): BenchCorpus {
  const rand = mulberry32(seed);
  const vocabSize = 30000;
  const vocab: string[] = [];
  const seen = new Set<string>();
  while (vocab.length < vocabSize) {
    let w = '';
    const n = 1 + Math.floor(rand() * 3.2);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (rand() < 0.3) w += ['s', 'ed', 'ing', 'ly', 'tion'][Math.floor(rand() * 5)];
    if (!seen.has(w)) {
      seen.add(w);
      vocab.push(w);
    }
  }
  // Zipf(1.05) cumulative weights for sampling by binary search.
  const cum = new Float64Array(vocabSize);
  let total = 0;
  for (let i = 0; i < vocabSize; i++) cum[i] = total += 1 / Math.pow(i + 1, 1.05);
  const word = (): string => {
    if (rand() < 0.35) return FUNCTION_WORDS[Math.floor(rand() * FUNCTION_WORDS.length)];
    const x = rand() * total;
    let lo = 0;
    let hi = vocabSize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo];
  };
  const sentence = (): string => {
    const n = 10 + Math.floor(rand() * 16);
    const ws: string[] = [];
    for (let i = 0; i < n; i++) ws.push(word());
    if (rand() < 0.3) ws.splice(Math.floor(rand() * n), 0, String(1800 + Math.floor(rand() * 225)));
    const s = ws.join(' ');
    return s[0].toUpperCase() + s.slice(1) + '.';
  };
  const articles: Article[] = [];
  let paragraphs = 0;
  while (paragraphs < targetParagraphs) {
    const n = Math.min(30 + Math.floor(rand() * 26), Math.max(1, targetParagraphs - paragraphs));
    const ps = [];
    for (let i = 0; i < n; i++) {
      const m = 3 + Math.floor(rand() * 5);
      const ss: string[] = [];
      for (let j = 0; j < m; j++) ss.push(sentence());
      ps.push({ index: i + 1, text: ss.join(' ') });
    }
    const id = `synthetic-${String(articles.length).padStart(5, '0')}`;
    articles.push({ id, title: ps[0].text.split('.')[0].slice(0, 60), date: null, source: 'synthetic', paragraphs: ps });
    paragraphs += n;
  }
  const questions: BenchQuestion[] = [];
  for (let i = 0; i < questionCount; i++) {
    const a = articles[Math.floor(rand() * articles.length)];
    const p = a.paragraphs[Math.floor(rand() * a.paragraphs.length)];
    const ss = splitSentencesSimple(p.text);
    const words = ss[Math.floor(rand() * ss.length)].replace(/\.$/, '').split(' ');
    const start = Math.floor(rand() * Math.max(1, words.length - 8));
    const picked = words
      .slice(start, start + 5 + Math.floor(rand() * 5))
      .join(' ')
      .toLowerCase();
    questions.push({ q: `What ${picked}?`, articleId: a.id, paragraph: p.index, answers: [] });
  }
  return { articles, questions, origin: `synthetic (seed ${seed})`, synthetic: true };
}

// ---------------------------------------------------------------------------------------------
// Corpus for a size, and article files

/**
 * About `targetParagraphs` paragraphs: SQuAD grown by perturbed copies when the data is present,
 * else synthetic text. Questions always refer to the original (copy 0) articles.
 */
export async function corpusForSize(repoRoot: string, targetParagraphs: number): Promise<BenchCorpus> {
  const squad = loadSquadCorpus(repoRoot);
  if (!squad) return syntheticCorpus(targetParagraphs);
  const copies = copiesFor(squad.articles, targetParagraphs);
  return {
    ...squad,
    articles: growCorpus(squad.articles, copies),
    origin: copies > 1 ? `${squad.origin}, ×${copies} (perturbed copies)` : squad.origin,
  };
}

/** A deterministic sample of `n` questions (seeded shuffle), single-line and at most 300 characters. */
export function sampleQuestions(questions: readonly BenchQuestion[], n: number, seed = 99): BenchQuestion[] {
  const usable = questions.filter((q) => q.q.trim() && q.q.length <= 300).map((q) => ({ ...q, q: q.q.replace(/\s+/g, ' ').trim() }));
  return shuffleInPlace(usable, mulberry32(seed)).slice(0, n);
}

/**
 * Writes articles as `ID.txt` files in the project's article format: first line
 * `date YYYY-MM-DD <first paragraph>`, then the other paragraphs separated by blank lines.
 * Dates are seeded and valid. Returns the number of files written.
 */
export function writeArticleFiles(dir: string, articles: readonly Article[], seed = 2024): number {
  mkdirSync(dir, { recursive: true });
  const rand = mulberry32(seed);
  let n = 0;
  for (const a of articles) {
    const y = 2015 + Math.floor(rand() * 11);
    const m = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    const date = a.date ?? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const [first, ...rest] = a.paragraphs.map((p) => p.text.replace(/\s+/g, ' ').trim());
    const body = [`date ${date} ${first ?? ''}`, ...rest].join('\n\n') + '\n';
    const file = a.id.replace(/[^A-Za-z0-9._~-]/g, '_') + '.txt';
    writeFileSync(join(dir, file), body);
    n++;
  }
  return n;
}

/** File name (without `.txt`) that `writeArticleFiles` uses for an article id. */
export function fileIdFor(id: string): string {
  return id.replace(/[^A-Za-z0-9._~-]/g, '_');
}
