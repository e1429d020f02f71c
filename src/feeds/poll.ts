import { createHash } from 'node:crypto';
import { decodeText } from '../extract/charset.ts';
import type { TextBlock } from '../extract/blocks.ts';
import type { ExtractedArticle } from '../extract/extract.ts';
import { splitSentences } from '../text/sentences.ts';
import { HttpError, type HttpClient } from './http.ts';
import { articleId, urlKey } from './ids.ts';
import { fetchArticle } from './pages.ts';
import { FeedFormatError, htmlParagraphs, parseFeedText, type FeedItem } from './parse.ts';
import { readState, writeState, type FeedRecord, type FeedsState, type ItemRecord } from './state.ts';
import { articleFileText, removeExpired, writeArticle, type FetchedMeta } from './store.ts';

/** Feeds larger than this are cut off while streaming and reported. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;
const ACCEPT_FEED =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
/** Links that are not web pages, by extension: not fetched, the feed's own text is used. */
const NOT_A_PAGE = /\.(pdf|jpe?g|png|gif|webp|svg|mp3|m4a|ogg|mp4|webm|mov|zip|gz|docx?|xlsx?|pptx?|epub)$/i;
/** Article pages fetched at once over all hosts (each host also gets at most 2, see HttpClient). */
const PAGE_CONCURRENCY = 6;
/** A failed item is tried again on this many later polls, then left until the feed changes it. */
const MAX_ITEM_ATTEMPTS = 3;
const MIN_FALLBACK_SENTENCES = 2;

/** One feed's outcome for one poll: the `fetch --json` line. */
export interface FeedReport {
  feed: string;
  ok: boolean;
  items: number;
  new: number;
  updated: number;
  unchanged: number;
  failed: { url: string; reason: string }[];
  error?: string;
}

export interface PollOptions {
  /** The articles folder (articles and the fetch state are written there). */
  dir: string;
  client: HttpClient;
  /** ARTICLES_MAX_AGE in ms: older fetched articles are removed, and older items not fetched. */
  maxAgeMs?: number;
  now?: () => number;
}

interface Candidate {
  key: string;
  item: FeedItem;
  feed: string;
  feedTitle: string | null;
  /** The item's version in each feed listing it in this poll. */
  versions: Record<string, string>;
}

/**
 * Polls feeds once: reads each (conditional GET), merges their items (the same article in two
 * feeds is handled once), fetches and extracts each new or changed item's page, stores it, and
 * returns one report per feed in the order given. Nothing here throws for a bad feed or item:
 * it is reported, and everything else goes on.
 */
