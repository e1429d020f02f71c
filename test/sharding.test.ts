import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/runtime/config.ts';
import { parseShardSettings } from '../src/runtime/sharding.ts';

describe('parseShardSettings', () => {
  it('takes a number or auto, and the fallback when unset', () => {
    expect(parseShardSettings({}, 'auto')).toEqual({ count: 'auto' });
    expect(parseShardSettings({}, 1)).toEqual({ count: 1 });
    expect(parseShardSettings({ SHARD_COUNT: 'AUTO' }, 1)).toEqual({ count: 'auto' });
    expect(parseShardSettings({ SHARD_COUNT: ' 4 ' }, 'auto')).toEqual({ count: 4 });
  });

  it('takes SHARD_IDS sorted and unique, each below SHARD_COUNT', () => {
    expect(parseShardSettings({ SHARD_COUNT: '4', SHARD_IDS: '3, 1,1' }, 'auto')).toEqual({ count: 4, ids: [1, 3] });
    expect(parseShardSettings({ SHARD_COUNT: 'auto', SHARD_IDS: '5' }, 1)).toEqual({ count: 'auto', ids: [5] });
  });

  it.each([
    [{ SHARD_COUNT: '0' }, 'SHARD_COUNT'],
    [{ SHARD_COUNT: 'two' }, 'SHARD_COUNT'],
    [{ SHARD_COUNT: '2', SHARD_IDS: '0,2' }, 'SHARD_IDS'],
    [{ SHARD_COUNT: '2', SHARD_IDS: 'a' }, 'SHARD_IDS'],
    [{ SHARD_IDS: '0' }, 'SHARD_IDS'],
  ])('names the variable when %j is wrong', (env, variable) => {
    expect(() => parseShardSettings(env, 'auto')).toThrow(ConfigError);
    try {
      parseShardSettings(env, 'auto');
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain('.env.example');
    }
  });
});
