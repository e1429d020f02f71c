import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomically } from './store.ts';

/**
 * What the fetcher remembers between polls, kept in the articles folder (a dot-file, which the
 * loader ignores) so that every process sharing the folder sees it: each feed's validators and
 * health, and each item already handled, so a page is fetched once and again only when its feed
 * item changes.
 */
export const STATE_FILE = '.newsdesk-feeds.json';

export interface FeedRecord {
  title?: string;
  etag?: string;
  lastModified?: string;
  /** Items in the feed when it was last read. */
  items?: number;
  lastPoll?: string;
  lastSuccess?: string;
  lastError?: string;
  /** Consecutive failed polls (0 when the last one worked). */
  failures: number;
  /** Epoch ms before which the server asked not to be polled (Retry-After). */
  retryAt?: number;
}

export interface ItemRecord {
  /** The feed the item was stored from. */
  feed: string;
  guid?: string;
  /** The article's id once stored. */
  id?: string;
  /** The canonical URL's key of the stored article, when known. */
  canonical?: string;
  /**
   * The item's version in each feed that lists it (its updated date, or a digest of what the
   * feed says), as last handled: a change in a feed's own version means the item changed.
   */
  versions: Record<string, string>;
  /** The last time a feed listed it (ISO). */
  seen: string;
  /** Why the last attempt failed, and how many attempts failed for this version. */
  failed?: string;
  attempts?: number;
  /** Retention removed the article: it is not fetched again. */
  expired?: boolean;
}

export interface FeedsState {
  version: 1;
  feeds: Record<string, FeedRecord>;
  /** By the item URL's key (or `guid:` + guid for an item without a link). */
  items: Record<string, ItemRecord>;
}

/** Item records not listed by any feed for this long are forgotten. */
const FORGET_AFTER_MS = 90 * 24 * 3600 * 1000;

export function emptyState(): FeedsState {
  return { version: 1, feeds: {}, items: {} };
}

/** The folder's fetch state; a missing or unreadable file is an empty state (everything is new). */
export async function readState(dir: string): Promise<FeedsState> {
  try {
    const state = JSON.parse(await readFile(path.join(dir, STATE_FILE), 'utf8')) as FeedsState;
    if (state?.version !== 1 || typeof state.feeds !== 'object' || typeof state.items !== 'object') return emptyState();
    return state;
  } catch {
    return emptyState();
  }
}

export async function writeState(dir: string, state: FeedsState, now = Date.now()): Promise<void> {
  for (const [key, item] of Object.entries(state.items)) {
    if (now - Date.parse(item.seen) > FORGET_AFTER_MS) delete state.items[key];
  }
  await writeAtomically(path.join(dir, STATE_FILE), `${JSON.stringify(state)}\n`);
}

/** How many articles each feed has in the folder now. */
export function storedCounts(state: FeedsState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of Object.values(state.items)) {
    if (item.id && !item.expired) counts.set(item.feed, (counts.get(item.feed) ?? 0) + 1);
  }
  return counts;
}
