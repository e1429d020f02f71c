import { resolve } from 'node:path';
import { isIP } from 'node:net';
import { config as loadDotenv } from 'dotenv';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './log.ts';

/** Everything the bot reads from the environment, validated. */
export interface Config {
  /** The bot token. Never log it. */
  token: string;
  /** The application id (the bot's user id); taken from the login when unset. */
  clientId?: string;
  /** Register the commands to this guild only (instant); global when unset. */
  guildId?: string;
  /** REST base for discord.js (`rest.api`), e.g. an `@discordjs/proxy`, or the test fake. */
  apiUrl?: string;
  /** Folder of article files (absolute). */
  articlesDir: string;
  logLevel: LogLevel;
  cooldown: {
    /** Questions a user may ask per window; 0 turns the cooldown off. */
    questions: number;
    seconds: number;
  };
}

export const DEFAULT_ARTICLES_DIR = './seeds';
export const DEFAULT_COOLDOWN_QUESTIONS = 5;
export const DEFAULT_COOLDOWN_SECONDS = 30;

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

const SNOWFLAKE = /^\d{17,20}$/;

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function snowflake(env: Env, name: string): string | undefined {
  const value = read(env, name);
  if (value !== undefined && !SNOWFLAKE.test(value)) {
    throw new ConfigError(name, `must be a Discord id (17 to 20 digits), got "${value}"`);
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

/** Validates an environment (pure: no dotenv, no exit). Throws ConfigError. */
export function parseConfig(env: Env): Config {
  const token = read(env, 'DISCORD_TOKEN');
  if (!token) throw new ConfigError('DISCORD_TOKEN', 'is not set: put the bot token from the Discord developer portal in .env');
  // Never echo the token itself, not even a malformed one.
  if (/^Bot\s/i.test(token)) throw new ConfigError('DISCORD_TOKEN', 'must be the bare token, without the "Bot " prefix');
  if (/\s/.test(token)) throw new ConfigError('DISCORD_TOKEN', 'must not contain spaces');

  const clientId = snowflake(env, 'DISCORD_CLIENT_ID');
  const guildId = snowflake(env, 'DISCORD_GUILD_ID');

  const apiUrl = read(env, 'DISCORD_API_URL');
  if (apiUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(apiUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new ConfigError('DISCORD_API_URL', `must be an http(s) URL such as http://127.0.0.1:8080/api, got "${apiUrl}"`);
    }
  }

  const logLevel = read(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!isLogLevel(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${read(env, 'LOG_LEVEL')}"`);
  }

  return {
    token,
    clientId,
    guildId,
    apiUrl: apiUrl?.replace(/\/+$/, ''),
    articlesDir: resolve(read(env, 'ARTICLES_DIR') ?? DEFAULT_ARTICLES_DIR),
    logLevel,
    cooldown: {
      questions: integer(env, 'COOLDOWN_QUESTIONS', DEFAULT_COOLDOWN_QUESTIONS, 0, 1000),
      seconds: integer(env, 'COOLDOWN_SECONDS', DEFAULT_COOLDOWN_SECONDS, 1, 86_400),
    },
  };
}

/** Reads `.env` (quietly; real environment variables win) and validates. Throws ConfigError. */
export function loadConfig(env: Env = process.env): Config {
  loadDotenv({ quiet: true });
  return parseConfig(env);
}

/**
 * For entry points: the config, or one line on stderr and exit code 1 (no stack trace).
 */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    const line = error instanceof ConfigError ? error.message : `Configuration error: ${String(error)} (${HINT})`;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP interactions mode (`npm run start:http`): read only by that entry point, on top of Config.

export interface HttpConfig {
  /** The application's Ed25519 public key, 64 hex characters (developer portal → General Information). */
  publicKey: string;
  host: string;
  /** 0 = any free port (tests). */
  port: number;
}

export const DEFAULT_HTTP_HOST = '0.0.0.0';
export const DEFAULT_HTTP_PORT = 8080;

const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** Validates the HTTP mode's variables (pure). Throws ConfigError. */
export function parseHttpConfig(env: Env): HttpConfig {
  const publicKey = read(env, 'DISCORD_PUBLIC_KEY');
  if (!publicKey) {
    throw new ConfigError('DISCORD_PUBLIC_KEY', "is not set: HTTP mode needs the application's public key (developer portal → General Information)");
  }
  if (!/^[0-9a-f]{64}$/i.test(publicKey)) {
    throw new ConfigError('DISCORD_PUBLIC_KEY', `must be 64 hex characters, got "${publicKey.slice(0, 80)}" (${publicKey.length} characters)`);
  }
  const host = read(env, 'HOST') ?? DEFAULT_HTTP_HOST;
  if (isIP(host) === 0 && !HOSTNAME.test(host)) {
    throw new ConfigError('HOST', `must be an IP address or a host name to listen on, such as 0.0.0.0 or 127.0.0.1, got "${host}"`);
  }
  return { publicKey: publicKey.toLowerCase(), host, port: integer(env, 'PORT', DEFAULT_HTTP_PORT, 0, 65_535) };
}

/** For `npm run start:http`: the config and the HTTP settings, or one line on stderr and exit code 1. */
export function loadHttpConfigOrExit(env: Env = process.env): { config: Config; http: HttpConfig } {
  const config = loadConfigOrExit(env);
  try {
    return { config, http: parseHttpConfig(env) };
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `Configuration error: ${String(error)} (${HINT})`}\n`);
    process.exit(1);
  }
}
