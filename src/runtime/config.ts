import { isIP } from 'node:net';
import { config as loadDotenv } from 'dotenv';
import { existsSync } from 'node:fs';
import { checkFeedUrls, DEFAULT_FEEDS_FILE, DEFAULT_INTERVAL_MS, FeedConfigError, MIN_INTERVAL_MS, parseDuration, readFeedsFile, splitFeedList } from '../feeds/config.ts';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './log.ts';

/**
 * The one place that reads the environment. Each variable is one entry below: its name, how its
 * value is checked and its default. Entry points call `loadConfigOrExit()` (the bot: everything,
 * token included) or `parseCliConfig(loadEnv())` (the offline CLI: no token needed); both read
 * `.env` once through `loadEnv()`. Everything else takes a `Config` and never looks at `process.env`.
 *
 * To add a variable: add an entry to the settings it belongs to (or a new group), document it in
 * `.env.example` and in the README's configuration table.
 */

export type Env = Record<string, string | undefined>;

const HINT = 'see .env.example; to try the articles without Discord: npm run ask -- "question"';

/** A configuration problem: names the variable; `message` is the one line shown to people. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem} (${HINT})`);
    this.name = 'ConfigError';
  }
}

/** How one variable is read: its trimmed value (undefined when unset or blank) → the setting. */
type Parse<T> = (value: string | undefined, fail: (problem: string) => never) => T;

interface Setting<T> {
  readonly variable: string;
  readonly parse: Parse<T>;
}

function setting<T>(variable: string, parse: Parse<T>): Setting<T> {
  return { variable, parse };
}

/** A tree of settings; the config it reads has the same shape. */
interface Settings {
  readonly [key: string]: Setting<unknown> | Settings;
}

type Read<S extends Settings> = { -readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : S[K] extends Settings ? Read<S[K]> : never };

function readSettings<S extends Settings>(settings: S, env: Env): Read<S> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(settings)) {
    if (isSetting(entry)) {
      const value = env[entry.variable]?.trim() || undefined;
      out[key] = entry.parse(value, (problem) => {
        throw new ConfigError(entry.variable, problem);
      });
    } else {
      out[key] = readSettings(entry, env);
    }
  }
  return out as Read<S>;
}

function isSetting(entry: Setting<unknown> | Settings): entry is Setting<unknown> {
  return typeof entry.parse === 'function' && typeof entry.variable === 'string';
}

// ---- value kinds ----

function orDefault(fallback: string): Parse<string> {
  return (value) => value ?? fallback;
}

function wholeNumber(fallback: number, min: number, max: number): Parse<number> {
  return (value, fail) => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) fail(`must be a whole number from ${min} to ${max}, got "${value}"`);
    return Number(value);
  };
}

const snowflake: Parse<string | undefined> = (value, fail) => {
  if (value !== undefined && !/^\d{17,20}$/.test(value)) fail(`must be a Discord id (17 to 20 digits), got "${value}"`);
  return value;
};

const httpUrl: Parse<string | undefined> = (value, fail) => {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) fail(`must be an http(s) URL such as http://127.0.0.1:8080/api, got "${value}"`);
  return value.replace(/\/+$/, '');
};

const botToken: Parse<string> = (value, fail) => {
  if (!value) return fail('is not set: put the bot token from the Discord developer portal in .env');
  // Never echo the token itself, not even a malformed one.
  if (/^Bot\s/i.test(value)) fail('must be the bare token, without the "Bot " prefix');
  if (/\s/.test(value)) fail('must not contain spaces');
  return value;
};

