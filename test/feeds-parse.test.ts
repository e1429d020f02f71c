import { describe, expect, it } from 'vitest';
import { articleId, slugify, urlKey } from '../src/feeds/ids.ts';
import { FeedFormatError, htmlParagraphs, parseFeedText } from '../src/feeds/parse.ts';
import { parseDuration, parseFeedsFile, splitFeedList } from '../src/feeds/config.ts';
import { atom, jsonFeed, rdf, rss } from '../fakes/news/feeds.ts';
import { articlePage } from '../fakes/news/page.ts';
import { STORIES } from '../fakes/news/stories.ts';

const BASE = 'https://courier.test';
const FEED = `${BASE}/feeds/x`;

describe('parseFeedText', () => {
  it('reads RSS 2.0: CDATA, entities escaped twice, relative links, content:encoded, dates, authors', () => {
    const feed = parseFeedText(rss(STORIES, BASE), FEED);
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('The Riverside Courier & Friends');
    expect(feed.items.map((i) => i.url)).toEqual([
      `${BASE}/news/${STORIES[0].slug}?utm_source=rss&utm_medium=feed`,
      `${BASE}/news/${STORIES[1].slug}`,
      `${BASE}/news/${STORIES[2].slug}?utm_source=rss&utm_medium=feed`,
      `${BASE}/news/${STORIES[3].slug}?utm_source=rss&utm_medium=feed`,
    ]);
    expect(feed.items[0].title).toBe(STORIES[0].headline);
    expect(feed.items[2].title).toBe(`${STORIES[2].headline} – updated`);
    expect(feed.items[0].guid).toBe(`courier-${STORIES[0].slug}`);
    expect(feed.items[0].published?.day).toBe('2026-11-30');
    expect(feed.items[0].author).toBe(STORIES[0].author);
    expect(htmlParagraphs(feed.items[0].content!)).toEqual(STORIES[0].body.map((p) => p.replace(/^## /, '')));
    expect(feed.items[1].summary).toBe(STORIES[1].summary);
  });

  it('reads Atom 1.0, resolving links against the feed and entry xml:base', () => {
    const feed = parseFeedText(atom(STORIES, BASE), FEED);
    expect(feed.format).toBe('atom');
    expect(feed.items[0]).toMatchObject({
      url: `${BASE}/news/${STORIES[0].slug}`,
      guid: `tag:courier.test,2026:${STORIES[0].slug}`,
      title: STORIES[0].headline,
      author: STORIES[0].author,
    });
    expect(feed.items[0].updated?.day).toBe('2026-11-30');
  });

  it('reads RSS 1.0 (RDF) and JSON Feed 1.1', () => {
    const fromRdf = parseFeedText(rdf(STORIES, BASE), FEED);
    const fromJson = parseFeedText(jsonFeed(STORIES, BASE), FEED);
    expect(fromRdf.format).toBe('rdf');
    expect(fromJson.format).toBe('json');
    for (const feed of [fromRdf, fromJson]) {
      expect(feed.items.map((i) => i.url)).toEqual(STORIES.map((s) => `${BASE}/news/${s.slug}`));
      expect(feed.items.map((i) => i.title)).toEqual(STORIES.map((s) => s.headline));
      expect(feed.items[1].published?.day).toBe('2026-11-29');
    }
    expect(fromJson.items[0].author).toBe(STORIES[0].author);
  });

  it('recovers what it can from malformed XML', () => {
    const broken = rss(STORIES.slice(0, 2), BASE).replace('</channel>', '<item><title>Broken & unclosed <b></title><link>https://x.test/1</link></item>');
    const feed = parseFeedText(broken, FEED);
    expect(feed.items.length).toBeGreaterThanOrEqual(2);
    expect(feed.items[0].title).toBe(STORIES[0].headline);
  });

  it('never resolves an external entity', () => {
    const text = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>T</title><item><title>Secret &xxe; here</title><link>https://x.test/1</link><description>a &xxe; b</description></item></channel></rss>`;
    const feed = parseFeedText(text, FEED);
    expect(feed.items[0].title).toBe('Secret &xxe; here');
    expect(JSON.stringify(feed)).not.toContain('root:');
  });

  it('says when the document is an HTML page or not a feed at all', () => {
    expect(() => parseFeedText(articlePage(STORIES[0]), FEED)).toThrow(/HTML page/);
    expect(() => parseFeedText('this is not a feed {{{ <<<', FEED)).toThrow(FeedFormatError);
    expect(() => parseFeedText('', FEED)).toThrow(FeedFormatError);
  });
});

describe('ids and URL keys', () => {
  it('one key per article whatever the tracking parameters, fragment or trailing slash', () => {
    expect(urlKey('https://News.Test/a/b/?utm_source=rss&id=3#top')).toBe('https://news.test/a/b?id=3');
    expect(urlKey('https://news.test/a/b')).toBe(urlKey('https://news.test/a/b/?fbclid=x'));
  });

  it('readable ids, stable per URL: a slug of the path, or of the headline when the path says nothing', () => {
    const id = articleId('https://news.test/2026/11/harbour-bridge-reopens.html?utm_medium=feed', 'Whatever');
    expect(id).toMatch(/^harbour-bridge-reopens-[0-9a-f]{8}$/);
    expect(articleId('https://news.test/2026/11/harbour-bridge-reopens.html', 'Other')).toBe(id);
    expect(articleId('https://news.test/story.php?id=5', 'Ferry timetable changes for winter')).toMatch(/^ferry-timetable-changes-for-winter-[0-9a-f]{8}$/);
    expect(articleId('https://news.test/story.php?id=6', 'Ferry timetable changes for winter')).not.toBe(
      articleId('https://news.test/story.php?id=5', 'Ferry timetable changes for winter'),
    );
    expect(articleId('https://news.test/123', null)).toMatch(/^article-[0-9a-f]{8}$/);
    expect(slugify('Café “Noël” – 2026: a very long headline that goes on and on and on past the limit')).toBe('cafe-noel-2026-a-very-long-headline-that-goes-on-and-on-and');
  });
});

describe('feed settings', () => {
  it('durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('15')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
  });

  it('feed lists: FEEDS by spaces, commas or newlines; files by line with # comments', () => {
    expect(splitFeedList(' https://a.test/rss, https://b.test/atom\nhttps://c.test/x ')).toEqual(['https://a.test/rss', 'https://b.test/atom', 'https://c.test/x']);
    expect(parseFeedsFile('# my feeds\nhttps://a.test/rss  # the main one\n\n  https://b.test/atom\n')).toEqual(['https://a.test/rss', 'https://b.test/atom']);
  });
});
