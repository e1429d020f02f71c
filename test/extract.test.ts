import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/extract/charset.ts';
import { parseWrittenDate } from '../src/extract/dates.ts';
import { decodeLeftoverEntities } from '../src/extract/entities.ts';
import { extractArticle, NoArticleError } from '../src/extract/extract.ts';
import { articlePage, oldStylePage } from '../fakes/news/page.ts';
import { STORIES } from '../fakes/news/stories.ts';

const story = STORIES[0];
const texts = (html: string, url?: string) => extractArticle(html, { url }).blocks.map((b) => b.text);

describe('extractArticle', () => {
  it('keeps the story, in order, with its subheading, and drops the furniture around and inside it', () => {
    const article = extractArticle(articlePage(story), { url: `https://courier.test/news/${story.slug}?utm_source=x` });
    expect(article.blocks).toEqual(story.body.map((p) => (p.startsWith('## ') ? { text: p.slice(3), heading: true } : { text: p, heading: false })));
    const all = article.blocks.map((b) => b.text).join(' ');
    for (const furniture of [
      'Advertisement',
      'Vortex',
      'newsletter',
      'Related stories',
      'Council approves',
      'comments',
      'Finally!',
      'cookies',
      'Share on',
      'Most read',
      'All rights reserved',
      'Sport',
    ]) {
      expect(all).not.toContain(furniture);
    }
  });

  it('reads the metadata from JSON-LD, Open Graph and link rel=canonical, resolving relative URLs', () => {
    const article = extractArticle(articlePage(story), { url: `https://courier.test/amp/${story.slug}` });
    expect(article).toMatchObject({
      title: story.headline,
      source: 'The Riverside Courier',
      url: `https://courier.test/news/${story.slug}`,
      date: '2026-11-30',
      byline: story.author,
    });
  });

  it('without a served URL, an absolute canonical is the URL, a relative one gives none', () => {
    const withAbsolute = articlePage(story).replace(`href="/news/${story.slug}"`, `href="https://courier.test/news/${story.slug}"`);
    expect(extractArticle(withAbsolute).url).toBe(`https://courier.test/news/${story.slug}`);
    expect(extractArticle(articlePage(story)).url).toBeNull();
  });

  it('never runs page scripts', () => {
    const html = articlePage(story).replace('</head>', '<script>document.querySelector("h1").textContent = "Hacked";</script></head>');
    const article = extractArticle(html, { url: 'https://courier.test/x' });
    expect(article.title).toBe(story.headline);
    expect(article.blocks.map((b) => b.text).join(' ')).not.toMatch(/Hacked|scripts never run/);
  });

  it('reads an old page of tables and <br><br> paragraphs without its navigation or the repeated headline', () => {
    const old = STORIES[3];
    const paragraphs = texts(oldStylePage(old), 'http://old.test/tram');
    expect(paragraphs).toEqual(old.body);
  });

  it('finds no article on a page without one', () => {
    expect(() => extractArticle('<html><head><title>Index</title></head><body><nav><a href="/">Home</a></nav><p>Welcome!</p></body></html>')).toThrow(NoArticleError);
    expect(() => extractArticle('')).toThrow(NoArticleError);
  });

  it('takes a site name off the title and decodes entities escaped twice', () => {
    const html = articlePage(story)
      .replace(/<meta property="og:title"[^>]*>/, '<meta property="og:title" content="Bridge &amp;#8211; reopened | The Riverside Courier">')
      .replace(/<script type="application\/ld\+json">.*?<\/script>/, '');
    expect(extractArticle(html).title).toBe('Bridge – reopened');
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-30', '2026-11-30'],
    ['2026-11-30T23:30:00-05:00', '2026-11-30'],
    ['Mon, 30 Nov 2026 08:15:00 +0000', '2026-11-30'],
    ['30 Nov 26 08:15 GMT', '2026-11-30'],
    ['November 30, 2026 3:04 pm EST', '2026-11-30'],
    ['30th November 2026', '2026-11-30'],
    ['2026/11/30', '2026-11-30'],
    ['Tue, 31 Feb 2026 10:00:00 GMT', null],
    ['yesterday', null],
    ['', null],
  ])('%s → %s', (text, day) => {
    expect(parseWrittenDate(text)?.day ?? null).toBe(day);
  });

  it('orders by the instant written, zones included', () => {
    const a = parseWrittenDate('Mon, 30 Nov 2026 10:00:00 +0100')!.time;
    const b = parseWrittenDate('2026-11-30T09:00:00Z')!.time;
    expect(a).toBe(b);
  });
});

describe('charsets and entities', () => {
  const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]); // "café" in ISO-8859-1
  it('takes the charset from the Content-Type header', () => {
    expect(decodeText(latin1, 'text/html; charset=ISO-8859-1')).toBe('café');
  });

  it('takes it from <meta charset> when the header names none, with Windows-1252 quotes and dashes', () => {
    const bytes = Uint8Array.from([...Buffer.from('<meta charset="windows-1252"><p>'), 0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80, 0xe9]);
    expect(decodeText(bytes, 'text/html')).toBe('<meta charset="windows-1252"><p>“A” – €é');
  });

  it('reads UTF-8 by default and by BOM', () => {
    expect(decodeText(Buffer.from('café'), null)).toBe('café');
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('é')]), 'text/html; charset=iso-8859-1')).toBe('é');
  });

  it('decodes leftover entities, and leaves unknown ones as text', () => {
    expect(decodeLeftoverEntities('Tom &amp;amp; Jerry &#8217;s')).toBe('Tom & Jerry ’s');
    expect(decodeLeftoverEntities('Secret &xxe; here')).toBe('Secret &xxe; here');
  });
});
