import { parseFeed } from 'feedsmith';
import { removeUnreadable } from '../extract/boilerplate.ts';
import { textBlocks } from '../extract/blocks.ts';
import { parseWrittenDate, type WrittenDate } from '../extract/dates.ts';
import { parseDocument, foldSpace } from '../extract/dom.ts';
import { decodeLeftoverEntities } from '../extract/entities.ts';
import { webUrl } from '../extract/metadata.ts';

/** One entry of a feed, normalised whatever the format. */
export interface FeedItem {
  /** The article's absolute URL (relative links and xml:base resolved), or null. */
  url: string | null;
  /** The feed's own id for the item (guid, Atom id, JSON Feed id), or null. */
  guid: string | null;
  title: string | null;
  published: WrittenDate | null;
  /** The item's own updated date, when the feed gives one. */
  updated: WrittenDate | null;
  author: string | null;
  /** Full content (content:encoded, Atom content, content_html/text) as HTML, or null. */
  content: string | null;
  /** The summary (description, Atom summary, JSON Feed summary) as HTML, or null. */
  summary: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  items: FeedItem[];
}

/** The document is not a feed (HTML, garbage) or cannot be read as one. */
export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}

type Loose = Record<string, any>;

/**
 * Parses RSS 2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.1 with feedsmith, then normalises
 * what parsers leave: entities escaped twice, markup in titles, relative links against the
 * feed's URL and any feed- or entry-level xml:base. A DOCTYPE is dropped before parsing, so no
 * entity (external or internal) is ever expanded.
 */
export function parseFeedText(text: string, feedUrl: string): ParsedFeed {
  const body = text.replace(/^\uFEFF/, '').replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i, '');
  if (/^\s*<!doctype html|^\s*<html[\s>]/i.test(body)) throw new FeedFormatError('not a feed: the address serves an HTML page');
  let parsed: { format: ParsedFeed['format']; feed: Loose };
  try {
    parsed = parseFeed(body) as typeof parsed;
  } catch (error) {
    const detail = (error as Error).name === 'DetectError' ? 'not a feed: neither RSS, Atom nor JSON Feed' : 'malformed feed: it could not be parsed';
    throw new FeedFormatError(detail);
  }
  const { format, feed } = parsed;
  switch (format) {
    case 'rss':
    case 'rdf':
      return { format, title: plain(feed.title), items: (feed.items ?? []).map((i: Loose) => rssItem(i, feedUrl)) };
    case 'atom': {
      const base = resolve(feed.xml?.base, feedUrl) ?? feedUrl;
      return { format, title: plain(atomText(feed.title)), items: (feed.entries ?? []).map((e: Loose) => atomEntry(e, base)) };
    }
    case 'json':
      return { format, title: plain(feed.title), items: (feed.items ?? []).map((i: Loose) => jsonItem(i, feedUrl)) };
  }
}

function rssItem(item: Loose, base: string): FeedItem {
  const guid = str(item.guid?.value ?? item.guid) ?? str(item.rdf?.about);
  const permalink = item.guid?.isPermaLink !== false && guid ? resolve(guid, base) : null;
  return {
    url: resolve(item.link, base) ?? resolve(item.atom?.links?.[0]?.href, base) ?? permalink,
    guid,
    title: plain(item.title),
    published: parseWrittenDate(str(item.pubDate) ?? str(item.dc?.dates?.[0]) ?? str(item.dc?.date)),
    updated: parseWrittenDate(str(item.atom?.updated) ?? str(item.dcterms?.modified)),
    author: plain(str(item.dc?.creators?.[0]) ?? str(item.dc?.creator) ?? str(item.authors?.[0]) ?? str(item.author)),
    content: str(item.content?.encoded),
    summary: str(item.description),
  };
}

function atomEntry(entry: Loose, feedBase: string): FeedItem {
  const base = resolve(entry.xml?.base, feedBase) ?? feedBase;
  const links: Loose[] = entry.links ?? [];
  const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  return {
    url: resolve(link?.href, base),
    guid: str(entry.id),
    title: plain(atomText(entry.title)),
    published: parseWrittenDate(str(entry.published) ?? str(entry.updated)),
    updated: parseWrittenDate(str(entry.updated)),
    author: plain(str(entry.authors?.[0]?.name)),
    content: atomHtml(entry.content),
    summary: atomHtml(entry.summary),
  };
}

function jsonItem(item: Loose, base: string): FeedItem {
  return {
    url: resolve(item.url, base) ?? resolve(item.external_url, base),
    guid: str(item.id),
    title: plain(item.title),
    published: parseWrittenDate(str(item.date_published)),
    updated: parseWrittenDate(str(item.date_modified)),
    author: plain(str(item.authors?.[0]?.name) ?? str(item.author?.name)),
    content: str(item.content_html) ?? textAsHtml(str(item.content_text)),
    summary: textAsHtml(str(item.summary)),
  };
}

/** Atom text constructs: `text` is plain, `html` is escaped markup, `xhtml` is markup. */
function atomText(value: unknown): string | null {
  if (value && typeof value === 'object') return str((value as Loose).value);
  return str(value);
}

function atomHtml(value: unknown): string | null {
  if (value && typeof value === 'object') {
    const v = value as Loose;
    return v.type === 'html' || v.type === 'xhtml' ? str(v.value) : textAsHtml(str(v.value));
  }
  return textAsHtml(str(value));
}

function textAsHtml(text: string | null): string | null {
  return text === null ? null : text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** A title or name as plain text: entities decoded (twice-escaped too), markup removed, spaces folded. */
function plain(value: unknown): string | null {
  const text = str(value);
  if (text === null) return null;
  let out = decodeLeftoverEntities(text);
  if (/<[a-z/!]/i.test(out)) out = out.replace(/<!\[CDATA\[|\]\]>/g, '').replace(/<[^>]*>/g, ' ');
  out = foldSpace(decodeLeftoverEntities(out));
  return out || null;
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  return null;
}

function resolve(href: unknown, base: string): string | null {
  const text = str(href);
  return text ? webUrl(decodeLeftoverEntities(text), base) : null;
}

/** The paragraphs of an item's HTML content or summary, as plain text. */
export function htmlParagraphs(html: string): string[] {
  const doc = parseDocument(`<html><body>${html}</body></html>`);
  removeUnreadable(doc);
  return doc.body ? textBlocks(doc.body).map((b) => b.text) : [];
}
