/**
 * Extraction bench: `npx tsx bench/extraction.ts [--pages] [--worst N] [--feed-pages N]`
 *
 * Quality: every page of ../shared/data/extraction-dev/ (pages of scrapinghub's
 * article-extraction-benchmark with their true article text) through src/extract and, in the
 * same run, through Readability alone over linkedom (the baseline); scored with the benchmark's
 * own metric (bench/lib/shingles.ts). Skipped with a message when the data is absent.
 * `--worst N` lists the N pages where ours scores lowest; `--pages` lists every page.
 *
 * Throughput: the fake news site (fakes/news, in its own process on 127.0.0.1) serves a feed of
 * N article pages (default 200); one poll fetches, extracts and stores them all (pages/s),
 * against the baseline of fetching the same pages without extracting or storing them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/extract/extract.ts';
import { HttpClient } from '../src/feeds/http.ts';
import { pollFeeds } from '../src/feeds/poll.ts';
import { extractionScore, pagePrecision, pageRecall, shingleMatch, type PageCounts } from './lib/shingles.ts';
import { numberOption } from './lib/args.ts';
import { fmt, nowMs, table } from './lib/stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(ROOT, '..', 'shared', 'data', 'extraction-dev');

interface Truth {
  articleBody: string;
  url: string;
}

function extractedText(html: string, url: string, readabilityOnly: boolean): string {
  try {
    return extractArticle(html, { url, readabilityOnly })
      .blocks.map((b) => b.text)
      .join('\n');
  } catch {
    return '';
  }
}

function quality(): void {
  const truthFile = join(DATA, 'ground-truth.json');
  if (!existsSync(truthFile)) {
    console.log(`(extraction quality skipped: ${truthFile} not found)`);
    return;
  }
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, Truth>;
  const ids = Object.keys(truth);
  const runs = { ours: [] as PageCounts[], readability: [] as PageCounts[] };
  const time = { ours: 0, readability: 0 };
  for (const id of ids) {
    const html = gunzipSync(readFileSync(join(DATA, 'html', `${id}.html.gz`))).toString('utf8');
    const { articleBody, url } = truth[id];
    for (const kind of ['readability', 'ours'] as const) {
      const t0 = nowMs();
      const text = extractedText(html, url, kind === 'readability');
      time[kind] += nowMs() - t0;
      runs[kind].push(shingleMatch(articleBody, text));
    }
  }
  const ours = extractionScore(runs.ours);
  const base = extractionScore(runs.readability);
  console.log(`Extraction quality on ${ids.length} pages of ${DATA} (article-extraction-benchmark metric):`);
  console.log(
    table(
      ['extractor', 'F1', 'precision', 'recall', 'ms/page'],
      [
        ['@mozilla/readability over linkedom (baseline)', fmt(base.f1, 3), fmt(base.precision, 3), fmt(base.recall, 3), fmt(time.readability / ids.length, 1)],
        ['src/extract (boilerplate pass + Readability)', fmt(ours.f1, 3), fmt(ours.precision, 3), fmt(ours.recall, 3), fmt(time.ours / ids.length, 1)],
      ],
    ),
  );
  console.log(`F1 ${fmt(ours.f1 - base.f1, 3)} over Readability alone (target: F1 >= 0.962).`);

  const listed = process.argv.includes('--pages') ? ids.length : numberOption('--worst', 0);
  if (listed > 0) {
    const rows = ids
      .map((id, i) => ({ id, o: runs.ours[i], r: runs.readability[i] }))
      .sort((a, b) => pageF1(a.o) - pageF1(b.o))
      .slice(0, listed)
      .map(({ id, o, r }) => [id.slice(0, 12), fmt(pageF1(r), 3), fmt(pageF1(o), 3), fmt(pagePrecision(o), 3), fmt(pageRecall(o), 3), new URL(truth[id].url).hostname]);
    console.log(table(['page', 'Readability F1', 'ours F1', 'ours P', 'ours R', 'site'], rows));
  }
}

function pageF1(counts: PageCounts): number {
  const p = pagePrecision(counts);
  const r = pageRecall(counts);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Starts the fake news site in a child process; resolves with its address and a stop function. */
async function startFakeNews(): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'fakes/news/main.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const [base] = await new Promise<string[]>((done) => createInterface({ input: child.stdout }).once('line', (line) => done([line])));
  return { base, stop: () => child.kill() };
}

async function throughput(): Promise<void> {
  const n = numberOption('--feed-pages', 200);
  const { base, stop } = await startFakeNews();
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
  try {
    const feed = `${base}/feeds/bench.xml?n=${n}`;
    // Warm up both paths (JIT, connections) on a few pages first.
    await pollFeeds([`${base}/feeds/bench.xml?n=5`], { dir: mkdtempSync(join(tmpdir(), 'newsdesk-warm-')), client: new HttpClient() });

    const client = new HttpClient();
    let t0 = nowMs();
    for (let i = 0; i < n; i += 6) {
      await Promise.all(Array.from({ length: Math.min(6, n - i) }, (_, k) => client.get(`${base}/bench/${i + k}`, { maxBytes: 5 * 1024 * 1024 })));
    }
    const fetchOnly = nowMs() - t0;

    t0 = nowMs();
    const [report] = await pollFeeds([feed], { dir, client: new HttpClient() });
    const full = nowMs() - t0;
    console.log(`\nFetch-and-extract throughput: a feed of ${n} pages from the fake news site (127.0.0.1, its own process), ${report.new} stored, ${report.failed.length} failed.`);
    console.log(
      table(
        ['path', 'seconds', 'pages/s'],
        [
          ['fetch only, same pages, same concurrency (baseline)', fmt(fetchOnly / 1000, 2), fmt((n / fetchOnly) * 1000, 1)],
          ['poll: feed + fetch + extract + store (src/feeds)', fmt(full / 1000, 2), fmt((n / full) * 1000, 1)],
        ],
      ),
    );
    console.log(`Poll throughput ${fmt(fetchOnly / full, 2)}× the fetch-only baseline's.`);
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

quality();
await throughput();
