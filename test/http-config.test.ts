import { describe, expect, it } from 'vitest';
import { ConfigError, parseHttpConfig } from '../src/runtime/config.ts';

const KEY = 'a1'.repeat(32);

function problem(env: Record<string, string>): string {
  try {
    parseHttpConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseHttpConfig (npm run start:http)', () => {
  it('applies the defaults', () => {
    expect(parseHttpConfig({ DISCORD_PUBLIC_KEY: KEY })).toEqual({ publicKey: KEY, host: '0.0.0.0', port: 8080, workers: 1 });
  });

  it('reads every variable (the key in either case, trimmed)', () => {
    expect(parseHttpConfig({ DISCORD_PUBLIC_KEY: ` ${KEY.toUpperCase()} `, HOST: '127.0.0.1', PORT: '3000', HTTP_WORKERS: '2' })).toEqual({
      publicKey: KEY,
      host: '127.0.0.1',
      port: 3000,
      workers: 2,
    });
    expect(parseHttpConfig({ DISCORD_PUBLIC_KEY: KEY, HOST: '::', PORT: '0' })).toMatchObject({ host: '::', port: 0 });
    expect(parseHttpConfig({ DISCORD_PUBLIC_KEY: KEY, HOST: 'localhost' }).host).toBe('localhost');
  });

  it('names the variable that is missing or malformed', () => {
    expect(problem({})).toMatch(/^Configuration error: DISCORD_PUBLIC_KEY is not set: HTTP mode needs the application's public key/);
    expect(problem({ DISCORD_PUBLIC_KEY: KEY.slice(2) })).toMatch(/DISCORD_PUBLIC_KEY must be 64 hex characters, got ".*" \(62 characters\)/);
    expect(problem({ DISCORD_PUBLIC_KEY: `${KEY.slice(2)}zz` })).toMatch(/DISCORD_PUBLIC_KEY must be 64 hex characters/);
    expect(problem({ DISCORD_PUBLIC_KEY: KEY, PORT: '80000' })).toMatch(/PORT must be a whole number from 0 to 65535, got "80000"/);
    expect(problem({ DISCORD_PUBLIC_KEY: KEY, PORT: 'http' })).toMatch(/PORT must be a whole number/);
    expect(problem({ DISCORD_PUBLIC_KEY: KEY, HOST: 'http://0.0.0.0' })).toMatch(/HOST must be an IP address or a host name/);
    expect(problem({ DISCORD_PUBLIC_KEY: KEY, HTTP_WORKERS: '0' })).toMatch(/HTTP_WORKERS must be a whole number from 1 to 64, got "0"/);
    expect(problem({ DISCORD_PUBLIC_KEY: KEY, HTTP_WORKERS: 'auto' })).toMatch(/HTTP_WORKERS must be a whole number from 1 to 64/);
  });
});
