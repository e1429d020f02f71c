import { describe, expect, it } from 'vitest';
import { HttpClient, HttpError, retryAfter, USER_AGENT } from '../src/feeds/http.ts';
import { extractFromBytes, fetchArticle, NotHtmlError } from '../src/feeds/pages.ts';
import { MAX_FEED_BYTES } from '../src/feeds/poll.ts';
import { FakeNewsServer } from '../fakes/news/server.ts';
import { STORIES } from '../fakes/news/stories.ts';
import { useFakeNewsServer } from './helpers/news.ts';

const NEWS = useFakeNewsServer({ slowMs: 5_000 });

const FEED = { maxBytes: MAX_FEED_BYTES };
const failure = async (promise: Promise<unknown>): Promise<HttpError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
};

describe('HttpClient', () => {
  it('names Newsdesk in its User-Agent', async () => {
    await new HttpClient().get(`${NEWS.base()}/feeds/atom.xml`, FEED);
    expect(NEWS.server.hits('/feeds/atom.xml').at(-1)!.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^Newsdesk\//);
  });

  it('follows redirects and reports the final URL; gives up after 5', async () => {
    const response = await new HttpClient().get(`${NEWS.base()}/feeds/moved.xml`, FEED);
    expect(response.url).toBe(`${NEWS.base()}/feeds/rss.xml`);
    expect(response.status).toBe(200);
    const loop = await failure(new HttpClient().get(`${NEWS.base()}/feeds/loop.xml`, FEED));
    expect(loop.kind).toBe('redirects');
    expect(NEWS.server.hits('/feeds/loop.xml')).toHaveLength(6);
  });

  it('fails on 404 and 500 with the status', async () => {
    expect((await failure(new HttpClient().get(`${NEWS.base()}/feeds/missing.xml`, FEED))).status).toBe(404);
    expect((await failure(new HttpClient().get(`${NEWS.base()}/feeds/error.xml`, FEED))).message).toMatch(/HTTP 500/);
  });

  it('gives up on a server that does not answer in time', async () => {
    const error = await failure(new HttpClient({ timeoutMs: 200 }).get(`${NEWS.base()}/feeds/slow.xml`, FEED));
    expect(error.kind).toBe('timeout');
  });

  it('cuts off a body past the limit while streaming', async () => {
    const error = await failure(new HttpClient().get(`${NEWS.base()}/feeds/huge.xml`, FEED));
    expect(error.kind).toBe('too-large');
    expect(error.message).toMatch(/larger than 10 MB/);
  });

  it('makes a conditional GET with the validators it is given, and passes 304 on', async () => {
    const client = new HttpClient();
    const first = await client.get(`${NEWS.base()}/feeds/rss.xml`, FEED);
    expect(first.etag).toBeTruthy();
    expect(first.lastModified).toBeTruthy();
    const second = await client.get(`${NEWS.base()}/feeds/rss.xml`, { ...FEED, etag: first.etag!, lastModified: first.lastModified! });
    expect(second.status).toBe(304);
    expect(second.body).toHaveLength(0);
    const sent = NEWS.server.hits('/feeds/rss.xml').at(-1)!.headers;
    expect(sent['if-none-match']).toBe(first.etag);
    expect(sent['if-modified-since']).toBe(first.lastModified);
  });

  it('honours Retry-After on 429: waits, then asks again', async () => {
    const response = await new HttpClient().get(`${NEWS.base()}/feeds/busy.xml`, FEED);
    expect(response.status).toBe(200);
    expect(NEWS.server.hits('/feeds/busy.xml')).toHaveLength(2);
  });

  it('does not wait out a long Retry-After: the request fails with when to come back, and the host is left alone', async () => {
    const client = new HttpClient();
    const error = await failure(client.get(`${NEWS.base()}/feeds/closed.xml`, FEED));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt! - Date.now()).toBeGreaterThan(3_000_000);
    const before = NEWS.server.requests.length;
    await failure(client.get(`${NEWS.base()}/feeds/rss.xml`, FEED));
    expect(NEWS.server.requests.length).toBe(before);
  });

  it('keeps at most 2 requests in flight per host', async () => {
    const slow = new FakeNewsServer({ pageDelayMs: 100 });
    const slowBase = await slow.start();
    try {
      const client = new HttpClient();
      await Promise.all(STORIES.concat(STORIES).map((s) => client.get(`${slowBase}/news/${s.slug}`, { maxBytes: 1e6 })));
      expect(slow.requests).toHaveLength(8);
      expect(slow.maxInFlight).toBe(2);
    } finally {
      await slow.stop();
    }
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfter('120', 1000)).toBe(121_000);
    expect(retryAfter('Wed, 21 Oct 2026 07:28:00 GMT', 0)).toBe(Date.parse('2026-10-21T07:28:00Z'));
    expect(retryAfter('soon', 0)).toBeUndefined();
  });
});

describe('fetchArticle', () => {
  it('fetches and extracts a page', async () => {
    const article = await fetchArticle(new HttpClient(), `${NEWS.base()}/news/${STORIES[1].slug}?utm_source=x`);
    expect(article.title).toBe(STORIES[1].headline);
    expect(article.url).toBe(`${NEWS.base()}/news/${STORIES[1].slug}`);
    expect(article.blocks.map((b) => b.text)).toEqual(STORIES[1].body);
  });

  it('reads ISO-8859-1 from the header and Windows-1252 from <meta>', async () => {
    const latin1 = await fetchArticle(new HttpClient(), `${NEWS.base()}/pages/latin1`);
    expect(latin1.blocks[0].text).toMatch(/^Le café de la gare a rouvert ses portes après trois mois/);
    const cp1252 = await fetchArticle(new HttpClient(), `${NEWS.base()}/pages/cp1252`);
    expect(cp1252.title).toBe('Nouvelles “du quartier” – édition spéciale');
  });

  it('does not extract a PDF, nor a page over 5 MB', async () => {
    expect((await failure(fetchArticle(new HttpClient(), `${NEWS.base()}/files/report.pdf`))).kind).toBe('type');
    expect((await failure(fetchArticle(new HttpClient(), `${NEWS.base()}/pages/huge`))).message).toMatch(/larger than 5 MB/);
  });

  it('does not take binary content served as HTML for a page', () => {
    expect(() => extractFromBytes(Buffer.from('%PDF-1.4 ...'), 'text/html', undefined)).toThrow(NotHtmlError);
  });
});
