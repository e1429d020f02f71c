import { readState, storedCounts } from './state.ts';

/** How a followed feed is doing, as /feeds shows it. */
export interface FeedStatus {
  url: string;
  /** The feed's own title, once it has been read. */
  title?: string;
  /** ISO time of the last poll that read the feed. */
  lastSuccess?: string;
  /** Why the last poll failed, when it did. */
  lastError?: string;
  /** Articles from this feed in the folder now. */
  stored: number;
}

/** The state of each feed in `feeds`, in order, from the fetch state kept in the articles folder. */
export async function feedStatuses(dir: string, feeds: readonly string[]): Promise<FeedStatus[]> {
  const state = await readState(dir);
  const counts = storedCounts(state);
  return feeds.map((url) => {
    const record = state.feeds[url];
    return {
      url,
      ...(record?.title ? { title: record.title } : {}),
      ...(record?.lastSuccess ? { lastSuccess: record.lastSuccess } : {}),
      ...(record?.lastError ? { lastError: record.lastError } : {}),
      stored: counts.get(url) ?? 0,
    };
  });
}
