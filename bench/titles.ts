/**
 * Title search bench: `npx tsx bench/titles.ts [--queries 300] [--paragraphs 20000]`
 *
 * Autocomplete and `--article` look titles up fuzzily on every keystroke, on the bot's one event
 * loop. src/library/titles.ts runs fuse.js over the distinct words of all titles; the baseline, measured
 * in the same run, is fuse.js's token search over the titles themselves (`useTokenSearch`,
 * `tokenMatch: 'all'`, the same threshold), which is what the library used before.
 *
 * Queries are typed the way people type them into autocomplete: a title's first letters, the
 * title with one letter dropped from each longer word, or only its first word with a letter
 * dropped. Reports how often both give the same best title and the same list, and ms per query.
 * The titles come from the speed bench's corpus (SQuAD grown by perturbed copies when present,
 * else synthetic text), so the bench never fails for missing data.
 */
import Fuse from 'fuse.js';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TitleIndex } from '../src/library/titles.ts';
import { numberOption } from './lib/args.ts';
import { corpusForSize } from './lib/corpus.ts';
import { fmt, mulberry32, nowMs, summarize, table } from './lib/stats.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const corpus = await corpusForSize(REPO_ROOT, numberOption('--paragraphs', 20000));
const articles = corpus.articles;
const rand = mulberry32(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const drop = (w: string): string => {
  const i = Math.floor(rand() * w.length);
  return w.slice(0, i) + w.slice(i + 1);
};
const queries: string[] = [];
for (let i = 0, n = numberOption('--queries', 300); i < n; i++) {
  const t = pick(articles).title.toLowerCase();
  const r = rand();
  if (r < 0.3) queries.push(t.slice(0, 3 + Math.floor(rand() * 8)));
  else if (r < 0.7)
    queries.push(
      t
        .split(' ')
        .map((w) => (w.length > 4 ? drop(w) : w))
        .join(' '),
    );
  else queries.push(drop(t.split(' ')[0]));
}

const t0 = nowMs();
const baseline = new Fuse(articles, { keys: ['title'], useTokenSearch: true, tokenMatch: 'all', ignoreLocation: true, ignoreFieldNorm: true, includeScore: true, threshold: 0.4 });
const baselineBuild = nowMs() - t0;
const t1 = nowMs();
const ours = new TitleIndex(articles);
const oursBuild = nowMs() - t1;

const timesBaseline: number[] = [];
const timesOurs: number[] = [];
let sameBest = 0;
let sameList = 0;
for (const q of queries) {
  let t = nowMs();
  const a = baseline.search(q, { limit: 25 }).map((r) => r.item.id);
  timesBaseline.push(nowMs() - t);
  t = nowMs();
  const b = ours
    .fuzzy(q)
    .slice(0, 25)
    .map((m) => m.article.id);
  timesOurs.push(nowMs() - t);
  if (a[0] === b[0]) sameBest++;
  if (a.join('\n') === b.join('\n')) sameList++;
}

const sb = summarize(timesBaseline);
const so = summarize(timesOurs);
console.log(`Title search: ${articles.length} titles (${corpus.origin}), ${queries.length} typed queries.`);
console.log(
  table(
    ['search', 'build ms', 'mean ms', 'p50 ms', 'p99 ms', 'max ms'],
    [
      ['fuse.js token search over titles (baseline)', fmt(baselineBuild, 1), fmt(sb.mean, 3), fmt(sb.p50, 3), fmt(sb.p99, 3), fmt(sb.max, 3)],
      ['fuse.js over distinct title words (src/library/titles.ts)', fmt(oursBuild, 1), fmt(so.mean, 3), fmt(so.p50, 3), fmt(so.p99, 3), fmt(so.max, 3)],
    ],
  ),
);
console.log(`Same best title: ${sameBest} of ${queries.length}; same top 25: ${sameList} of ${queries.length}; mean time ${fmt(so.mean / sb.mean, 2)}× the baseline's.`);