export async function pollFeeds(feeds: readonly string[], options: PollOptions): Promise<FeedReport[]> {
  const now = options.now ?? Date.now;
  const state = await readState(options.dir);
  const reports = new Map<string, FeedReport>();
  for (const feed of feeds) reports.set(feed, { feed, ok: false, items: 0, new: 0, updated: 0, unchanged: 0, failed: [] });

  const read = await Promise.all(feeds.map((feed) => readFeed(feed, state, options.client, now())));
  const byGuid = new Map<string, string>();
  for (const [key, record] of Object.entries(state.items)) if (record.guid && globalGuid(record.guid)) byGuid.set(record.guid, key);

  const candidates = new Map<string, Candidate>();
  for (const [i, feed] of feeds.entries()) {
    const report = reports.get(feed)!;
    const outcome = read[i];
    if ('error' in outcome) {
      report.error = outcome.error;
      continue;
    }
    report.ok = true;
    if (outcome.notModified) {
      report.items = state.feeds[feed]?.items ?? 0;
      report.unchanged = report.items;
      continue;
    }
    report.items = outcome.items.length;
    for (const item of outcome.items) {
      const key = itemKey(item);
      if (!key) {
        report.failed.push({ url: item.title ?? '(untitled item)', reason: 'the item has neither a link nor an id' });
        continue;
      }
      // The same article through another link or another feed: handled once.
      const known = (item.guid && globalGuid(item.guid) && byGuid.get(item.guid)) || key;
      const version = itemVersion(item);
      const merged = candidates.get(known) ?? (key !== known ? candidates.get(key) : undefined);
      if (merged) {
        merged.versions[feed] = version;
        report.unchanged++;
        continue;
      }
      const record = state.items[known];
      if (record) record.seen = new Date(now()).toISOString();
      if (tooOld(item, options.maxAgeMs, now())) {
        report.unchanged++;
        continue;
      }
      const retry = record?.failed !== undefined && (record.attempts ?? 0) < MAX_ITEM_ATTEMPTS;
      if (record && !retry && (record.versions[feed] ?? version) === version) {
        // Known to this feed and unchanged, or known through another feed: nothing to fetch.
        record.versions[feed] = version;
        report.unchanged++;
        continue;
      }
      candidates.set(known, { key: known, item, feed, feedTitle: outcome.title, versions: { [feed]: version } });
      if (item.guid && globalGuid(item.guid)) byGuid.set(item.guid, known);
    }
  }

  const canonicalIds = new Map<string, string>();
  for (const record of Object.values(state.items)) if (record.canonical && record.id) canonicalIds.set(record.canonical, record.id);

  await forEachLimited([...candidates.values()], PAGE_CONCURRENCY, async (candidate) => {
    const report = reports.get(candidate.feed)!;
    const previous = state.items[candidate.key];
    const stamp = new Date(now()).toISOString();
    try {
      const stored = await storeItem(candidate, previous, canonicalIds, options, stamp);
      state.items[candidate.key] = {
        feed: previous?.feed ?? candidate.feed,
        versions: { ...previous?.versions, ...candidate.versions },
        seen: stamp,
        canonical: stored.canonical,
        ...(stored.id ? { id: stored.id } : {}),
        ...(candidate.item.guid ? { guid: candidate.item.guid } : {}),
      };
      if (!stored.id) report.unchanged++;
      else if (previous?.id) report.updated++;
      else report.new++;
    } catch (error) {
      const reason = describe(error);
      report.failed.push({ url: candidate.item.url ?? candidate.key, reason });
      const sameVersion = previous?.failed !== undefined && previous.versions[candidate.feed] === candidate.versions[candidate.feed];
      const attempts = sameVersion ? (previous.attempts ?? 0) + 1 : 1;
      // A stored article keeps its record (and its text): a failed refetch never costs it.
      state.items[candidate.key] = {
        ...(previous ?? { feed: candidate.feed }),
        versions: { ...previous?.versions, ...candidate.versions },
        seen: stamp,
        failed: reason,
        attempts,
        ...(candidate.item.guid ? { guid: candidate.item.guid } : {}),
      };
    }
  });

  if (options.maxAgeMs !== undefined) {
    const expired = new Set(await removeExpired(options.dir, options.maxAgeMs, now()));
    for (const record of Object.values(state.items)) if (record.id && expired.has(record.id)) record.expired = true;
  }
  await writeState(options.dir, state, now());
  return feeds.map((feed) => reports.get(feed)!);
}

type FeedRead = { error: string } | { notModified: true } | { notModified: false; title: string | null; items: FeedItem[] };

/** Reads one feed and records its health in `state`. */
async function readFeed(feed: string, state: FeedsState, client: HttpClient, now: number): Promise<FeedRead> {
  const record: FeedRecord = (state.feeds[feed] ??= { failures: 0 });
  record.lastPoll = new Date(now).toISOString();
  try {
    const response = await client.get(feed, { maxBytes: MAX_FEED_BYTES, accept: ACCEPT_FEED, etag: record.etag, lastModified: record.lastModified });
    const ok = (): void => {
      record.failures = 0;
      record.lastSuccess = record.lastPoll;
      delete record.lastError;
      delete record.retryAt;
    };
    if (response.status === 304) {
      ok();
      return { notModified: true };
    }
    const parsed = parseFeedText(decodeText(response.body, response.contentType), response.url);
    ok();
    record.title = parsed.title ?? record.title;
    record.items = parsed.items.length;
    if (response.etag) record.etag = response.etag;
    else delete record.etag;
    if (response.lastModified) record.lastModified = response.lastModified;
    else delete record.lastModified;
    return { notModified: false, title: parsed.title, items: parsed.items };
  } catch (error) {
    record.failures++;
    record.lastError = describe(error);
    if (error instanceof HttpError && error.retryAt !== undefined) record.retryAt = error.retryAt;
    return { error: record.lastError };
  }
}

