import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/runtime/config.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

function shards(env: Record<string, string>) {
  return parseConfig({ DISCORD_TOKEN: TOKEN, ...env }).shards;
}

describe('shard settings (SHARD_COUNT, SHARD_IDS, SHARD_SPAWN_DELAY_MS)', () => {
  it('takes a number or auto, unset when not given', () => {
    expect(shards({})).toEqual({ count: undefined, ids: undefined, spawnDelayMs: 5500, underManager: false });
    expect(shards({ SHARD_COUNT: 'AUTO' }).count).toBe('auto');
    expect(shards({ SHARD_COUNT: ' 4 ' }).count).toBe(4);
    expect(shards({ SHARD_SPAWN_DELAY_MS: '0' }).spawnDelayMs).toBe(0);
    expect(shards({ SHARDING_MANAGER: 'true' }).underManager).toBe(true);
  });

  it('takes SHARD_IDS sorted and unique, each below SHARD_COUNT', () => {
    expect(shards({ SHARD_COUNT: '4', SHARD_IDS: '3, 1,1' })).toMatchObject({ count: 4, ids: [1, 3] });
    expect(shards({ SHARD_COUNT: 'auto', SHARD_IDS: '5' })).toMatchObject({ count: 'auto', ids: [5] });
  });

  it.each([
    [{ SHARD_COUNT: '0' }, 'SHARD_COUNT'],
    [{ SHARD_COUNT: 'two' }, 'SHARD_COUNT'],
    [{ SHARD_COUNT: '2', SHARD_IDS: '0,2' }, 'SHARD_IDS'],
    [{ SHARD_COUNT: '2', SHARD_IDS: 'a' }, 'SHARD_IDS'],
    [{ SHARD_IDS: '0' }, 'SHARD_IDS'],
    [{ SHARD_SPAWN_DELAY_MS: 'soon' }, 'SHARD_SPAWN_DELAY_MS'],
  ])('names the variable when %j is wrong', (env, variable) => {
    let error: unknown;
    try {
      shards(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain('.env.example');
  });
});
