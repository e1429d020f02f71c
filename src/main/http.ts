import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { REST } from 'discord.js';
import { loadHttpConfigOrExit, type Config, type HttpConfig } from '../runtime/config.ts';
import { ArticleFileCache } from '../articles/load.ts';
import { Library, LibraryStore, openLibrary } from '../library/library.ts';
import { watchLibrary } from '../library/reload.ts';
import { createLogger, describeError, type Logger } from '../runtime/log.ts';
import type { BotContext, Command } from '../bot/command.ts';
import { createBotContext, startupLine } from '../bot/context.ts';
import { commands as defaultCommands } from '../bot/commands/registry.ts';
import { registerCommands, resolveClientId, type RegistrationResult } from '../bot/deploy.ts';
import { createHttpDispatcher } from '../bot/http-dispatcher.ts';
import { HEALTH_PATH, INTERACTIONS_PATH, InteractionsServer } from '../http/server.ts';
import { publicKeyFromHex } from '../http/signature.ts';
import type { FeedStatus } from '../feeds/status.ts';
import { feedStatusReader, firstArticles, startFeedPolling } from './feeds.ts';
import { stopOnSignals } from './signals.ts';

export interface HttpOptions {
  /** The articles to answer from (a Library, or a store a folder watcher replaces). Default: openLibrary(config.articlesDir). */
  library?: Library | LibraryStore;
  log?: Logger;
  /** The commands to serve (default: /ask, /summary, /articles, /help). */
  commands?: readonly Command[];
  /** Register the commands before serving (default true). */
  register?: boolean;
  /** Watch `config.articlesDir` and swap in a new library when files change (default false; `npm run start:http` turns it on). */
  watchArticles?: boolean;
  /** The cache the library was opened with, so live reloads read only changed files. */
  articleFiles?: ArticleFileCache;
  /** Defer when the library holds more paragraphs than this (default as `npm start`). */
  deferAbove?: number;
  /** Answer later than this and the dispatcher defers, finishing over REST (default: the dispatcher's). */
  deadlineMs?: number;
  /** How long `stop()` waits for requests and deferred answers in flight (default 10 s). */
  drainTimeoutMs?: number;
  /** The followed feeds' state, for /feeds (default: none followed). */
  feeds?: () => Promise<FeedStatus[]>;
  /** Runs once listening, before the library is loaded (`npm run start:http`: the first feed poll into an empty folder). */
  beforeLoad?: () => Promise<void>;
  /**
   * Listen only once serving (default false: at once, answering PINGs and 503 while loading). For
   * the extra worker processes of HTTP_WORKERS: they share the port, and one that is not listening
   * yet is given no connection, so none is sent to a worker still loading.
   */
  listenWhenServing?: boolean;
}