/**
 * Fetches, extracts and writes one item: its id and canonical URL's key, or only the key when
 * the article is already stored under another link.
 */
async function storeItem(
  candidate: Candidate,
  previous: ItemRecord | undefined,
  canonicalIds: Map<string, string>,
  options: PollOptions,
  fetched: string,
): Promise<{ id?: string; canonical: string }> {
  const { item } = candidate;
  let article: ExtractedArticle | null = null;
  let pageProblem: string | null = null;
  if (!item.url) pageProblem = 'the item has no link';
  else if (NOT_A_PAGE.test(new URL(item.url).pathname)) pageProblem = `the link is not a web page (${new URL(item.url).pathname.split('.').pop()})`;
  else {
    try {
      article = await fetchArticle(options.client, item.url);
    } catch (error) {
      pageProblem = describe(error);
    }
  }
  // A stored article is only ever replaced by its page's text, never by the feed's shorter summary.
  if (!article && previous?.id) throw new Error(`${pageProblem ?? 'no article text'}; the stored article is kept`);
  const blocks = article?.blocks ?? fallbackBlocks(item);
  if (!blocks) throw new Error(`${pageProblem ?? 'no article text'}, and the feed's own text is shorter than ${MIN_FALLBACK_SENTENCES} sentences`);

  const url = article?.url ?? item.url;
  if (!url) throw new Error('the item has no link, and an article needs one');
  const canonical = urlKey(url);
  const duplicateOf = canonicalIds.get(canonical);
  if (duplicateOf && duplicateOf !== previous?.id) return { canonical }; // The same article under another link: stored once.
  const id = previous?.id ?? articleId(item.url ?? url, article?.title ?? item.title);
  const date = article?.date ?? item.published?.day ?? null;
  const text = articleFileText(blocks, date);
  if (!text) throw new Error('no article text');
  const byline = article?.byline ?? item.author;
  const meta: FetchedMeta = {
    title: article?.title ?? item.title ?? blocks.find((b) => !b.heading)!.text.slice(0, 120),
    source: article?.source ?? candidate.feedTitle ?? new URL(url).hostname.replace(/^www\./, ''),
    url,
    date,
    ...(byline ? { byline } : {}),
    feed: candidate.feed,
    fetched,
  };
  await writeArticle(options.dir, id, text, meta);
  canonicalIds.set(canonical, id);
  return { id, canonical };
}

/** The feed's own text for the item, when it has at least two sentences. */
function fallbackBlocks(item: FeedItem): TextBlock[] | null {
  for (const html of [item.content, item.summary]) {
    if (!html) continue;
    const paragraphs = htmlParagraphs(html);
    const sentences = paragraphs.reduce((n, p) => n + splitSentences(p).length, 0);
    if (sentences >= MIN_FALLBACK_SENTENCES) return paragraphs.map((text) => ({ text, heading: false }));
  }
  return null;
}

/** Guids are unique within a feed; only URL-, URN- or tag-like ones are taken to be unique across feeds. */
function globalGuid(guid: string): boolean {
  return /^[a-z][\w+.-]*:/i.test(guid) || guid.length >= 20;
}

function itemKey(item: FeedItem): string | null {
  if (item.url) return urlKey(item.url);
  return item.guid ? `guid:${item.guid}` : null;
}

/** The item's own updated date when the feed gives one, else a digest of what it says. */
function itemVersion(item: FeedItem): string {
  if (item.updated) return `updated:${item.updated.time}`;
  const digest = createHash('sha256').update([item.title, item.content, item.summary].join('\u0000')).digest('hex').slice(0, 16);
  return `content:${digest}`;
}

function tooOld(item: FeedItem, maxAgeMs: number | undefined, now: number): boolean {
  const date = item.published ?? item.updated;
  return maxAgeMs !== undefined && date !== null && now - date.time > maxAgeMs + 24 * 3600 * 1000;
}

function describe(error: unknown): string {
  if (error instanceof HttpError || error instanceof FeedFormatError) return error.message;
  return error instanceof Error ? error.message.replace(/^Error: /, '') : String(error);
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
