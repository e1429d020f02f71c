import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/runtime/config.ts';
import { createLogger } from '../src/runtime/log.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

function problem(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies the defaults', () => {
    const config = parseConfig({ DISCORD_TOKEN: TOKEN });
    expect(config).toEqual({
      token: TOKEN,
      clientId: undefined,
      guildId: undefined,
      apiUrl: undefined,
      articlesDir: './seeds',
      logLevel: 'info',
      cooldown: { questions: 5, seconds: 30 },
      shards: { count: undefined, ids: undefined, spawnDelayMs: 5500, underManager: false },
      feeds: { list: [], file: [], intervalMs: 900_000, maxAgeMs: undefined },
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      DISCORD_TOKEN: ` ${TOKEN} `,
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: '876543210987654321',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      ARTICLES_DIR: '/tmp/articles',
      LOG_LEVEL: 'DEBUG',
      COOLDOWN_QUESTIONS: '0',
      COOLDOWN_SECONDS: '60',
    });
    expect(config).toMatchObject({
      token: TOKEN,
      clientId: '123456789012345678',
      guildId: '876543210987654321',
      apiUrl: 'http://127.0.0.1:9999/api',
      articlesDir: '/tmp/articles',
      logLevel: 'debug',
      cooldown: { questions: 0, seconds: 60 },
    });
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: '', DISCORD_API_URL: '  ' }).guildId).toBeUndefined();
  });

  it.each([
    [{}, 'DISCORD_TOKEN', /is not set/],
    [{ DISCORD_TOKEN: '   ' }, 'DISCORD_TOKEN', /is not set/],
    [{ DISCORD_TOKEN: `Bot ${TOKEN}` }, 'DISCORD_TOKEN', /without the "Bot " prefix/],
    [{ DISCORD_TOKEN: 'abc def' }, 'DISCORD_TOKEN', /spaces/],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'my-bot' }, 'DISCORD_CLIENT_ID', /Discord id/],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: '12' }, 'DISCORD_GUILD_ID', /Discord id/],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'ftp://x' }, 'DISCORD_API_URL', /http\(s\) URL/],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'not a url' }, 'DISCORD_API_URL', /http\(s\) URL/],
    [{ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /debug, info, warn, error/],
    [{ DISCORD_TOKEN: TOKEN, COOLDOWN_QUESTIONS: '-1' }, 'COOLDOWN_QUESTIONS', /whole number/],
    [{ DISCORD_TOKEN: TOKEN, COOLDOWN_SECONDS: '0' }, 'COOLDOWN_SECONDS', /whole number from 1/],
    [{ DISCORD_TOKEN: TOKEN, COOLDOWN_SECONDS: '2.5' }, 'COOLDOWN_SECONDS', /whole number/],
  ])('rejects %j naming %s', (env, variable, why) => {
    const error = problem(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(why);
    expect(error.message).toContain(variable);
    expect(error.message).toContain('.env.example');
    expect(error.message).toContain('npm run ask -- "question"');
    expect(error.message).not.toContain('\n');
  });

  it('never repeats the token in an error', () => {
    expect(problem({ DISCORD_TOKEN: `Bot ${TOKEN}` }).message).not.toContain(TOKEN);
    expect(problem({ DISCORD_TOKEN: `${TOKEN} x` }).message).not.toContain(TOKEN);
  });
});

describe('logger', () => {
  it('filters by level, writes single lines and never the token', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', secrets: [TOKEN], write: (l) => lines.push(l) });
    log.debug('hidden');
    log.info(`login with ${TOKEN}`);
    log.error('failed', new Error(`401 for token ${TOKEN}\nsecond line`));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
    }
    expect(lines[0]).toMatch(/ INFO login with \[redacted\]$/m);
    expect(lines[1]).toMatch(/ ERROR failed: Error: 401 for token \[redacted\]\\nsecond line/);
  });
});
