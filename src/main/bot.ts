import { pathToFileURL } from 'node:url';
import { Events, type Client, type ClientOptions, type Interaction } from 'discord.js';
import { loadConfigOrExit, type Config } from '../runtime/config.ts';
import { ArticleFileCache } from '../articles/load.ts';
import { Library, LibraryStore, openLibrary } from '../library/library.ts';
import { createLogger, describeError, type Logger } from '../runtime/log.ts';
import { createClient } from '../bot/client.ts';
import type { BotContext, Command } from '../bot/command.ts';
import { commands as defaultCommands } from '../bot/commands/registry.ts';
import { createBotContext, startupLine } from '../bot/context.ts';
import { registerCommands, type RegistrationResult } from '../bot/deploy.ts';
import { fromGateway } from '../bot/gateway.ts';
import { InteractionRouter } from '../bot/interactions.ts';
import { watchLibrary } from '../library/reload.ts';
import { resolveShardCount } from '../runtime/sharding.ts';
import { plural } from '../text/plural.ts';
import type { FeedStatus } from '../feeds/status.ts';
import { feedStatusReader, firstArticles, startFeedPolling } from './feeds.ts';
import { stopOnSignals } from './signals.ts';

export interface BotOptions {
  /** The articles to answer from (a Library, or a store a folder watcher replaces). Default: openLibrary(config.articlesDir). */
  library?: Library | LibraryStore;
  log?: Logger;
  /** The commands to serve (default: /ask, /summary, /articles, /help). Tests may add a throwing one. */
  commands?: readonly Command[];
  /** deferReply when the library holds more paragraphs than this (default 100,000). */
  deferAbove?: number;
  /** Register the commands after login (default true). */
  register?: boolean;
  /** How long `stop()` waits for in-flight replies (default 10 s). */
  drainTimeoutMs?: number;
  /** Extra discord.js client options (tests: a no-op identify throttler; sharding). */
  clientOptions?: Partial<ClientOptions>;
  /** Watch `config.articlesDir` and swap in a new library when files change (default false; `npm start` turns it on). */
  watchArticles?: boolean;
  /** The cache the library was opened with, so live reloads read only changed files. */
  articleFiles?: ArticleFileCache;
  /** The followed feeds' state, for /feeds (default: none followed). */
  feeds?: () => Promise<FeedStatus[]>;
}

export interface BotHandle {
  client: Client<true>;
  store: LibraryStore;
  router: InteractionRouter;
  registration?: RegistrationResult;
  /** Stop taking interactions, finish the ones in flight, disconnect. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the bot in this process: library → client login → command registration. Resolves once the
 * client is ready and the commands are registered; the handle's `stop()` shuts it down cleanly.
 */
export async function startBot(config: Config, options: BotOptions = {}): Promise<BotHandle> {
  const log = options.log ?? createLogger({ level: config.logLevel, secrets: [config.token] });
  const files = options.articleFiles ?? new ArticleFileCache();
  const store = options.library instanceof LibraryStore ? options.library : new LibraryStore(options.library ?? (await openLibrary(config.articlesDir, files)));

  const ctx: BotContext = { ...createBotContext(store, log, config, options.deferAbove), ...(options.feeds ? { feeds: options.feeds } : {}) };
  const commands = options.commands ?? defaultCommands;
  const router = new InteractionRouter(commands, ctx);
  const client = createClient({ apiUrl: config.apiUrl, extra: options.clientOptions });

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const adapted = fromGateway(interaction);
    if (adapted) void router.handle(adapted.request, adapted.respond);
  });
  client.on(Events.Error, (error) => log.error('discord.js client error', error));
  client.on(Events.Warn, (message) => log.warn(`discord.js: ${message}`));
  let stopping = false;
  client.on(Events.ShardDisconnect, (event, shard) => !stopping && log.warn(`shard ${shard} disconnected (code ${event.code})`));
  client.on(Events.ShardReconnecting, (shard) => !stopping && log.info(`shard ${shard} reconnecting`));
  client.on(Events.ShardResume, (shard, replayed) => log.info(`shard ${shard} resumed (${replayed} events replayed)`));
  client.on(Events.ShardError, (error, shard) => log.error(`shard ${shard} connection error`, error));
  client.rest.on('rateLimited', (info) => log.warn(`rate limited on ${info.route} for ${info.timeToReset} ms`));
  if (log.level === 'debug') client.on(Events.Debug, (message) => log.debug(`discord.js: ${message}`));
  const unsubscribe = store.onReplace((library) => log.debug(`library replaced: ${plural(library.articles.length, 'article')} (${plural(library.paragraphCount, 'paragraph')})`));

  const watch = options.watchArticles
    ? watchLibrary(config.articlesDir, store, {
        files,
        // A change that touched no article (the feed poller's state file, a temporary file) is only worth a debug line.
        onReload: (summary, reload) => (reload.library || reload.kept.length ? log.info(summary) : log.debug(summary)),
        onError: (error) => log.warn(`watching ${config.articlesDir} failed; live updates may stop`, error),
      })
    : undefined;

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      watch?.close();
      await router.drain(options.drainTimeoutMs ?? 10_000);
      stopping = true;
      unsubscribe();
      await client.destroy();
    })());

  try {
    await client.login(config.token);
    const readyClient = await ready;
    let registration: RegistrationResult | undefined;
    if (options.register !== false) {
      const clientId = config.clientId ?? readyClient.application.id;
      registration = await registerCommands(
        client.rest,
        { clientId, guildId: config.guildId },
        commands.map((c) => c.data.toJSON()),
      );
    }
    log.info(startupLine(store.current, config.articlesDir, registration));
    return { client: readyClient, store, router, registration, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * Which shards this process runs when started directly (`npm start`) with SHARD_COUNT / SHARD_IDS,
 * e.g. one machine of several. Under discord.js's ShardingManager (`npm run start:sharded`) the
 * manager passes SHARDS / SHARD_COUNT and discord.js reads them itself.
 */
async function shardOptions(config: Config): Promise<Partial<ClientOptions>> {
  const { underManager, count, ids } = config.shards;
  if (underManager || count === undefined) return {};
  try {
    const plan = await resolveShardCount(count, ids, config.token, config.apiUrl);
    return { shards: plan.ids ?? [...Array(plan.count).keys()], shardCount: plan.count };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/** `npm start`. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.logLevel, secrets: [config.token] });
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection (the bot goes on)', reason));

  // Feeds are polled here when this process runs alone; under the sharding manager, the manager polls.
  const polling = config.shards.underManager ? undefined : await startFeedPolling(config, log);
  const articleFiles = new ArticleFileCache();
  let library: Library;
  try {
    await firstArticles(config.articlesDir, polling);
    library = await openLibrary(config.articlesDir, articleFiles);
  } catch (error) {
    process.stderr.write(`Cannot start: ${describeError(error)} (set ARTICLES_DIR, see .env.example)\n`);
    process.exit(1);
  }

  let bot: BotHandle;
  try {
    bot = await startBot(config, { library, articleFiles, log, watchArticles: true, feeds: feedStatusReader(config), clientOptions: await shardOptions(config) });
  } catch (error) {
    log.error('Cannot start the bot', error);
    process.exit(1);
  }

  stopOnSignals(log, (signal) => {
    log.info(`${signal}: finishing in-flight replies and disconnecting`);
    return Promise.all([bot.stop(), polling?.poller.stop()]);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
