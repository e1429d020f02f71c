/**
 * Live-update bench (issue 5, "Live article updates"): `npx tsx bench/reload.ts [--paragraphs 20000] [--rounds 5]`
 *
 * Writes the ~20,000-paragraph corpus (SQuAD grown by perturbed copies, else synthetic text) as
 * article files in a temp folder, opens it as the bot does (openLibrary with a file cache), then
 * per round changes one file and times reloadLibrary (read the changed file, build the new index;
 * the watcher's 0.2 s debounce comes on top) and the longest stretch the event loop was blocked
 * meanwhile (interactions arriving then wait; the index is built synchronously). Target: a change
 * is in service within 2 s. A benchmark: it never fails; the temp folder is removed.
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArticleFileCache } from '../src/articles/load.ts';
import { openLibrary } from '../src/library/library.ts';
import { reloadLibrary } from '../src/library/reload.ts';
import { numberOption } from './lib/args.ts';
import { corpusForSize, paragraphCount, writeArticleFiles } from './lib/corpus.ts';
import { fmt, nowMs, summarize } from './lib/stats.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The longest gap between ticks of a 1 ms timer while `work` runs: how long the loop was blocked. */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; blockedMs: number }> {
  let last = nowMs();
  let worst = 0;
  const timer = setInterval(() => {
    const now = nowMs();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  try {
    const result = await work();
    worst = Math.max(worst, nowMs() - last);
    return { result, blockedMs: worst };
  } finally {
    clearInterval(timer);
  }
}

const corpus = await corpusForSize(REPO_ROOT, numberOption('--paragraphs', 20000));
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-reload-'));
try {
  writeArticleFiles(dir, corpus.articles);
  const cache = new ArticleFileCache();
  const t0 = nowMs();
  let library = await openLibrary(dir, cache);
  const openMs = nowMs() - t0;
  console.log(`Reload: ${library.articles.length} articles, ${paragraphCount(library.articles)} paragraphs (${corpus.origin}); opened in ${fmt(openMs, 0)} ms.`);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const times: number[] = [];
  const blocks: number[] = [];
  for (let round = 0, rounds = numberOption('--rounds', 5); round < rounds; round++) {
    appendFileSync(join(dir, files[(round * 97) % files.length]), `\nA paragraph added in round ${round}.\n`);
    const start = nowMs();
    const { result, blockedMs } = await longestBlock(() => reloadLibrary(dir, library, cache));
    times.push(nowMs() - start);
    blocks.push(blockedMs);
    if (!result.library || result.updated.length !== 1) throw new Error(`round ${round}: expected one updated article, got ${JSON.stringify(result.updated)}`);
    library = result.library;
  }
  const t = summarize(times);
  const b = summarize(blocks);
  console.log(
    `One file changed → new library: median ${fmt(t.p50, 0)} ms, max ${fmt(t.max, 0)} ms over ${t.n} rounds (+ 200 ms debounce in the bot); event loop blocked at most ${fmt(b.max, 0)} ms at a stretch (median ${fmt(b.p50, 0)} ms).`,
  );
  console.log(`${t.max + 200 <= 2000 ? 'PASS' : 'MISS'}  target: a change in service within 2 s (worst round ${fmt(t.max + 200, 0)} ms with the debounce)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