const logLevel: Parse<LogLevel> = (value, fail) => {
  const level = value?.toLowerCase() ?? 'info';
  if (!isLogLevel(level)) fail(`must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return level as LogLevel;
};

const shardCount: Parse<number | 'auto' | undefined> = (value, fail) => {
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'auto') return 'auto';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) fail(`must be a whole number of shards (1 or more) or "auto", got "${value}"`);
  return Number(value);
};

const shardIds: Parse<number[] | undefined> = (value, fail) => {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) fail(`must be shard numbers separated by commas, such as 0,1, got "${value}"`);
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
};

const isTrue: Parse<boolean> = (value) => value === 'true';

function duration(fallback: number | undefined, min: number): Parse<number | undefined> {
  return (value, fail) => {
    if (value === undefined) return fallback;
    const ms = parseDuration(value);
    if (ms === null) fail(`must be a duration such as 90s, 15m or 1h, got "${value}"`);
    if (ms! < min) fail(`must be at least ${min / 1000}s, got "${value}"`);
    return ms!;
  };
}

function feedCheck<T>(read: () => T, fail: (problem: string) => never): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FeedConfigError) fail(error.message);
    throw error;
  }
}

const feedList: Parse<string[]> = (value, fail) => (value === undefined ? [] : feedCheck(() => checkFeedUrls(splitFeedList(value)), fail));

/** The feeds file's URLs: FEEDS_FILE, else `feeds.txt` in the working directory when there is one. */
const feedsFile: Parse<string[]> = (value, fail) => {
  const file = value ?? (existsSync(DEFAULT_FEEDS_FILE) ? DEFAULT_FEEDS_FILE : undefined);
  return file === undefined ? [] : feedCheck(() => readFeedsFile(file), fail);
};

// ---- the variables ----

const DEFAULT_ARTICLES_DIR = './seeds';

/** What the offline CLI reads (no token needed). */
const CLI_SETTINGS = {
  /** Folder of article files, as given (relative paths are relative to the working directory). */
  articlesDir: setting('ARTICLES_DIR', orDefault(DEFAULT_ARTICLES_DIR)),
} satisfies Settings;

/** The news feeds to follow (`npm start`, the sharding manager, `npm run fetch`). */
const FEED_SETTINGS = {
  /** Feed URLs separated by spaces, commas or newlines. */
  list: setting('FEEDS', feedList),
  /** A file of feed URLs, one a line, `#` comments. */
  file: setting('FEEDS_FILE', feedsFile),
  /** How often each feed is polled. */
  intervalMs: setting('FEEDS_INTERVAL', duration(DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS) as Parse<number>),
  /** Fetched articles older than this are removed; unset keeps them. */
  maxAgeMs: setting('ARTICLES_MAX_AGE', duration(undefined, 1000)),
} satisfies Settings;

/** Everything the bot reads, in the order problems are reported. */
const BOT_SETTINGS = {
  /** The bot token. Never log it. */
  token: setting('DISCORD_TOKEN', botToken),
  /** The application id (the bot's user id); taken from the login when unset. */
  clientId: setting('DISCORD_CLIENT_ID', snowflake),
  /** Register the commands to this guild only (instant); global when unset. */
  guildId: setting('DISCORD_GUILD_ID', snowflake),
  /** REST base for discord.js (`rest.api`), e.g. an `@discordjs/proxy`, or the test fake; no trailing slash. */
  apiUrl: setting('DISCORD_API_URL', httpUrl),
  ...CLI_SETTINGS,
  logLevel: setting('LOG_LEVEL', logLevel),
  cooldown: {
    /** Questions a user may ask per window; 0 turns the cooldown off. */
    questions: setting('COOLDOWN_QUESTIONS', wholeNumber(5, 0, 1000)),
    seconds: setting('COOLDOWN_SECONDS', wholeNumber(30, 1, 86_400)),
  },
  shards: {
    /** Total shards across all processes and machines, 'auto' (what Discord recommends), or unset. */
    count: setting('SHARD_COUNT', shardCount),
    /** The shards this process (or this machine's manager) runs; unset = all of them. */
    ids: setting('SHARD_IDS', shardIds),
    /** Between two shards' logins under the manager (Discord allows max_concurrency identifies per 5 s). */
    spawnDelayMs: setting('SHARD_SPAWN_DELAY_MS', wholeNumber(5500, 0, 600_000)),
    /** Set by discord.js's ShardingManager in the shard processes it starts. */
    underManager: setting('SHARDING_MANAGER', isTrue),
  },
  feeds: FEED_SETTINGS,
} satisfies Settings;

/** What the offline CLI reads from the environment. */
export type CliConfig = Read<typeof CLI_SETTINGS>;
/** Everything the bot reads from the environment, validated. */
export type Config = Read<typeof BOT_SETTINGS>;
export type FeedConfig = Read<typeof FEED_SETTINGS>;

/** Validates the CLI's part of an environment (pure: no dotenv). Throws ConfigError. */
export function parseCliConfig(env: Env): CliConfig {
  return readSettings(CLI_SETTINGS, env);
}

/** Validates the feed settings of an environment (reads the feeds file). Throws ConfigError. */
export function parseFeedConfig(env: Env): FeedConfig {
  return readSettings(FEED_SETTINGS, env);
}

/** The feeds to follow: FEEDS, then the feeds file's, without duplicates. */
export function configuredFeeds(config: FeedConfig): string[] {
  return [...new Set([...config.list, ...config.file])];
}

/** Validates an environment (pure: no dotenv, no exit). Throws ConfigError. */
export function parseConfig(env: Env): Config {
  const config = readSettings(BOT_SETTINGS, env);
  const { count, ids } = config.shards;
  if (ids && count === undefined) throw new ConfigError('SHARD_IDS', 'needs SHARD_COUNT (the total across all machines) to be set as well');
  if (ids && typeof count === 'number') checkShardIds(ids, count);
  return config;
}

/** Every shard id must be below the total shard count. Throws ConfigError. */
export function checkShardIds(ids: readonly number[], count: number): void {
  const outside = ids.filter((id) => id >= count);
  if (outside.length) {
    throw new ConfigError('SHARD_IDS', `names shard ${outside.join(', ')}, but there are only ${count} shards (0 to ${count - 1}) in SHARD_COUNT`);
  }
}

let dotenvLoaded = false;

/** This process's environment with `.env` applied (once, quietly; variables already set win). */
export function loadEnv(): Env {
  if (!dotenvLoaded) {
    loadDotenv({ quiet: true });
    dotenvLoaded = true;
  }
  return process.env;
}

/**
 * For entry points: `parse` (e.g. `parseConfig`) applied to this process's environment and `.env`,
 * or one line on stderr and exit code 1 (no stack trace).
 */
function loadOrExit<T>(parse: (env: Env) => T): T {
  try {
    return parse(loadEnv());
  } catch (error) {
    const line = error instanceof ConfigError ? error.message : `Configuration error: ${String(error)} (${HINT})`;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}

/** The bot's config, or one line on stderr and exit code 1. */
export function loadConfigOrExit(): Config {
  return loadOrExit(parseConfig);
}

// ---- HTTP interactions mode (`npm run start:http`): read by that entry point only, on top of Config ----

const publicKey: Parse<string> = (value, fail) => {
  if (!value) return fail("is not set: HTTP mode needs the application's public key (developer portal → General Information)");
  if (!/^[0-9a-f]{64}$/i.test(value)) fail(`must be 64 hex characters, got "${value.slice(0, 80)}" (${value.length} characters)`);
  return value.toLowerCase();
};

const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

const listenHost: Parse<string> = (value, fail) => {
  const host = value ?? '0.0.0.0';
  if (isIP(host) === 0 && !HOSTNAME.test(host)) fail(`must be an IP address or a host name to listen on, such as 0.0.0.0 or 127.0.0.1, got "${host}"`);
  return host;
};

const HTTP_SETTINGS = {
  /** The application's Ed25519 public key, 64 hex characters (developer portal → General Information). */
  publicKey: setting('DISCORD_PUBLIC_KEY', publicKey),
  host: setting('HOST', listenHost),
  /** 0 = any free port (tests). */
  port: setting('PORT', wholeNumber(8080, 0, 65_535)),
  /** Server processes sharing the port (1: this process serves; more: it forks them and supervises). */
  workers: setting('HTTP_WORKERS', wholeNumber(1, 1, 64)),
} satisfies Settings;

export type HttpConfig = Read<typeof HTTP_SETTINGS>;

/** Validates the HTTP mode's variables (pure). Throws ConfigError. */
export function parseHttpConfig(env: Env): HttpConfig {
  return readSettings(HTTP_SETTINGS, env);
}

/** For `npm run start:http`: the config and the HTTP settings, or one line on stderr and exit code 1. */
export function loadHttpConfigOrExit(): { config: Config; http: HttpConfig } {
  return { config: loadConfigOrExit(), http: loadOrExit(parseHttpConfig) };
}
