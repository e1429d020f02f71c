import { ArticleFileCache, loadArticles } from '../articles/load.ts';
import { type ChangedNames, watchFolder, type WatchOptions } from '../articles/watch.ts';
import { Library, type LibraryStore } from './library.ts';
import { nextTurn } from '../search/slice-clock.ts';
import type { Article, LoadProblem } from '../types.ts';

export interface Reload {
  /** The new library, or undefined when neither articles nor problems changed. */
  library?: Library;
  /** Articles whose file became unusable: the last good version was kept. */
  kept: LoadProblem[];
  added: string[];
  updated: string[];
  removed: string[];
}

/**
 * Reads the folder again against the library in service. A file that is gone removes its
 * article; a file that became unusable keeps its last good version (nothing is lost);
 * when no article changed, no new library is built. Given the names of the files that changed
 * (from a folder watch) and the cache the library was read with, only those files are looked at.
 * The index is updated rather than rebuilt: only the articles added, changed or removed are
 * indexed again (see SearchEngine.update), in slices, while the library in service keeps answering.
 */
export async function reloadLibrary(dir: string, previous: Library, cache?: ArticleFileCache, changedNames?: ChangedNames): Promise<Reload> {
  const { articles, problems } = await loadArticles(dir, cache, changedNames);
  // Resumed by the files read, in the event loop's I/O phase: a pause from there (setImmediate)
  // runs in the same turn of the loop, with no timer or I/O in between, and would join the work
  // before and after it into one block. From this pause on, each one lets the loop go round.
  await nextTurn();
  const before = new Map(previous.articles.map((a) => [fileKey(a), a]));
  const kept: LoadProblem[] = [];
  const skipped: LoadProblem[] = [];
  const added: string[] = [];
  const updated: string[] = [];
  // An article whose file was written again with the same content stays the same object, so
  // that the index update leaves it alone.
  const next: Article[] = articles.map((a) => {
    const old = before.get(fileKey(a));
    if (old === undefined) added.push(a.id);
    else if (old !== a && !sameArticle(old, a)) updated.push(a.id);
    else return old;
    return a;
  });
  for (const problem of problems) {
    const old = before.get(problem.file);
    if (old) {
      kept.push(problem);
      next.push(old);
    } else {
      skipped.push(problem);
    }
  }
  // In file order, as a fresh start would load them (the index's paragraph order).
  const keys = next.map(fileKey);
  const ordered = inOrder(next, keys);

  const seen = new Set(keys);
  const removed = [...before.entries()].filter(([key]) => !seen.has(key)).map(([, a]) => a.id);

  const changed = added.length + updated.length + removed.length > 0;
  const nextProblems = [...skipped, ...kept];
  let library: Library | undefined;
  if (changed) {
    const engine = await previous.engine.update(ordered, nextTurn);
    await nextTurn();
    library = await Library.inSlices(ordered, nextProblems, engine, nextTurn, previous);
  }
  // Same articles, other problems: a new Library for the listing, over the same index.
  else if (!sameProblems(previous.problems, nextProblems)) library = previous.withProblems(nextProblems);
  return {
    library,
    kept,
    added,
    updated,
    removed,
  };
}

/**
 * `articles` sorted by `keys` (one for each, in the same order), or `articles` itself when they
 * are in order already (the loader gives them in file order; only a kept last good version is
 * out of place). The keys are worked out once: read from the articles in every comparison, they
 * made this sort one of the longer blocks of an update.
 */
function inOrder(articles: Article[], keys: readonly string[]): Article[] {
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1] <= keys[i];
  if (sorted) return articles;
  const order = keys.map((_, i) => i).sort((i, j) => (keys[i] < keys[j] ? -1 : keys[i] > keys[j] ? 1 : 0));
  return order.map((i) => articles[i]);
}

/** Where an article comes from: its file (its id when it has none). */
function fileKey(article: Article): string {
  return article.file ?? article.id;
}

function sameArticle(a: Article, b: Article): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.date === b.date &&
    a.source === b.source &&
    a.url === b.url &&
    a.paragraphs.length === b.paragraphs.length &&
    a.paragraphs.every((p, i) => p.text === b.paragraphs[i].text && p.section === b.paragraphs[i].section)
  );
}

function sameProblems(a: readonly LoadProblem[], b: readonly LoadProblem[]): boolean {
  const key = (list: readonly LoadProblem[]) => JSON.stringify([...list].map((p) => `${p.file}\n${p.reason}`).sort());
  return key(a) === key(b);
}

export interface LiveLibraryOptions extends WatchOptions {
  /** The cache the library was opened with (see openLibrary); a new one when not given. */
  files?: ArticleFileCache;
  /** Told what each reload did, in one line for the log. */
  onReload?: (summary: string, reload: Reload) => void;
}

/**
 * Keeps `store` in step with the articles folder: on every settled change, reloads and swaps
 * the new library in atomically. Returns the watch so the caller can close it.
 */
export function watchLibrary(dir: string, store: LibraryStore, options: LiveLibraryOptions = {}) {
  const files = options.files ?? new ArticleFileCache();
  return watchFolder(
    dir,
    async (changed) => {
      const reload = await reloadLibrary(dir, store.current, files, changed);
      if (reload.library) store.replace(reload.library);
      options.onReload?.(describeReload(reload, store.current), reload);
    },
    options,
  );
}

export function describeReload(reload: Reload, library: Library): string {
  const parts = [
    reload.added.length ? `added ${reload.added.join(', ')}` : '',
    reload.updated.length ? `updated ${reload.updated.join(', ')}` : '',
    reload.removed.length ? `removed ${reload.removed.join(', ')}` : '',
    ...reload.kept.map((p) => `kept the last good version of ${p.file} (${p.reason})`),
  ].filter(Boolean);
  const what = parts.length ? parts.join('; ') : 'no article changed';
  return `articles reloaded: ${what}; ${library.articles.length} articles (${library.paragraphCount} paragraphs) in service`;
}
