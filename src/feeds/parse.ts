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

/** A step into parsed JSON-like data: a property or an index, or undefined when there is none. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/**
 * Parses RSS 2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.1 with feedsmith, then normalises
 * what parsers leave: entities escaped twice, markup in titles, relative links against the
 * feed's URL and any feed- or entry-level xml:base. A DOCTYPE is dropped before parsing, so no
 * entity (external or internal) is ever expanded.
 */
export function parseFeedText(text: string, feedUrl: string): ParsedFeed {
  const body = text.replace(/^\uFEFF/, '').replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i, '');
  if (/^\s*<!doctype html|^\s*<html[\s>]/i.test(body)) throw new FeedFormatError('not a feed: the address serves an HTML page');
  let parsed: { format: ParsedFeed['format']; feed: unknown };
  try {
    parsed = parseFeed(body);
  } catch (error) {
    const detail = (error as Error).name === 'DetectError' ? 'not a feed: neither RSS, Atom nor JSON Feed' : 'malformed feed: it could not be parsed';
    throw new FeedFormatError(detail);
  }
  const { format, feed } = parsed;
  switch (format) {
    case 'rss':
    case 'rdf':
      return { format, title: plain(at(feed, 'title')), items: list(at(feed, 'items')).map((i) => rssItem(i, feedUrl)) };
    case 'atom': {
      const base = resolve(at(feed, 'xml', 'base'), feedUrl) ?? feedUrl;
      return { format, title: plain(atomText(at(feed, 'title'))), items: list(at(feed, 'entries')).map((e) => atomEntry(e, base)) };
    }
    case 'json':
      return { format, title: plain(at(feed, 'title')), items: list(at(feed, 'items')).map((i) => jsonItem(i, feedUrl)) };
  }
}

function rssItem(item: unknown, base: string): FeedItem {
  const guid = str(at(item, 'guid', 'value') ?? at(item, 'guid')) ?? str(at(item, 'rdf', 'about'));
  const permalink = at(item, 'guid', 'isPermaLink') !== false && guid ? resolve(guid, base) : null;
  return {
    url: resolve(at(item, 'link'), base) ?? resolve(at(item, 'atom', 'links', 0, 'href'), base) ?? permalink,
    guid,
    title: plain(at(item, 'title')),
    published: parseWrittenDate(str(at(item, 'pubDate')) ?? str(at(item, 'dc', 'dates', 0)) ?? str(at(item, 'dc', 'date'))),
    updated: parseWrittenDate(str(at(item, 'atom', 'updated')) ?? str(at(item, 'dcterms', 'modified'))),
    author: plain(str(at(item, 'dc', 'creators', 0)) ?? str(at(item, 'dc', 'creator')) ?? str(at(item, 'authors', 0)) ?? str(at(item, 'author'))),
    content: str(at(item, 'content', 'encoded')),
    summary: str(at(item, 'description')),
  };
}

function atomEntry(entry: unknown, feedBase: string): FeedItem {
  const base = resolve(at(entry, 'xml', 'base'), feedBase) ?? feedBase;
  const links = list(at(entry, 'links'));
  const link = links.find((l) => !at(l, 'rel') || at(l, 'rel') === 'alternate') ?? links[0];
  return {
    url: resolve(at(link, 'href'), base),
    guid: str(at(entry, 'id')),
    title: plain(atomText(at(entry, 'title'))),
    published: parseWrittenDate(str(at(entry, 'published')) ?? str(at(entry, 'updated'))),
    updated: parseWrittenDate(str(at(entry, 'updated'))),
    author: plain(str(at(entry, 'authors', 0, 'name'))),
    content: atomHtml(at(entry, 'content')),
    summary: atomHtml(at(entry, 'summary')),
  };
}

function jsonItem(item: unknown, base: string): FeedItem {
  return {
    url: resolve(at(item, 'url'), base) ?? resolve(at(item, 'external_url'), base),
    guid: str(at(item, 'id')),
    title: plain(at(item, 'title')),
    published: parseWrittenDate(str(at(item, 'date_published'))),
    updated: parseWrittenDate(str(at(item, 'date_modified'))),
    author: plain(str(at(item, 'authors', 0, 'name')) ?? str(at(item, 'author', 'name'))),
    content: str(at(item, 'content_html')) ?? textAsHtml(str(at(item, 'content_text'))),
    summary: textAsHtml(str(at(item, 'summary'))),
  };
}

/** Atom text constructs: `text` is plain, `html` is escaped markup, `xhtml` is markup. */
function atomText(value: unknown): string | null {
  return value && typeof value === 'object' ? str(at(value, 'value')) : str(value);
}

function atomHtml(value: unknown): string | null {
  if (value && typeof value === 'object') {
    const type = at(value, 'type');
    return type === 'html' || type === 'xhtml' ? str(at(value, 'value')) : textAsHtml(str(at(value, 'value')));
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
