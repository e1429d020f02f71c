import { REST, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { checkShardIds } from './config.ts';

/** A shard plan with 'auto' resolved: the total shard count and the shards to run (undefined = all). */
export interface ShardPlan {
  count: number;
  ids?: number[];
}

/**
 * The shard count Discord recommends, asked through the same REST base as the bot
 * (`DISCORD_API_URL`), unlike ShardingManager's own 'auto', which always asks discord.com.
 */
async function recommendedShardCount(token: string, apiUrl?: string): Promise<number> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return shards;
}

/** Resolves 'auto' into a number (asking Discord) and checks the ids against it. Throws ConfigError. */
export async function resolveShardCount(count: number | 'auto', ids: number[] | undefined, token: string, apiUrl?: string): Promise<ShardPlan> {
  const total = count === 'auto' ? await recommendedShardCount(token, apiUrl) : count;
  if (ids) checkShardIds(ids, total);
  return { count: total, ids };
}
