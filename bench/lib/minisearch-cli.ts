/**
 * The MiniSearch baseline of the speed benchmark (issue 2): MiniSearch 7.2 indexing paragraphs
 * (field `text`, storing `id`), terms lowercased, English stop words dropped, Porter2-stemmed,
 * searched with MiniSearch's defaults (OR, no fuzzy, no prefix).
 *
 * Run as a script it does the end-to-end job the CLI does, for comparison:
 *   npx tsx bench/lib/minisearch-cli.ts --articles DIR [--top N] < questions.txt
 * reads every `*.txt` article in DIR (format: optional `date YYYY-MM-DD` header before the lede,
 * paragraphs separated by blank lines), indexes the paragraphs, and prints one JSON object per
 * question per line, in the CLI's `--json` contract (`--json` is accepted and implied).
 * `--text-from ROOT` takes the stemmer and stop words from ROOT/src/text/ (default: this checkout);
 * `--stem-cache` memoises the stemmer (not the baseline).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import type { Article } from '../../src/types.ts';

export interface TextPipeline {
  stem: (word: string) => string;
  stopWords: ReadonlySet<string>;
  /** Where the stemmer and stop words came from, for the report. */
  origin: string;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The engine's own stemmer and stop words from ROOT/src/text/ (porter2.ts, stop-words.ts), or
 * from ROOT/src/search/text.ts in snapshots older than src/text/ (ROOT is this checkout, or a
 * snapshot the speed bench runs), so the baseline normalises text exactly as ours does.
 */
export async function resolveTextPipeline(repoRoot = REPO_ROOT): Promise<TextPipeline> {
  const split = existsSync(join(repoRoot, 'src/text/porter2.ts'));
  const files = split ? ['src/text/porter2.ts', 'src/text/stop-words.ts'] : ['src/search/text.ts'];
  const mods = (await Promise.all(files.map((f) => import(pathToFileURL(join(repoRoot, f)).href)))) as { stem?: unknown; STOP_WORDS?: unknown }[];
  const stem = mods.find((m) => typeof m.stem === 'function')?.stem;
  const stopWords = mods.find((m) => m.STOP_WORDS instanceof Set)?.STOP_WORDS;
  if (typeof stem !== 'function' || !(stopWords instanceof Set)) {
    throw new Error(`${files.join(' and ')} in ${repoRoot} do not export stem() and STOP_WORDS: the baseline needs them`);
  }
  return { stem: stem as (w: string) => string, stopWords: stopWords as ReadonlySet<string>, origin: `${files.join(' + ')} (stem, STOP_WORDS)` };
}

export interface BaselineHit {
  article: Article;
  paragraphIndex: number; // position in article.paragraphs
  score: number;
  terms: string[];
}

interface Doc {
  id: number;
  text: string;
}

/** MiniSearch over paragraphs, configured as the baseline. */
export class MiniSearchBaseline {
  private constructor(
    private readonly index: MiniSearch<Doc>,
    private readonly docArticle: Int32Array,
    private readonly docParagraph: Int32Array,
    private readonly articles: readonly Article[],
    private readonly articleNumber: ReadonlyMap<string, number>,
  ) {}

  /**
   * `cacheStems`: memoise the stemmer per distinct word (off by default: the baseline is
   * MiniSearch with a plain stemmer; on, it shows how much of MiniSearch's build is stemming).
   */
  static build(articles: readonly Article[], text: TextPipeline, cacheStems = false): MiniSearchBaseline {
    const { stopWords } = text;
    let stem = text.stem;
    if (cacheStems) {
      const cache = new Map<string, string>();
      stem = (w) => {
        let s = cache.get(w);
        if (s === undefined) cache.set(w, (s = text.stem(w)));
        return s;
      };
    }
    const processTerm = (term: string): string | null => {
      const t = term.toLowerCase();
      return stopWords.has(t) ? null : stem(t);
    };
    const index = new MiniSearch<Doc>({ fields: ['text'], storeFields: ['id'], processTerm });
    let n = 0;
    for (const a of articles) n += a.paragraphs.length;
    const docArticle = new Int32Array(n);
    const docParagraph = new Int32Array(n);
    const docs = new Array<Doc>(n);
    let id = 0;
    articles.forEach((a, ai) => {
      a.paragraphs.forEach((p, pi) => {
        docArticle[id] = ai;
        docParagraph[id] = pi;
        docs[id] = { id, text: p.text };
        id++;
      });
    });
    index.addAll(docs);
    return new MiniSearchBaseline(index, docArticle, docParagraph, articles, new Map(articles.map((a, i) => [a.id, i])));
  }

