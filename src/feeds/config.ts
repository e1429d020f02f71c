import { readFileSync } from 'node:fs';

/**
 * How feeds and durations are written in settings (`FEEDS`, `FEEDS_FILE`, `FEEDS_INTERVAL`,
 * `ARTICLES_MAX_AGE`, `fetch --every`); src/runtime/config.ts reads the environment with these.
 */

/** A feed setting that cannot be used; the message names the value. */
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

/** Checks each URL is http(s); duplicates are dropped, order kept. Throws FeedConfigError. */
export function checkFeedUrls(urls: readonly string[]): string[] {
  for (const url of urls) {
    let ok = false;
    try {
      const u = new URL(url);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) throw new FeedConfigError(`lists "${url}", which is not an http(s) URL`);
  }
  return [...new Set(urls)];
}

/** The URLs of a feeds file. Throws FeedConfigError, worded to follow the setting's name. */
export function readFeedsFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedConfigError(`names ${file}, which ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`);
  }
  try {
    return checkFeedUrls(parseFeedsFile(text));
  } catch (error) {
    throw new FeedConfigError(`names ${file}, which ${(error as Error).message}`);
  }
}
