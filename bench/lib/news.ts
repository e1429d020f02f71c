/**
 * The news QA dev set (`../shared/data/news-qa-dev.json`) as an articles folder: its CNN/Daily Mail
 * and BBC articles written to a temporary folder in the project's format (CNN/DM texts have no
 * paragraph breaks: split into paragraphs of 2 sentences with the engine's own splitter; BBC texts
 * keep their line breaks; the headline in NAME.meta.json) and loaded with the project's loader.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArticles } from '../../src/articles/load.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import type { Article } from '../../src/types.ts';

export interface NewsQaSet {
  articles: { id: string; source_file: string; questions: { q: string; expect: string }[] }[];
  unanswerable: { q: string; near: string }[];
}

interface NewsSource {
  id: string;
  url: string;
  article: string;
  reference: string;
}

/** CNN/DM text (no paragraph breaks) → paragraphs of `size` sentences; BBC text keeps its lines. */
export function newsParagraphs(text: string, cnn: boolean, size = 2): string[] {
  if (!cnn)
    return text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const sentences = splitSentences(text);
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i += size) out.push(sentences.slice(i, i + size).join(' '));
  return out;
}

/** The headline: the URL slug for CNN/DM, the XSum summary (BBC's standfirst) for BBC. */
function headline(src: NewsSource, cnn: boolean): string {
  if (!cnn) return src.reference.trim().replace(/^./, (c) => c.toUpperCase());
  const slug =
    src.url
      .replace(/\.html?$/, '')
      .split('/')
      .pop() ?? src.id;
  return slug.replace(/^article-\d+-?/, '').replace(/-/g, ' ');
}

/** Folds whitespace and quotes so an `expect` sentence is found in a parsed passage. */
export function fold(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201b`´]/g, "'")
    .replace(/[\u201c\u201d\u201e]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The set and its articles as the project loads them, or a reason it is unavailable. */
export async function loadNewsQa(dataDir: string): Promise<{ set: NewsQaSet; articles: Article[] } | { missing: string }> {
  const path = join(dataDir, 'news-qa-dev.json');
  if (!existsSync(path)) return { missing: path };
  const set = JSON.parse(readFileSync(path, 'utf8')) as NewsQaSet;
  const sources = new Map<string, NewsSource>();
  for (const file of new Set(set.articles.map((a) => a.source_file))) {
    const p = join(dataDir, file);
    if (!existsSync(p)) return { missing: p };
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as NewsSource;
      sources.set(`${file}:${o.id}`, o);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-news-qa-'));
  try {
    for (const a of set.articles) {
      const src = sources.get(`${a.source_file}:${a.id}`);
      if (!src) throw new Error(`news-qa-dev.json names ${a.id}, which ${a.source_file} lacks`);
      const cnn = !a.source_file.includes('xsum');
      writeFileSync(join(dir, `${a.id}.txt`), newsParagraphs(src.article, cnn).join('\n\n') + '\n');
      writeFileSync(join(dir, `${a.id}.meta.json`), JSON.stringify({ title: headline(src, cnn), url: src.url }));
    }
    const { articles } = await loadArticles(dir);
    return { set, articles };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
