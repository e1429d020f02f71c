import { foldSpace, textOf, type DomDocument } from './dom.ts';
import { parseWrittenDate } from './dates.ts';
import { decodeLeftoverEntities } from './entities.ts';

/** What a page says about itself, before its text is read. */
export interface PageMetadata {
  title: string | null;
  /** The publisher: og:site_name, JSON-LD publisher, application-name. */
  source: string | null;
  /** The canonical URL (link rel=canonical, og:url, JSON-LD url), absolute; null when the page names none. */
  canonical: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  byline: string | null;
}

type Json = Record<string, unknown>;

const ARTICLE_TYPE = /(Article|BlogPosting|Report|Posting)$/;

/**
 * Reads the page's metadata: JSON-LD first (it is the most deliberate), then Open Graph and
 * article:* meta tags, then the common name= tags, then the <title>. `base` resolves relative URLs.
 */
export function readMetadata(doc: DomDocument, base: string | undefined): PageMetadata {
  const ld = jsonLdArticle(doc);
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const value = metaContent(doc, key);
      if (value) return value;
    }
    return null;
  };

  const title = str(ld?.headline) ?? meta('og:title', 'twitter:title', 'sailthru.title', 'parsely-title', 'dc.title') ?? pageTitle(doc);
  const source = meta('og:site_name') ?? name(ld?.publisher) ?? meta('application-name', 'publisher', 'dc.publisher', 'twitter:site');
  const dateText =
    str(ld?.datePublished) ??
    meta(
      'article:published_time',
      'og:article:published_time',
      'datePublished',
      'pubdate',
      'publishdate',
      'publish-date',
      'parsely-pub-date',
      'sailthru.date',
      'dc.date.issued',
      'dc.date',
      'date',
      'article.published',
      'published_time',
    ) ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    str(ld?.dateCreated) ??
    str(ld?.dateModified);
  const byline = authors(ld?.author) ?? meta('author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator');
  const canonicalHref = doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href') ?? meta('og:url') ?? str(ld?.url) ?? null;

  const publisher = source ? foldSpace(decodeLeftoverEntities(source)).replace(/^@/, '') : null;
  return {
    title: title ? withoutSiteName(foldSpace(decodeLeftoverEntities(title)), publisher) : null,
    source: publisher,
    canonical: webUrl(canonicalHref, base),
    date: parseWrittenDate(dateText)?.day ?? null,
    byline: byline ? cleanByline(byline) : null,
  };
}

/** An absolute http(s) URL from `href` resolved against `base`, or null. */
export function webUrl(href: string | null | undefined, base?: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/** `Headline | Site` → `Headline` when the part cut off names the publisher. */
function withoutSiteName(title: string, publisher: string | null): string {
  const parts = title.split(/\s+[|–—\-:·»]\s+/);
  if (parts.length < 2 || !publisher) return title;
  const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const site = squash(publisher);
  const last = squash(parts[parts.length - 1]);
  const first = squash(parts[0]);
  if (last.length >= 3 && (site.includes(last) || last.includes(site))) return title.slice(0, title.lastIndexOf(parts[parts.length - 1])).replace(/\s+[|–—\-:·»]\s*$/, '');
  if (first.length >= 3 && (site.includes(first) || first.includes(site))) return title.slice(parts[0].length).replace(/^\s*[|–—\-:·»]\s+/, '');
  return title;
}

function metaContent(doc: DomDocument, key: string): string | null {
  for (const attr of ['property', 'name', 'itemprop']) {
    const el = doc.querySelector(`meta[${attr}="${key}" i][content]`);
    const value = el?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
}

function pageTitle(doc: DomDocument): string | null {
  const h1 = doc.querySelectorAll('h1');
  if (h1.length === 1 && textOf(h1[0])) return textOf(h1[0]);
  const title = textOf(doc.querySelector('title'));
  if (!title) return null;
  // "Headline | Site" or "Headline - Site": keep the longest part when it carries most of the words.
  const parts = title.split(/\s+[|–—\-:·»]\s+/);
  if (parts.length < 2) return title;
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.split(' ').length >= 3 ? longest : title;
}

/** The page's article object from its JSON-LD blocks (inside @graph and arrays too), if any. */
function jsonLdArticle(doc: DomDocument): Json | null {
  const found: Json[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v) => visit(v, depth + 1));
    const obj = value as Json;
    const types = ([] as unknown[]).concat(obj['@type'] ?? []).filter((t): t is string => typeof t === 'string');
    if (types.some((t) => ARTICLE_TYPE.test(t))) found.push(obj);
    visit(obj['@graph'], depth + 1);
    visit(obj.mainEntity, depth + 1);
  };
  const scripts = doc.querySelectorAll('script[type="application/ld+json" i]');
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse(scripts[i].textContent ?? ''), 0);
    } catch {
      // A broken JSON-LD block is common and says nothing: the other sources remain.
    }
  }
  return found[0] ?? null;
}

function str(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (Array.isArray(value)) return str(value[0]);
  return null;
}

function name(value: unknown): string | null {
  if (Array.isArray(value)) return name(value[0]);
  if (value && typeof value === 'object') return str((value as Json).name);
  return str(value);
}

function authors(value: unknown): string | null {
  const list = ([] as unknown[])
    .concat(value ?? [])
    .map(name)
    .filter((n): n is string => n !== null && !/^https?:/.test(n));
  return list.length ? [...new Set(list)].join(', ') : null;
}

function cleanByline(text: string): string | null {
  const byline = foldSpace(text).replace(/^by\s+/i, '');
  return byline && byline.length <= 200 && !/^https?:/.test(byline) ? byline : null;
}