  /** The best `top` paragraphs for a question, optionally within one article. */
  search(question: string, top = 4, articleId?: string): BaselineHit[] {
    let results;
    if (articleId !== undefined) {
      const ai = this.articleNumber.get(articleId) ?? -1;
      results = this.index.search(question, { filter: (r) => this.docArticle[r.id as number] === ai });
    } else {
      results = this.index.search(question);
    }
    const out: BaselineHit[] = [];
    for (let i = 0; i < results.length && i < top; i++) {
      const r = results[i];
      const doc = r.id as number;
      out.push({ article: this.articles[this.docArticle[doc]], paragraphIndex: this.docParagraph[doc], score: r.score, terms: r.terms });
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// The end-to-end script

/** Minimal reader of the article format (enough for the benchmark's generated files). */
export function readArticleDir(dir: string): Article[] {
  const articles: Article[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.txt')) continue;
    const file = join(dir, name);
    let raw = readFileSync(file, 'utf8');
    if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    raw = raw.replace(/\r\n?/g, '\n');
    let date: string | null = null;
    const m = /^\s*date (\d{4}-\d{2}-\d{2})[ \t]*/.exec(raw);
    if (m) {
      date = m[1];
      raw = raw.slice(m[0].length);
    }
    const texts = raw
      .split(/\n[ \t]*\n/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    if (!texts.length) continue;
    const id = basename(name, '.txt');
    const title = /^.*?[.!?](?=\s|$)/.exec(texts[0])?.[0] ?? texts[0];
    articles.push({ id, title, date, source: id, file, paragraphs: texts.map((text, i) => ({ index: i + 1, text })) });
  }
  return articles;
}

function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?]["'”’)]?)\s+(?=["“'(]?[A-Z0-9])/).filter(Boolean);
}

/** The sentence of a passage holding most of the matched (processed) terms. */
function bestSentence(passage: string, terms: readonly string[], text: TextPipeline): string {
  const sentences = splitSentences(passage);
  if (sentences.length <= 1) return passage;
  const wanted = new Set(terms);
  let best = sentences[0];
  let bestHits = -1;
  for (const s of sentences) {
    let hits = 0;
    for (const w of s.toLowerCase().split(/[\n\r\p{Z}\p{P}]+/u)) {
      if (w && !text.stopWords.has(w) && wanted.has(text.stem(w))) hits++;
    }
    if (hits > bestHits) {
      best = s;
      bestHits = hits;
    }
  }
  return best;
}

async function main(argv: string[]): Promise<void> {
  let dir = process.env.ARTICLES_DIR ?? join(REPO_ROOT, 'seeds');
  let top = 3;
  let articleId: string | undefined;
  let textFrom = REPO_ROOT;
  let cacheStems = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--articles') dir = argv[++i];
    else if (a === '--top') top = Number(argv[++i]);
    else if (a === '--article') articleId = argv[++i];
    else if (a === '--text-from') textFrom = argv[++i];
    else if (a === '--stem-cache') cacheStems = true;
    else if (a === '--json') continue;
    else {
      process.stderr.write(`minisearch-cli: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  const text = await resolveTextPipeline(textFrom);
  const articles = readArticleDir(dir);
  const engine = MiniSearchBaseline.build(articles, text, cacheStems);
  const input = readFileSync(0, 'utf8');
  const match = (h: BaselineHit) => {
    const p = h.article.paragraphs[h.paragraphIndex];
    const { id, title, date, source } = h.article;
    return {
      article: { id, title, date, source },
      paragraph: p.index,
      paragraphs: h.article.paragraphs.length,
      passage: p.text,
      sentence: bestSentence(p.text, h.terms, text),
      score: h.score,
    };
  };
  let buf = '';
  for (const line of input.split('\n')) {
    const question = line.trim();
    if (!question) continue;
    let out;
    if (question.length > 300) {
      out = { question, answer: null, closest: null, alternatives: [], error: 'The question is longer than 300 characters.' };
    } else {
      const hits = engine.search(question, top + 1, articleId);
      const best = hits[0] ? match(hits[0]) : null;
      out = { question, answer: best, closest: best, alternatives: hits.slice(1).map(match) };
    }
    buf += JSON.stringify(out) + '\n';
    if (buf.length > 1 << 16) {
      process.stdout.write(buf);
      buf = '';
    }
  }
  process.stdout.write(buf);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
