import { mkdir } from 'node:fs/promises';
import { checkFeedUrls, FeedConfigError, MIN_INTERVAL_MS, parseDuration, readFeedsFile } from '../feeds/config.ts';
import { HttpClient } from '../feeds/http.ts';
import { pollFeeds, type FeedReport } from '../feeds/poll.ts';
import { FeedPoller } from '../feeds/poller.ts';
import { configuredFeeds, parseFeedConfig } from '../runtime/config.ts';
import { articlesDir, EXIT_FAILURE, parseCommandLine, runCommand, runIfMain, UsageError, writeJson, type CliIo } from './run.ts';

const USAGE = 'usage: npm run --silent fetch -- [--articles DIR] [--feeds FILE] [--json] [--every DURATION] [FEED_URL ...]';

export interface FetchOptions {
  /** Resolves when `--every` should stop polling; SIGINT or SIGTERM by default. */
  stopSignal?: Promise<void>;
}

/**
 * `npm run fetch`: polls the feeds once (or every DURATION until stopped) and writes each new or
 * changed article into the articles folder. The feeds: FEED_URL arguments and `--feeds FILE`,
 * else FEEDS / FEEDS_FILE. Exit 0 when at least one feed was read, 1 when none could be, 2 for
 * usage mistakes.
 */
export function fetchFeeds(argv: readonly string[], io: CliIo, options: FetchOptions = {}): Promise<number> {
  return runCommand(USAGE, io, async () => {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        articles: { type: 'string' },
        feeds: { type: 'string' },
        json: { type: 'boolean', default: false },
        every: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      true,
    );
    if (values.help) return void io.stdout.write(`${USAGE}\n`);
    const everyMs = values.every === undefined ? undefined : every(values.every);
    let feeds = [...named('FEED_URL', () => checkFeedUrls(positionals)), ...(values.feeds ? named('--feeds', () => readFeedsFile(values.feeds!)) : [])];
    const config = parseFeedConfig(io.env);
    if (feeds.length === 0) feeds = configuredFeeds(config);
    feeds = [...new Set(feeds)];
    if (feeds.length === 0) throw new UsageError('no feeds: give FEED_URL arguments or --feeds FILE, or set FEEDS or FEEDS_FILE');

    const dir = articlesDir(values.articles, io.env);
    await mkdir(dir, { recursive: true });
    let anyRead = false;
    const print = (report: FeedReport) => {
      anyRead ||= report.ok;
      if (values.json) writeJson(io, report);
      else io.stdout.write(reportText(report));
    };
    const client = new HttpClient();
    if (everyMs === undefined) {
      for (const report of await pollFeeds(feeds, { dir, client, maxAgeMs: config.maxAgeMs })) print(report);
    } else {
      const poller = new FeedPoller({
        feeds,
        dir,
        intervalMs: everyMs,
        maxAgeMs: config.maxAgeMs,
        client,
        onReport: print,
        onError: (error) => io.stderr.write(`newsdesk: poll failed: ${error instanceof Error ? error.message : String(error)}\n`),
      });
      poller.start();
      await (options.stopSignal ?? untilSignal());
      await poller.stop();
    }
    return anyRead ? undefined : EXIT_FAILURE;
  });
}

function every(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new UsageError(`--every takes a duration such as 90s, 15m or 1h, not "${value}"`);
  if (ms < MIN_INTERVAL_MS) throw new UsageError(`--every must be at least ${MIN_INTERVAL_MS / 1000}s, not "${value}"`);
  return ms;
}

/** Feed URLs from an argument, or a UsageError naming the argument. */
function named(what: string, read: () => string[]): string[] {
  try {
    return read();
  } catch (error) {
    if (error instanceof FeedConfigError) throw new UsageError(`${what} ${error.message}`);
    throw error;
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function reportText(report: FeedReport): string {
  if (!report.ok) return `${report.feed}: failed: ${report.error}\n`;
  const lines = [`${report.feed}: ${report.items} items, ${report.new} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed.length} failed`];
  for (const failure of report.failed) lines.push(`  ${failure.url}: ${failure.reason}`);
  return `${lines.join('\n')}\n`;
}

runIfMain(import.meta.url, fetchFeeds);
