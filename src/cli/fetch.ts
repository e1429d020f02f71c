import { mkdir } from 'node:fs/promises';
import { checkFeedUrls, durationSetting, envFeeds, FeedConfigError, MIN_INTERVAL_MS, pollTimings, readFeedsFile } from '../feeds/config.ts';
import { HttpClient } from '../feeds/http.ts';
import { pollFeeds, type FeedReport } from '../feeds/poll.ts';
import { FeedPoller } from '../feeds/poller.ts';
import { parseCommandArgs, runIfMain, runWithUsage, type CommandIo } from './command.ts';
import { articlesDir, UsageError } from './run.ts';

const USAGE = 'usage: npm run --silent fetch -- [--articles DIR] [--feeds FILE] [--json] [--every DURATION] [FEED_URL ...]';

export interface FetchCommandOptions {
  /** Resolves when the command should stop polling (`--every`); SIGINT/SIGTERM by default. */
  stopSignal?: Promise<void>;
}

/**
 * `fetch`: polls the feeds once (or every DURATION until stopped) and writes each new or changed
 * article into the articles folder. Exit 0 when at least one feed was read, 1 when none could
 * be, 2 for usage mistakes.
 */
export async function fetchCommand(argv: readonly string[], io: CommandIo, options: FetchCommandOptions = {}): Promise<number> {
  return runWithUsage(USAGE, io, async () => {
    const { values, positionals } = parseCommandArgs(argv, {
      articles: { type: 'string' },
      feeds: { type: 'string' },
      json: { type: 'boolean', default: false },
      every: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    let feeds: string[];
    let maxAgeMs: number | undefined;
    let everyMs: number | undefined;
    try {
      maxAgeMs = pollTimings(process.env).maxAgeMs;
      feeds = checkFeedUrls(positionals, 'FEED_URL');
      if (values.feeds) feeds.push(...readFeedsFile(values.feeds, '--feeds'));
      if (feeds.length === 0) feeds = envFeeds(process.env);
      if (values.every !== undefined) everyMs = durationSetting('--every', values.every, MIN_INTERVAL_MS);
    } catch (error) {
      if (error instanceof FeedConfigError) throw new UsageError(error.message);
      throw error;
    }
    feeds = [...new Set(feeds)];
    if (feeds.length === 0) throw new UsageError('no feeds: give FEED_URL arguments or --feeds FILE, or set FEEDS or FEEDS_FILE');

    const dir = articlesDir(values.articles);
    await mkdir(dir, { recursive: true });
    let anyRead = false;
    const print = (report: FeedReport) => {
      anyRead ||= report.ok;
      io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : reportText(report));
    };
    const client = new HttpClient();

    if (everyMs === undefined) {
      for (const report of await pollFeeds(feeds, { dir, client, maxAgeMs })) print(report);
      return anyRead ? 0 : 1;
    }
    const poller = new FeedPoller({
      feeds,
      dir,
      intervalMs: everyMs,
      maxAgeMs,
      client,
      onReport: print,
      onError: (error) => io.stderr.write(`newsdesk: poll failed: ${error instanceof Error ? error.message : String(error)}\n`),
    });
    poller.start();
    await (options.stopSignal ?? untilSignal());
    await poller.stop();
    return anyRead ? 0 : 1;
  });
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

runIfMain(import.meta.url, (argv, io) => fetchCommand(argv, io));
