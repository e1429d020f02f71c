import { mkdir } from 'node:fs/promises';
import { listArticleFiles } from '../articles/load.ts';
import type { FeedReport } from '../feeds/poll.ts';
import type { FeedPoller } from '../feeds/poller.ts';
import { feedStatuses, type FeedStatus } from '../feeds/status.ts';
import { configuredFeeds, type Config } from '../runtime/config.ts';
import type { Logger } from '../runtime/log.ts';
import { plural } from '../text/plural.ts';

/**
 * Background polling for `npm start` and the sharding manager (never the shard processes, which
 * only watch the folder): the configured feeds, every FEEDS_INTERVAL, into ARTICLES_DIR.
 * Returns the poller and a promise of its first poll, or undefined when no feed is configured.
 */
export async function startFeedPolling(config: Config, log: Logger): Promise<{ poller: FeedPoller; firstPoll: Promise<void> } | undefined> {
  const feeds = configuredFeeds(config.feeds);
  if (feeds.length === 0) return undefined;
  await mkdir(config.articlesDir, { recursive: true });
  // Loaded only when feeds are followed: the HTML and XML parsers cost a second of start-up.
  const { FeedPoller } = await import('../feeds/poller.ts');
  let firstDone: () => void = () => {};
  const firstPoll = new Promise<void>((resolve) => (firstDone = resolve));
  let reported = 0;
  const poller = new FeedPoller({
    feeds,
    dir: config.articlesDir,
    intervalMs: config.feeds.intervalMs,
    maxAgeMs: config.feeds.maxAgeMs,
    onReport: (report) => {
      logReport(log, report);
      if (++reported === feeds.length) firstDone();
    },
    onError: (error) => {
      log.warn('polling the feeds failed; trying again at the next interval', error);
      firstDone();
    },
  });
  poller.start();
  log.info(`following ${plural(feeds.length, 'feed')}, each polled every ${Math.round(config.feeds.intervalMs / 1000)} s`);
  return { poller, firstPoll };
}

/**
 * A folder without articles yet (a first start with feeds only): waits for the first poll, so the
 * library has something to load. A folder with articles does not wait.
 */
export async function firstArticles(dir: string, polling: { firstPoll: Promise<void> } | undefined): Promise<void> {
  if (!polling) return;
  const files = await listArticleFiles(dir).catch(() => []);
  if (files.length === 0) await polling.firstPoll;
}

/** /feeds' view of the configured feeds (read from the fetch state in the folder), or undefined without feeds. */
export function feedStatusReader(config: Config): (() => Promise<FeedStatus[]>) | undefined {
  const feeds = configuredFeeds(config.feeds);
  return feeds.length ? () => feedStatuses(config.articlesDir, feeds) : undefined;
}

function logReport(log: Logger, report: FeedReport): void {
  if (!report.ok) return log.warn(`feed ${report.feed}: ${report.error}`);
  const line = `feed ${report.feed}: ${report.new} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed.length} failed`;
  if (report.new || report.updated || report.failed.length) log.info(line);
  else log.debug(line);
  for (const failure of report.failed) log.warn(`feed ${report.feed}: ${failure.url}: ${failure.reason}`);
}
