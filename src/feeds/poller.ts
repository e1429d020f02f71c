import { HttpClient } from './http.ts';
import { pollFeeds, type FeedReport } from './poll.ts';
import { readState } from './state.ts';

export interface PollerOptions {
  feeds: readonly string[];
  dir: string;
  intervalMs: number;
  maxAgeMs?: number;
  client?: HttpClient;
  /** Called with every feed's report after each poll. */
  onReport?: (report: FeedReport) => void;
  /** Called when a poll itself fails (the folder cannot be written, say); polling goes on. */
  onError?: (error: unknown) => void;
}

/** A failing feed waits the interval × 2, × 4, then × 8 at most. */
const MAX_BACKOFF = 8;

/**
 * Polls feeds in the background: each feed every interval; a failing feed backs off
 * exponentially (up to the interval × 8, and never before its server's Retry-After) and is
 * polled at the interval again once it works. Feeds due together are polled together, so
 * their items are merged.
 */
export class FeedPoller {
  private readonly nextAt = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly client: HttpClient;

  constructor(private readonly options: PollerOptions) {
    this.client = options.client ?? new HttpClient();
    for (const feed of options.feeds) this.nextAt.set(feed, 0);
  }

  /** Polls the feeds now, then each when it is due. */
  start(): void {
    this.schedule(0);
  }

  /** Stops scheduling and waits for a poll in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.running = this.pollDue().finally(() => {
          this.running = null;
          this.schedule(this.untilNext());
        });
      },
      Math.max(0, delayMs),
    );
  }

  private untilNext(): number {
    return Math.min(...this.nextAt.values()) - Date.now();
  }

  private async pollDue(): Promise<void> {
    const now = Date.now();
    const due = this.options.feeds.filter((feed) => (this.nextAt.get(feed) ?? 0) <= now);
    if (due.length === 0) return;
    try {
      const reports = await pollFeeds(due, { dir: this.options.dir, client: this.client, maxAgeMs: this.options.maxAgeMs });
      const state = await readState(this.options.dir);
      for (const report of reports) {
        const record = state.feeds[report.feed];
        this.nextAt.set(report.feed, nextPoll(Date.now(), this.options.intervalMs, record?.failures ?? 0, record?.retryAt));
        this.options.onReport?.(report);
      }
    } catch (error) {
      for (const feed of due) this.nextAt.set(feed, Date.now() + this.options.intervalMs);
      this.options.onError?.(error);
    }
  }
}

/** When a feed is next polled: the interval after a success, exponentially later after failures. */
export function nextPoll(now: number, intervalMs: number, failures: number, retryAt?: number): number {
  const factor = failures > 0 ? Math.min(2 ** failures, MAX_BACKOFF) : 1;
  return Math.max(now + intervalMs * factor, retryAt ?? 0);
}
