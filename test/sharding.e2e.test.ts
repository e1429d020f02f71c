import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, guildIdForShard } from '../fakes/discord/index.ts';
import { spawnBot, type BotProcess } from './helpers/spawn-bot.ts';

/** Two guilds, one on each of two shards. */
const GUILD_ON = [guildIdForShard(0, 2), guildIdForShard(1, 2)];

describe('sharding across processes (discord.js ShardingManager) against the fake Discord', { timeout: 120_000 }, () => {
  let fake: FakeDiscord;
  let articles: string;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    fake = await FakeDiscord.start({
      shards: 2,
      guilds: GUILD_ON.map((id, i) => ({ id, name: `Guild on shard ${i}` })),
      heartbeatIntervalMs: 1000,
      timeoutMs: 60_000,
    });
    articles = mkdtempSync(path.join(tmpdir(), 'newsdesk-shards-'));
    cpSync('seeds', articles, { recursive: true });
  });

  afterEach(async () => {
    const codes = await Promise.all(bots.splice(0).map((bot) => bot.stop()));
    await fake.close();
    rmSync(articles, { recursive: true, force: true });
    expect(codes.every((code) => code === 0)).toBe(true);
  });

  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    ARTICLES_DIR: articles,
    SHARD_SPAWN_DELAY_MS: '0',
    ...extra,
  });

  async function askOn(guildId: string, question: string) {
    const interaction = await fake.sendCommand({ name: 'ask', guildId, options: { question } });
    return { shardId: interaction.shardId, reply: await interaction.reply() };
  }

  it('SHARD_COUNT=auto asks /gateway/bot through DISCORD_API_URL; each shard answers its own guilds; an added article reaches every shard', async () => {
    bots.push(spawnBot('src/main/sharded.ts', env({ SHARD_COUNT: 'auto' })));
    await fake.waitForReady(2);
    await fake.waitFor(() => fake.commands().length === 5, 60_000, 'global commands registered');
    expect(fake.identifies.map((i) => i.shard?.[0]).sort()).toEqual([0, 1]);
    expect(fake.identifies.every((i) => i.shard?.[1] === 2)).toBe(true);

    for (const [shard, guildId] of GUILD_ON.entries()) {
      const { shardId, reply } = await askOn(guildId, 'Will the embassy in Kabul be closed?');
      expect(shardId).toBe(shard);
      expect(reply.embeds[0].description).toContain('no plans to close the embassy');
    }

    writeFileSync(path.join(articles, 'zz-new.txt'), 'date 2030-01-01 A comet was seen over the harbour of Karachi.');
    for (const guildId of GUILD_ON) {
      await expect
        .poll(
          async () => {
            const list = await (await fake.sendCommand({ name: 'articles', guildId })).reply();
            return JSON.stringify(list.embeds).includes('A comet was seen over the harbour of Karachi');
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true);
    }
  });

  it('SHARD_IDS splits the shards across "machines": two processes, one shard each', async () => {
    bots.push(spawnBot('src/main/bot.ts', env({ SHARD_COUNT: '2', SHARD_IDS: '0' })));
    bots.push(spawnBot('src/main/bot.ts', env({ SHARD_COUNT: '2', SHARD_IDS: '1' })));
    await fake.waitForReady(2);
    await fake.waitFor(() => fake.commands().length === 5, 60_000, 'global commands registered');
    for (const [shard, guildId] of GUILD_ON.entries()) {
      const { shardId, reply } = await askOn(guildId, 'How was the injured guard transported?');
      expect(shardId).toBe(shard);
      expect(reply.embeds[0].description).toContain('helicopter');
    }
  });
});
