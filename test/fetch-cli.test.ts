import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { extract } from '../src/cli/extract.ts';
import { fetchFeeds } from '../src/cli/fetch.ts';
import { articlePage } from '../fakes/news/page.ts';
import { STORIES } from '../fakes/news/stories.ts';
import { jsonLines, runCli } from './helpers/cli.ts';
import { useTempDir } from './helpers/tmp.ts';
import { useFakeNewsServer } from './helpers/news.ts';

const NEWS = useFakeNewsServer();
const tempDir = useTempDir();

const REPORT_KEYS = ['failed', 'feed', 'items', 'new', 'ok', 'unchanged', 'updated'];

describe('fetch', () => {
  it('prints one JSON line per feed, in order, and exits 0 when a feed was read', async () => {
    const { dir } = tempDir();
    const result = await runCli(fetchFeeds, ['--articles', dir, '--json', `${NEWS.base()}/feeds/rss.xml`, `${NEWS.base()}/feeds/missing.xml`]);
    expect(result.code).toBe(0);
    const [good, bad] = jsonLines(result.stdout);
    expect(Object.keys(good).sort()).toEqual(REPORT_KEYS);
    expect(good).toMatchObject({ feed: `${NEWS.base()}/feeds/rss.xml`, ok: true, items: 4, new: 4, updated: 0, unchanged: 0, failed: [] });
    expect(Object.keys(bad).sort()).toEqual([...REPORT_KEYS, 'error'].sort());
    expect(bad).toMatchObject({ feed: `${NEWS.base()}/feeds/missing.xml`, ok: false, items: 0, error: expect.stringMatching(/404/) });
    expect(readdirSync(dir).filter((f) => f.endsWith('.txt'))).toHaveLength(4);
  });

  it('exits 1 when no feed could be read, and 2 for usage mistakes', async () => {
    const { dir } = tempDir();
    expect((await runCli(fetchFeeds, ['--articles', dir, `${NEWS.base()}/feeds/error.xml`])).code).toBe(1);
    const unknown = await runCli(fetchFeeds, ['--articles', dir, '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^newsdesk: .*--bogus.*\(usage: npm run --silent fetch --/);
    expect((await runCli(fetchFeeds, ['--articles', dir, 'not-a-url'])).code).toBe(2);
    expect((await runCli(fetchFeeds, ['--articles', dir, '--every', '5s', `${NEWS.base()}/feeds/rss.xml`])).stderr).toMatch(/at least 10s/);
  });

  it('without feed arguments, follows FEEDS and FEEDS_FILE', async () => {
    const { dir, put } = tempDir();
    const file = put('list.txt', `${NEWS.base()}/feeds/atom.xml\n`);
    const result = await runCli(fetchFeeds, ['--articles', dir, '--json'], { env: { FEEDS: `${NEWS.base()}/feeds/rdf.xml, ${NEWS.base()}/feeds/atom.xml`, FEEDS_FILE: file } });
    expect(jsonLines(result.stdout).map((r) => r.feed)).toEqual([`${NEWS.base()}/feeds/rdf.xml`, `${NEWS.base()}/feeds/atom.xml`]);
    const none = await runCli(fetchFeeds, ['--articles', dir], { env: {} });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no feeds/);
    const bad = await runCli(fetchFeeds, ['--articles', dir], { env: { FEEDS_INTERVAL: '5s', FEEDS: `${NEWS.base()}/feeds/rdf.xml` } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/FEEDS_INTERVAL must be at least 10s/);
  });

  it('reads the feeds from --feeds FILE', async () => {
    const { dir, put } = tempDir();
    const file = put('feeds.txt', `# feeds\n${NEWS.base()}/feeds/rdf.xml  # RDF\n`);
    const result = await runCli(fetchFeeds, ['--articles', dir, '--feeds', file, '--json']);
    expect(jsonLines(result.stdout).map((r) => r.feed)).toEqual([`${NEWS.base()}/feeds/rdf.xml`]);
  });

  it('with --every, polls until told to stop', async () => {
    const { dir } = tempDir();
    let stop = () => {};
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const stdout = new PassThrough();
    const lines: string[] = [];
    stdout.on('data', (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      if (lines.length >= 2) stop();
    });
    const io = { stdin: Readable.from(['']), stdout, stderr: new PassThrough(), env: {} };
    const code = await fetchFeeds(['--articles', dir, '--json', '--every', '10s', `${NEWS.base()}/feeds/rss.xml`, `${NEWS.base()}/feeds/atom.xml`], io, { stopSignal });
    expect(code).toBe(0);
    expect(lines.map((l) => JSON.parse(l).feed)).toEqual([`${NEWS.base()}/feeds/rss.xml`, `${NEWS.base()}/feeds/atom.xml`]);
  });
});

describe('extract', () => {
  it('extracts a file read as served at --url, and a URL, one JSON line each in order', async () => {
    const { put } = tempDir();
    const file = put('page.html', articlePage(STORIES[2]));
    const result = await runCli(extract, ['--json', file]);
    const [line] = jsonLines(result.stdout);
    expect(line).toEqual({
      input: file,
      title: STORIES[2].headline,
      source: 'The Riverside Courier',
      url: null,
      date: '2026-11-28',
      byline: STORIES[2].author,
      paragraphs: STORIES[2].body,
    });
    const served = jsonLines((await runCli(extract, ['--json', '--url', 'https://courier.test/amp/x', file])).stdout)[0];
    expect(served.url).toBe(`https://courier.test/news/${STORIES[2].slug}`);

    const both = await runCli(extract, ['--json', `${NEWS.base()}/news/${STORIES[3].slug}`, `${NEWS.base()}/files/report.pdf`, path.join(path.dirname(file), 'missing.html')]);
    expect(both.code).toBe(0);
    const [page, pdf, missing] = jsonLines(both.stdout);
    expect(page).toMatchObject({
      input: `${NEWS.base()}/news/${STORIES[3].slug}`,
      title: STORIES[3].headline,
      url: `${NEWS.base()}/news/${STORIES[3].slug}`,
      paragraphs: STORIES[3].body,
    });
    expect(pdf).toEqual({ input: `${NEWS.base()}/files/report.pdf`, error: expect.stringMatching(/application\/pdf/) });
    expect(missing).toEqual({ input: path.join(path.dirname(file), 'missing.html'), error: 'no such file' });
  });

  it('exits 1 when nothing was extracted, 2 for usage mistakes', async () => {
    const { put } = tempDir();
    const empty = put('empty.html', '<html><body><nav>Home</nav></body></html>');
    const failed = await runCli(extract, [empty]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/no article text/);
    expect((await runCli(extract, [])).code).toBe(2);
    expect((await runCli(extract, ['--url', 'https://x.test/', empty, empty])).code).toBe(2);
  });

  it('prints the article as text without --json', async () => {
    const { put } = tempDir();
    const file = put('page.html', articlePage(STORIES[1]));
    const { stdout } = await runCli(extract, [file]);
    expect(stdout.split('\n').slice(0, 3)).toEqual([STORIES[1].headline, 'The Riverside Courier · 2026-11-29', `by ${STORIES[1].author}`]);
    expect(stdout).toContain(STORIES[1].body[4]);
  });
});
