import { esc } from './page.ts';
import type { Story } from './stories.ts';

/** RFC 822 as RSS writes dates. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString().replace('GMT', '+0000');
}

/**
 * RSS 2.0 as sites write it: a CDATA title, an entity escaped twice in another, a relative
 * link, content:encoded for the first story, guids that are not links.
 */
export function rss(stories: readonly Story[], base: string, title = 'The Riverside Courier &amp; Friends'): string {
  const items = stories.map((s, i) => {
    const link = i === 1 ? `/news/${s.slug}` : `${base}/news/${s.slug}?utm_source=rss&amp;utm_medium=feed`;
    const titleXml = i === 0 ? `<![CDATA[${s.headline}]]>` : i === 2 ? `${esc(s.headline)} &amp;#8211; updated` : esc(s.headline);
    const content =
      i === 0 ? `\n<content:encoded><![CDATA[${s.body.map((p) => (p.startsWith('## ') ? `<h2>${esc(p.slice(3))}</h2>` : `<p>${esc(p)}</p>`)).join('')}]]></content:encoded>` : '';
    return `<item>
<title>${titleXml}</title>
<link>${link}</link>
<guid isPermaLink="false">courier-${s.slug}</guid>
<pubDate>${rfc822(s.published)}</pubDate>
<dc:creator>${esc(s.author)}</dc:creator>
<description>${esc(s.summary)}</description>${content}
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${title}</title>
<link>${base}/</link>
<description>News from the riverside</description>
${items.join('\n')}
</channel>
</rss>
`;
}

/** Atom 1.0 with xml:base on the feed and on each entry, so links are relative to both. */
export function atom(stories: readonly Story[], base: string): string {
  const entries = stories.map(
    (s) => `<entry xml:base="news/">
<title type="html">${esc(esc(s.headline))}</title>
<link rel="alternate" type="text/html" href="${s.slug}"/>
<id>tag:courier.test,2026:${s.slug}</id>
<published>${s.published}</published>
<updated>${s.published}</updated>
<author><name>${esc(s.author)}</name></author>
<summary type="text">${esc(s.summary)}</summary>
</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${base}/">
<title>Riverside Courier (Atom)</title>
<link rel="alternate" href="/"/>
<id>tag:courier.test,2026:feed</id>
<updated>2026-11-30T08:15:00Z</updated>
${entries.join('\n')}
</feed>
`;
}

/** RSS 1.0 (RDF) with dc:date. */
export function rdf(stories: readonly Story[], base: string): string {
  const items = stories.map(
    (s) => `<item rdf:about="${base}/news/${s.slug}">
<title>${esc(s.headline)}</title>
<link>${base}/news/${s.slug}</link>
<description>${esc(s.summary)}</description>
<dc:date>${s.published}</dc:date>
<dc:creator>${esc(s.author)}</dc:creator>
</item>`,
  );
  return `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="${base}/">
<title>Riverside Courier (RDF)</title>
<link>${base}/</link>
<description>News</description>
<items><rdf:Seq>${stories.map((s) => `<rdf:li resource="${base}/news/${s.slug}"/>`).join('')}</rdf:Seq></items>
</channel>
${items.join('\n')}
</rdf:RDF>
`;
}

/** JSON Feed 1.1. */
export function jsonFeed(stories: readonly Story[], base: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Riverside Courier (JSON)',
    home_page_url: `${base}/`,
    feed_url: `${base}/feeds/feed.json`,
    items: stories.map((s) => ({
      id: `${base}/news/${s.slug}`,
      url: `${base}/news/${s.slug}`,
      title: s.headline,
      summary: s.summary,
      date_published: s.published,
      authors: [{ name: s.author }],
    })),
  });
}

export interface LinkItem {
  title: string;
  link: string;
  description: string;
}

/** A plain RSS 2.0 feed of arbitrary links (for the bad cases and the benchmark). */
export function linkFeed(title: string, items: readonly LinkItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>http://127.0.0.1/</link>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><description>${esc(i.description)}</description><pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate></item>`).join('\n')}
</channel></rss>
`;
}
