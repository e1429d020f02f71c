import { REST, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { ConfigError } from './config.ts';

/** How this deployment splits the bot into shards (`SHARD_COUNT`, `SHARD_IDS`). */
export interface ShardSettings {
  /** Total shards across all processes and machines, or 'auto' (what Discord recommends). */
  count: number | 'auto';
  /** The shards this process (or manager) runs; undefined = all of them. */
  ids?: number[];
}

type Env = Record<string, string | undefined>;

/** Reads `SHARD_COUNT` (a number or `auto`) and `SHARD_IDS` (e.g. `0,1`). Throws ConfigError. */
export function parseShardSettings(env: Env, fallback: number | 'auto'): ShardSettings {
  const rawCount = env.SHARD_COUNT?.trim();
  let count: number | 'auto' = fallback;
  if (rawCount) {
    if (rawCount.toLowerCase() === 'auto') count = 'auto';
    else if (/^\d+$/.test(rawCount) && Number(rawCount) >= 1 && Number(rawCount) <= 10_000) count = Number(rawCount);
    else throw new ConfigError('SHARD_COUNT', `must be a whole number of shards (1 or more) or "auto", got "${rawCount}"`);
  }
  const rawIds = env.SHARD_IDS?.trim();
  if (!rawIds) return { count };
  const parts = rawIds.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) {
    throw new ConfigError('SHARD_IDS', `must be shard numbers separated by commas, such as 0,1, got "${rawIds}"`);
  }
  const ids = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (count === 'auto' && !rawCount) {
    throw new ConfigError('SHARD_IDS', 'needs SHARD_COUNT (the total across all machines) to be set as well');
  }
  if (typeof count === 'number') checkIds(ids, count);
  return { count, ids };
}

/** Every id must be below the total shard count. */
export function checkIds(ids: readonly number[], count: number): void {
  const outside = ids.filter((id) => id >= count);
  if (outside.length) {
    throw new ConfigError('SHARD_IDS', `names shard ${outside.join(', ')}, but there are only ${count} shards (0 to ${count - 1}) in SHARD_COUNT`);
  }
}

/**
 * The shard count Discord recommends, asked through the same REST base as the bot
 * (`DISCORD_API_URL`), unlike ShardingManager's own 'auto', which always asks discord.com.
 */
export async function recommendedShardCount(token: string, apiUrl?: string): Promise<number> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return shards;
}

/** Resolves 'auto' into a number. */
export async function resolveShardCount(settings: ShardSettings, token: string, apiUrl?: string): Promise<{ count: number; ids?: number[] }> {
  const count = settings.count === 'auto' ? await recommendedShardCount(token, apiUrl) : settings.count;
  if (settings.ids) checkIds(settings.ids, count);
  return { count, ids: settings.ids };
}
