import { existsSync, readFileSync } from 'node:fs';

/** A feed setting that cannot be used; the message names the setting and the value. */
export class FeedConfigError extends Error {
  override readonly name = 'FeedConfigError';
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
export const DEFAULT_INTERVAL_MS = 15 * 60_000;
export const MIN_INTERVAL_MS = 10_000;
export const DEFAULT_FEEDS_FILE = 'feeds.txt';

/** `90s`, `15m`, `1h`, `1h30m`, `7d` → milliseconds; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(value)) return null;
  let ms = 0;
  for (const [, n, , unit] of value.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d)/g)) ms += Number(n) * UNITS[unit];
  return ms > 0 ? ms : null;
}

/** A duration setting, or a FeedConfigError naming it. */
export function durationSetting(name: string, value: string, min = 0): number {
  const ms = parseDuration(value);
  if (ms === null) throw new FeedConfigError(`${name} must be a duration such as 90s, 15m or 1h, not "${value}"`);
  if (ms < min) throw new FeedConfigError(`${name} must be at least ${min / 1000}s, not "${value}"`);
  return ms;
}

/** URLs separated by spaces, commas or newlines (`FEEDS`). */
export function splitFeedList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** One URL a line, `#` comments and blank lines ignored (`FEEDS_FILE`). */
export function parseFeedsFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}

/** Checks each URL is http(s); duplicates are dropped, order kept. */
export function checkFeedUrls(urls: readonly string[], from: string): string[] {
  const seen = new Set<string>();
  for (const url of urls) {
    let ok = false;
    try {
      const u = new URL(url);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) throw new FeedConfigError(`${from}: "${url}" is not an http(s) URL`);
    seen.add(url);
  }
  return [...seen];
}

/** Reads a feeds file, or a FeedConfigError naming it. */
export function readFeedsFile(file: string, setting: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedConfigError(`${setting}: ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`);
  }
  return checkFeedUrls(parseFeedsFile(text), `${setting} ${file}`);
}

export interface FeedSettings {
  feeds: string[];
  intervalMs: number;
  maxAgeMs?: number;
}

/**
 * The feed settings from the environment: `FEEDS` and/or `FEEDS_FILE` (default `feeds.txt` in
 * the working directory when it exists), `FEEDS_INTERVAL` (default 15m, at least 10s),
 * `ARTICLES_MAX_AGE` (optional). Throws FeedConfigError naming a bad variable.
 */
export function feedSettings(env: NodeJS.ProcessEnv, cwd = process.cwd()): FeedSettings {
  return { feeds: envFeeds(env, cwd), ...pollTimings(env) };
}

/** `FEEDS` and `FEEDS_FILE` (or `feeds.txt` in `cwd` when it exists), without duplicates. */
export function envFeeds(env: NodeJS.ProcessEnv, cwd = process.cwd()): string[] {
  const feeds: string[] = [];
  if (env.FEEDS?.trim()) feeds.push(...checkFeedUrls(splitFeedList(env.FEEDS), 'FEEDS'));
  const file = env.FEEDS_FILE?.trim() || (existsSync(`${cwd}/${DEFAULT_FEEDS_FILE}`) ? `${cwd}/${DEFAULT_FEEDS_FILE}` : '');
  if (file) feeds.push(...readFeedsFile(file, 'FEEDS_FILE'));
  return [...new Set(feeds)];
}

/** `FEEDS_INTERVAL` and `ARTICLES_MAX_AGE`. */
export function pollTimings(env: NodeJS.ProcessEnv): Omit<FeedSettings, 'feeds'> {
  const interval = env.FEEDS_INTERVAL?.trim();
  const maxAge = env.ARTICLES_MAX_AGE?.trim();
  return {
    intervalMs: interval ? durationSetting('FEEDS_INTERVAL', interval, MIN_INTERVAL_MS) : DEFAULT_INTERVAL_MS,
    ...(maxAge ? { maxAgeMs: durationSetting('ARTICLES_MAX_AGE', maxAge) } : {}),
  };
}
