import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ARTICLE_EXTENSION, SIDECAR_SUFFIX } from '../articles/load.ts';
import type { TextBlock } from '../extract/blocks.ts';

/** What `fetch` writes beside each article: the loader's sidecar plus where and when it came from. */
export interface FetchedMeta {
  title: string;
  source: string;
  url: string;
  date: string | null;
  byline?: string;
  /** The feed the article came from. */
  feed: string;
  /** When it was fetched (ISO time). */
  fetched: string;
}

/**
 * The article file's text in the articles folder's format: a `date YYYY-MM-DD` header when the
 * date is known, the lede first (headings above it are dropped: the title is in the sidecar),
 * paragraphs separated by blank lines, subheadings as their own short lines.
 */
export function articleFileText(blocks: readonly TextBlock[], date: string | null): string {
  const first = blocks.findIndex((b) => !b.heading);
  if (first < 0) return '';
  const lines = blocks.slice(first).map((b) => (b.heading ? b.text.replace(/[.:;]+$/, '') : b.text));
  if (date) lines[0] = `date ${date} ${lines[0]}`;
  return `${lines.join('\n\n')}\n`;
}

/**
 * Writes `ID.meta.json`, then `ID.txt`, each to a temporary dot-file first and renamed into
 * place, so a reader (the folder watcher) sees the old article or the new one, never half.
 */
export async function writeArticle(dir: string, id: string, text: string, meta: FetchedMeta): Promise<void> {
  await writeAtomically(path.join(dir, `${id}${SIDECAR_SUFFIX}`), `${JSON.stringify(meta, null, 2)}\n`);
  await writeAtomically(path.join(dir, `${id}${ARTICLE_EXTENSION}`), text);
}

export async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A fetched article's sidecar, or null when the file is hand-written (no `feed` and `fetched`). */
export async function readFetchedMeta(file: string): Promise<FetchedMeta | null> {
  try {
    const meta = JSON.parse(await readFile(file, 'utf8')) as Partial<FetchedMeta>;
    return typeof meta.feed === 'string' && typeof meta.fetched === 'string' ? (meta as FetchedMeta) : null;
  } catch {
    return null;
  }
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Retention: removes the fetched articles older than `maxAgeMs` (by their date, else by when
 * they were fetched); hand-written articles are never touched. Returns the ids removed.
 */
export async function removeExpired(dir: string, maxAgeMs: number, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    if (!name.endsWith(SIDECAR_SUFFIX) || name.startsWith('.')) continue;
    const id = name.slice(0, -SIDECAR_SUFFIX.length);
    const meta = await readFetchedMeta(path.join(dir, name));
    if (!meta) continue;
    // A day-only date counts from the end of that day, or from when it was fetched if sooner.
    const fetched = Date.parse(meta.fetched);
    const born = meta.date ? Math.min(fetched, Date.parse(`${meta.date}T00:00:00Z`) + DAY_MS) : fetched;
    if (Number.isNaN(born) || now - born <= maxAgeMs) continue;
    await rm(path.join(dir, `${id}${ARTICLE_EXTENSION}`), { force: true });
    await rm(path.join(dir, name), { force: true });
    removed.push(id);
  }
  return removed;
}
