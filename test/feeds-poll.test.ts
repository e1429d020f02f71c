import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadArticles } from '../src/articles/load.ts';
import { HttpClient } from '../src/feeds/http.ts';
import { pollFeeds, type FeedReport } from '../src/feeds/poll.ts';
import { nextPoll } from '../src/feeds/poller.ts';
import { readState } from '../src/feeds/state.ts';
import { articleFileText, removeExpired } from '../src/feeds/store.ts';
import { FakeNewsServer } from '../fakes/news/server.ts';
import { STORIES } from '../fakes/news/stories.ts';
import { useTempDir } from './helpers/tmp.ts';

let server: FakeNewsServer;
let base = '';
beforeEach(async () => {
  server = new FakeNewsServer();
  base = await server.start();
});
afterEach(() => server.stop());
const tempDir = useTempDir();

const poll = (dir: string, feeds: string[], maxAgeMs?: number) =>
  pollFeeds(
    feeds.map((f) => `${base}${f}`),
    { dir, client: new HttpClient(), maxAgeMs },
  );
const metas = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.meta.json'))
    .map((f) => ({ id: f.slice(0, -'.meta.json'.length), ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
const counts = (r: FeedReport) => [r.items, r.new, r.updated, r.unchanged, r.failed.length];

describe('pollFeeds', () => {
  it('stores each new article as ID.txt + ID.meta.json that the loader reads, with headline, publisher, URL and date', async () => {
    const { dir } = tempDir();
    const [report] = await poll(dir, ['/feeds/rss.xml']);
    expect(report).toEqual({ feed: `${base}/feeds/rss.xml`, ok: true, items: 4, new: 4, updated: 0, unchanged: 0, failed: [] });
    const stored = metas(dir);
    expect(stored).toHaveLength(4);
    const bridge = stored.find((m) => m.title === STORIES[0].headline)!;
    expect(bridge.id).toMatch(/^harbour-bridge-reopens-[0-9a-f]{8}$/);
    expect(bridge).toMatchObject({
      source: 'The Riverside Courier',
      url: `${base}/news/${STORIES[0].slug}`,
      date: '2026-11-30',
      byline: STORIES[0].author,
      feed: `${base}/feeds/rss.xml`,
    });
    expect(Date.parse(bridge.fetched)).not.toBeNaN();
    const { articles, problems } = await loadArticles(dir);
    expect(problems).toEqual([]);
    const article = articles.find((a) => a.id === bridge.id)!;
    expect(article).toMatchObject({ title: STORIES[0].headline, source: 'The Riverside Courier', url: bridge.url, date: '2026-11-30' });
    expect(article.paragraphs.map((p) => p.text)).toEqual(STORIES[0].body.filter((p) => !p.startsWith('## ')));
    expect(article.paragraphs[2].section).toBe('What was repaired');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('handles an article listed by several feeds (RSS, Atom, RDF, JSON Feed) once', async () => {
    const { dir } = tempDir();
    const reports = await poll(dir, ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/rdf.xml', '/feeds/feed.json']);
    expect(reports.map(counts)).toEqual([
      [4, 4, 0, 0, 0],
      [4, 0, 0, 4, 0],
      [4, 0, 0, 4, 0],
      [4, 0, 0, 4, 0],
    ]);
    expect(metas(dir)).toHaveLength(4);
    for (const story of STORIES) expect(server.hits(`/news/${story.slug}`)).toHaveLength(1);
  });

  it('polls politely: a conditional GET next time, and no page fetched again while its item is unchanged', async () => {
    const { dir } = tempDir();
    await poll(dir, ['/feeds/rss.xml', '/feeds/atom.xml']);
    const [rssAgain, atomAgain] = await poll(dir, ['/feeds/rss.xml', '/feeds/atom.xml']);
    expect(counts(rssAgain)).toEqual([4, 0, 0, 4, 0]);
    expect(counts(atomAgain)).toEqual([4, 0, 0, 4, 0]);
    expect(server.hits('/feeds/rss.xml').at(-1)!.headers['if-none-match']).toBeTruthy();
    for (const story of STORIES) expect(server.hits(`/news/${story.slug}`)).toHaveLength(1);
  });

  it('fetches a page again when its feed item changes, and keeps the stored article when that fetch fails', async () => {
    const { dir } = tempDir();
    await poll(dir, ['/feeds/rss.xml']);
    const id = metas(dir).find((m) => m.title === STORIES[1].headline)!.id;
    server.stories[1] = { ...server.stories[1], summary: 'Revised summary.', body: [...server.stories[1].body, 'A paragraph added in the update, with more detail.'] };
    const [updated] = await poll(dir, ['/feeds/rss.xml']);
    expect(counts(updated)).toEqual([4, 0, 1, 3, 0]);
    expect(readFileSync(path.join(dir, `${id}.txt`), 'utf8')).toContain('A paragraph added in the update');

    server.stories[1] = { ...server.stories[1], summary: 'Revised again. The page fails this time.' };
    server.brokenPages.add(server.stories[1].slug);
    const before = readFileSync(path.join(dir, `${id}.txt`), 'utf8');
    const [failed] = await poll(dir, ['/feeds/rss.xml']);
    // The revised summary has two sentences, but a stored article is never replaced by it.
    expect(failed.failed).toEqual([{ url: `${base}/news/${server.stories[1].slug}`, reason: expect.stringMatching(/HTTP 500; the stored article is kept/) }]);
    expect(readFileSync(path.join(dir, `${id}.txt`), 'utf8')).toBe(before);
  });

  it('reports each bad item alone, stores the good ones, and falls back to the feed text only when it has two sentences', async () => {
    const { dir } = tempDir();
    const [report] = await poll(dir, ['/feeds/bad-items.xml']);
    expect(report.ok).toBe(true);
    const reasons = Object.fromEntries(report.failed.map((f) => [new URL(f.url).pathname, f.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['/pages/empty', '/pages/huge', '/pages/missing']);
    expect(reasons['/pages/missing']).toMatch(/HTTP 404.*shorter than 2 sentences/);
    expect(reasons['/pages/huge']).toMatch(/larger than 5 MB/);
    expect(reasons['/pages/empty']).toMatch(/no article text/);
    const stored = metas(dir);
    const byPath = Object.fromEntries(stored.map((m) => [new URL(m.url).pathname, m]));
    // The PDF and the failing page: the feed's own two sentences.
    expect(readFileSync(path.join(dir, `${byPath['/files/report.pdf'].id}.txt`), 'utf8')).toMatch(/The annual report is out\. It shows growth/);
    expect(readFileSync(path.join(dir, `${byPath['/pages/error'].id}.txt`), 'utf8')).toMatch(/The server failed\. It will be back\./);
    expect(server.hits('/files/report.pdf')).toHaveLength(0);
    expect(readFileSync(path.join(dir, `${byPath['/pages/latin1'].id}.txt`), 'utf8')).toContain('Le café de la gare a rouvert');
    expect(byPath['/pages/cp1252'].title).toBe('Nouvelles “du quartier” – édition spéciale');
    expect(byPath['/pages/latin1'].source).toBe('Le Journal du Quartier');
    expect(byPath[`/old/${STORIES[3].slug}`].source).toBe('Bad items');
    expect(report.new).toBe(stored.length);
  });

  it('reports a bad feed and goes on with the others', async () => {
    const { dir } = tempDir();
    const feeds = [
      '/feeds/page.html',
      '/feeds/missing.xml',
      '/feeds/error.xml',
      '/feeds/garbage.xml',
      '/feeds/huge.xml',
      '/feeds/loop.xml',
      '/feeds/xxe.xml',
      '/feeds/malformed.xml',
      '/feeds/moved.xml',
    ];
    const reports = await poll(dir, feeds);
    expect(reports.map((r) => [r.ok, r.error ?? ''])).toEqual([
      [false, 'not a feed: the address serves an HTML page'],
      [false, expect.stringMatching(/HTTP 404/)],
      [false, expect.stringMatching(/HTTP 500/)],
      [false, 'not a feed: neither RSS, Atom nor JSON Feed'],
      [false, expect.stringMatching(/larger than 10 MB/)],
      [false, expect.stringMatching(/more than 5 redirects/)],
      [true, ''],
      [true, ''],
      [true, ''],
    ]);
    expect(metas(dir)).toHaveLength(4);
    expect(readFileSync(path.join(dir, `${metas(dir).find((m) => m.title === STORIES[0].headline)!.id}.txt`), 'utf8')).not.toContain('root:');
    const state = await readState(dir);
    expect(state.feeds[`${base}/feeds/missing.xml`]).toMatchObject({ failures: 1, lastError: expect.stringMatching(/404/) });
    expect(state.feeds[`${base}/feeds/moved.xml`]).toMatchObject({ failures: 0, title: 'The Riverside Courier & Friends' });
  });

  it('retention: fetched articles older than the maximum age go, hand-written ones stay', async () => {
    const { dir, put } = tempDir();
    put('handwritten.txt', 'date 2001-01-01 A hand-written article from long ago, kept forever.\n');
    put('handwritten.meta.json', JSON.stringify({ title: 'Old', date: '2001-01-01' }));
    await poll(dir, ['/feeds/rss.xml']);
    const day = 24 * 3600 * 1000;
    const now = Date.parse('2026-12-02T12:00:00Z');
    const old = metas(dir)
      .filter((m) => m.fetched && m.date <= '2026-11-29')
      .map((m) => m.id);
    const removed = await removeExpired(dir, 2 * day, now);
    expect(removed.sort()).toEqual(old.sort());
    expect(removed).toHaveLength(3);
    expect(existsSync(path.join(dir, 'handwritten.txt'))).toBe(true);
    for (const id of removed) expect(existsSync(path.join(dir, `${id}.txt`))).toBe(false);
  });

  it('with a maximum age, a poll removes expired articles and does not fetch them back', async () => {
    const { dir } = tempDir();
    const [first] = await poll(dir, ['/feeds/rss.xml'], 1000);
    expect(first.new).toBe(0);
    expect(metas(dir)).toHaveLength(0);
    expect(server.requests.filter((r) => r.path.startsWith('/news/'))).toHaveLength(0);
  });
});

describe('articleFileText', () => {
  it('puts the date header on the lede, drops headings above it, keeps subheadings as short lines', () => {
    const text = articleFileText(
      [
        { text: 'Headline', heading: true },
        { text: 'The lede.', heading: false },
        { text: 'A section:', heading: true },
        { text: 'More.', heading: false },
      ],
      '2026-11-30',
    );
    expect(text).toBe('date 2026-11-30 The lede.\n\nA section\n\nMore.\n');
  });
});

describe('backoff', () => {
  it('a failing feed waits the interval × 2, × 4, × 8 at most, and never before Retry-After', () => {
    const minute = 60_000;
    expect([0, 1, 2, 3, 4, 10].map((f) => nextPoll(0, 15 * minute, f) / minute)).toEqual([15, 30, 60, 120, 120, 120]);
    expect(nextPoll(0, minute, 1, 10 * minute)).toBe(10 * minute);
  });
});