export interface HttpHandle {
  server: InteractionsServer;
  address: AddressInfo;
  store: LibraryStore;
  registration?: RegistrationResult;
  /** Stop accepting, finish the requests (and deferred answers) in flight, close. Idempotent. */
  stop(): Promise<void>;
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}${INTERACTIONS_PATH}`;
}

/**
 * Starts the HTTP interactions mode in this process: listens at once (`/healthz` says 503 while
 * starting), loads the library, registers the commands, then answers interactions. Resolves
 * once it is serving; the handle's `stop()` shuts it down cleanly.
 */
export async function startHttp(config: Config, http: Omit<HttpConfig, 'workers'>, options: HttpOptions = {}): Promise<HttpHandle> {
  const log = options.log ?? createLogger({ level: config.logLevel, secrets: [config.token] });
  const server = new InteractionsServer({ publicKey: publicKeyFromHex(http.publicKey), log });
  let address: AddressInfo | undefined;
  if (!options.listenWhenServing) {
    address = await server.listen(http.port, http.host);
    log.info(`listening on ${urlOf(address)} (health: ${HEALTH_PATH}); loading the articles`);
  }

  let watch: { close(): void } | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      watch?.close();
      await server.close(options.drainTimeoutMs ?? 10_000);
    })());

  try {
    await options.beforeLoad?.();
    const files = options.articleFiles ?? new ArticleFileCache();
    const store = options.library instanceof LibraryStore ? options.library : new LibraryStore(options.library ?? (await openLibrary(config.articlesDir, files)));

    const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
    rest.on('rateLimited', (info) => log.warn(`rate limited on ${info.route} for ${info.timeToReset} ms`));
    const commands = options.commands ?? defaultCommands;
    const applicationId = await resolveClientId(rest, config);
    const registration =
      options.register === false
        ? undefined
        : await registerCommands(
            rest,
            { clientId: applicationId, guildId: config.guildId },
            commands.map((c) => c.data.toJSON()),
          );

    const ctx: BotContext = { ...createBotContext(store, log, config, options.deferAbove), ...(options.feeds ? { feeds: options.feeds } : {}) };
    const dispatch = createHttpDispatcher({ commands, ctx, rest, applicationId, deadlineMs: options.deadlineMs });
    if (options.watchArticles) {
      watch = watchLibrary(config.articlesDir, store, {
        files,
        onReload: (summary) => log.info(summary),
        onError: (error) => log.warn(`watching ${config.articlesDir} failed; live updates may stop`, error),
      });
    }
    server.serve({
      dispatch,
      status: () => ({ articles: store.current.articles.length, paragraphs: store.current.paragraphCount }),
      drain: (timeoutMs) => dispatch.drain(timeoutMs),
    });

    address ??= await server.listen(http.port, http.host);
    log.info(`${startupLine(store.current, config.articlesDir, registration)}; serving interactions at ${urlOf(address)}`);
    return { server, address, store, registration, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** What a worker process tells the primary once it serves interactions. */
const SERVING = 'serving';

/**
 * HTTP_WORKERS > 1: this process only supervises. It polls the feeds (once the first poll has
 * filled an empty folder, the workers start) and forks the workers, each a whole server with its
 * own library sharing the port (Node's cluster module: this process accepts the connections and
 * hands them out in turn). A worker that dies after it served is replaced; one that dies before
 * (a bad folder, a port in use) stops everything with exit code 1. SIGINT/SIGTERM: every worker
 * finishes its requests in flight, then this process exits 0.
 */
async function superviseWorkers(config: Config, http: HttpConfig, log: Logger): Promise<void> {
  let stopping = false;
  const stopWorkers = (): Promise<unknown> =>
    Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (!worker || worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  const polling = await startFeedPolling(config, log);
  stopOnSignals(log, async (signal) => {
    stopping = true;
    log.info(`${signal}: stopping the ${http.workers} workers (each finishes its requests in flight)`);
    await Promise.all([stopWorkers(), polling?.poller.stop()]);
  });
  await firstArticles(config.articlesDir, polling);
  log.info(`starting ${http.workers} worker processes (HTTP_WORKERS), sharing ${http.host}:${http.port}`);
  const fork = (): Worker => {
    const worker = cluster.fork();
    let served = false;
    worker.on('message', (message) => {
      if (message !== SERVING || served) return;
      served = true;
      log.info(`worker ${worker.process.pid} serving`);
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      if (served) {
        log.warn(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
        fork();
        return;
      }
      stopping = true;
      log.error(`worker ${worker.process.pid} exited while starting (${signal ?? `code ${code}`}); stopping`);
      void Promise.all([stopWorkers(), polling?.poller.stop()]).finally(() => process.exit(1));
    });
    return worker;
  };
  for (let i = 0; i < http.workers; i++) fork();
}

/** `npm run start:http`. */
async function main(): Promise<void> {
  const { config, http } = loadHttpConfigOrExit();
  const log = createLogger({ level: config.logLevel, secrets: [config.token] });
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection (the server goes on)', reason));
  if (http.workers > 1 && cluster.isPrimary) return superviseWorkers(config, http, log);
  // A worker of HTTP_WORKERS: the primary polls the feeds; the first worker listens at once (PINGs
  // during start-up), the others once they serve.
  const worker = cluster.isWorker ? cluster.worker : undefined;

  // As `npm start` does: the configured feeds are polled into the articles folder (with several
  // replicas on one folder, set FEEDS on one of them only).
  const polling = worker ? undefined : await startFeedPolling(config, log);
  let handle: HttpHandle | undefined;
  stopOnSignals(log, async (signal) => {
    if (!handle) {
      // Still starting: nothing is in flight (interactions get 503 until the server is ready).
      log.info(`${signal} while starting: exiting`);
      return;
    }
    log.info(`${signal}: no new connections; finishing the requests in flight`);
    await Promise.all([handle.stop(), polling?.poller.stop()]);
  });

  try {
    handle = await startHttp(config, http, {
      log,
      watchArticles: true,
      feeds: feedStatusReader(config),
      beforeLoad: () => firstArticles(config.articlesDir, polling),
      listenWhenServing: worker !== undefined && worker.id !== 1,
    });
    worker?.send(SERVING);
  } catch (error) {
    process.stderr.write(`Cannot start the HTTP interactions server: ${describeError(error)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
