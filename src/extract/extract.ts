import { Readability } from '@mozilla/readability';
import { isFurnitureLine, removeFurniture, removeUnreadable } from './boilerplate.ts';
import { textBlocks, type TextBlock } from './blocks.ts';
import { parseDocument, type DomDocument, type DomElement } from './dom.ts';
import { readMetadata, webUrl } from './metadata.ts';

/** An article read from a page. */
export interface ExtractedArticle {
  title: string | null;
  /** The publisher, when the page names one (og:site_name, JSON-LD publisher, application-name). */
  source: string | null;
  /** The canonical URL, else the URL the page was served at; null when neither is known. */
  url: string | null;
  /** `YYYY-MM-DD`, or null. */
  date: string | null;
  byline: string | null;
  /** The article's paragraphs and subheadings in reading order. */
  blocks: TextBlock[];
}

export interface ExtractOptions {
  /** The URL the page was served at (resolves relative links; the URL when the page names none). */
  url?: string;
  /** Readability alone, without the furniture pass (the benchmark's baseline). */
  readabilityOnly?: boolean;
}

/** Fewer words than this is a page without an article (an index, an error page, a login form). */
const MIN_ARTICLE_WORDS = 25;

/** The page's text was not found: the page is not an article, or is empty. */
export class NoArticleError extends Error {
  override readonly name = 'NoArticleError';
}

/**
 * Finds the article in an HTML page: its metadata (JSON-LD, Open Graph, meta tags) and its text,
 * without menus, adverts, related links or comments. Page scripts are never run. Throws
 * NoArticleError when the page holds no article text.
 */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  const doc = parseDocument(html, options.url);
  const served = webUrl(options.url);
  const base = served ?? webUrl(doc.querySelector('base[href]')?.getAttribute('href')) ?? undefined;
  const meta = readMetadata(doc, base);
  if (!options.readabilityOnly) removeUnreadable(doc);
  const content = readabilityContent(doc, !options.readabilityOnly);
  if (content && !options.readabilityOnly) removeFurniture(content);
  let blocks = content ? textBlocks(content) : [];
  if (!options.readabilityOnly) {
    blocks = blocks.filter((block) => !isFurnitureLine(block.text));
    // The headline repeated as the first line of the text (old pages set it in bold, not <h1>).
    if (blocks.length > 0 && meta.title && squash(blocks[0].text) === squash(meta.title)) blocks = blocks.slice(1);
  }
  const words = blocks.reduce((n, b) => n + (b.heading ? 0 : b.text.split(' ').length), 0);
  if (words < MIN_ARTICLE_WORDS) throw new NoArticleError('no article text was found on the page');
  return {
    title: meta.title,
    source: meta.source,
    url: meta.canonical ?? served,
    date: meta.date,
    byline: meta.byline,
    blocks,
  };
}

/** Readability's pick of the article's element (class names kept when asked, for the furniture pass). */
function readabilityContent(doc: DomDocument, keepClasses: boolean): DomElement | null {
  if (!doc.documentElement || !doc.body) return null;
  const reader = new Readability<DomElement>(doc, { keepClasses, serializer: (node: unknown) => node as DomElement });
  return reader.parse()?.content ?? null;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
