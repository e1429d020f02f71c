/**
 * Extraction bench: `npx tsx bench/extraction.ts [--pages] [--worst N]`
 *
 * Quality: every page of ../shared/data/extraction-dev/ (pages of scrapinghub's
 * article-extraction-benchmark with their true article text) through src/extract and, in the
 * same run, through Readability alone over linkedom (the baseline); scored with the benchmark's
 * own metric (bench/lib/shingles.ts). Skipped with a message when the data is absent.
 * `--worst N` lists the N pages where ours scores lowest; `--pages` lists every page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/extract/extract.ts';
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
    return extractArticle(html, { url, readabilityOnly }).blocks.map((b) => b.text).join('\n');
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
  console.log(table(
    ['extractor', 'F1', 'precision', 'recall', 'ms/page'],
    [
      ['@mozilla/readability over linkedom (baseline)', fmt(base.f1, 3), fmt(base.precision, 3), fmt(base.recall, 3), fmt(time.readability / ids.length, 1)],
      ['src/extract (boilerplate pass + Readability)', fmt(ours.f1, 3), fmt(ours.precision, 3), fmt(ours.recall, 3), fmt(time.ours / ids.length, 1)],
    ],
  ));
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

quality();
