import { fileURLToPath } from 'node:url';
import { ShardingManager, type Shard } from 'discord.js';
import { ConfigError, loadConfigOrExit } from '../runtime/config.ts';
import { createLogger, describeError } from '../runtime/log.ts';
import { resolveShardCount, type ShardPlan } from '../runtime/sharding.ts';
import { firstArticles, startFeedPolling } from './feeds.ts';

/**
 * `npm run start:sharded`: discord.js's ShardingManager, one process per shard, each running
 * `src/main/bot.ts` (which loads the articles and watches the folder on its own). The manager
 * polls the configured feeds into the folder.
 *
 * SHARD_COUNT (number or `auto`, default `auto`) is the total across all machines; SHARD_IDS
 * picks the shards this machine runs. `auto` asks GET /gateway/bot through DISCORD_API_URL.
 */
const BOT_ENTRY = fileURLToPath(new URL('./bot.ts', import.meta.url));

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.logLevel, secrets: [config.token] });
  let shards: ShardPlan;
  try {
    shards = await resolveShardCount(config.shards.count ?? 'auto', config.shards.ids, config.token, config.apiUrl);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `Cannot start the shards: ${describeError(error)}`}\n`);
    process.exit(1);
  }

  // The manager polls the feeds (the shards only watch the folder), before the shards load it.
  const polling = await startFeedPolling(config, log);
  await firstArticles(config.articlesDir, polling);

  const manager = new ShardingManager(BOT_ENTRY, {
    token: config.token,
    totalShards: shards.count,
    shardList: shards.ids ?? 'auto',
    mode: 'process',
    respawn: true,
    execArgv: [...process.execArgv, '--import', 'tsx'],
  });
  manager.on('shardCreate', (shard: Shard) => {
    log.info(`shard ${shard.id} of ${shards.count} launched`);
    shard.on('death', () => log.warn(`shard ${shard.id} exited; the manager restarts it`));
  });

  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping ${manager.shards.size} shard(s)`);
    await polling?.poller.stop();
    await Promise.all(
      [...manager.shards.values()].map(
        (shard) =>
          new Promise<void>((resolve) => {
            const child = shard.process;
            if (!child || child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            shard.kill(); // SIGTERM: each shard finishes its in-flight replies and exits 0
          }),
      ),
    );
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const list = shards.ids ? shards.ids.join(', ') : `all ${shards.count}`;
  log.info(`starting shards ${list} of ${shards.count}`);
  try {
    await manager.spawn({ amount: shards.count, delay: config.shards.spawnDelayMs, timeout: 60_000 });
  } catch (error) {
    log.error('a shard failed to start', error);
    await shutdown('start-up failure', 1);
  }
}

void main();
