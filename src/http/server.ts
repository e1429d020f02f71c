import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { InteractionResponseType, InteractionType, type APIInteraction, type APIInteractionResponse } from 'discord.js';
import type { Logger } from '../runtime/log.ts';
import { MAX_BODY_BYTES, readBody } from './body.ts';
import { checkSignature } from './signature.ts';

/** Turns one verified interaction into the HTTP response body (src/bot/http-dispatcher.ts). */
export type Dispatch = (interaction: APIInteraction) => Promise<APIInteractionResponse>;

export interface ServiceStatus {
  articles: number;
  paragraphs: number;
}

/** What the server serves once the library is loaded and the commands are registered. */
export interface InteractionsApp {
  dispatch: Dispatch;
  /** What `/healthz` reports (read per request: the library may be replaced by a reload). */
  status(): ServiceStatus;
  /** Waits for work that outlives the HTTP responses (deferred answers finished over REST). */
  drain?(timeoutMs: number): Promise<void>;
}

export interface InteractionsServerOptions {
  /** The application's public key (`publicKeyFromHex`). */
  publicKey: KeyObject;
  log: Logger;
  /** Serve at once; otherwise `/healthz` is 503 and interactions get 503 until `serve(app)`. */
  app?: InteractionsApp;
  maxBodyBytes?: number;
  /** Wall clock in ms for the timestamp check (tests). Default Date.now. */
  now?: () => number;
}

/** What the server refused and answered, by outcome (401s are only counted and logged at debug). */
export interface RequestCounters {
  /** Interactions answered with 200. */
  answered: number;
  unauthorized: number;
  tooLarge: number;
  /** 400 (not JSON, not an interaction) and 415 (not application/json), after a valid signature. */
  badRequest: number;
  notFound: number;
  methodNotAllowed: number;
  /** 503: interactions before the library was loaded or while stopping. */
  unavailable: number;
  /** 500: the dispatcher threw (it should not). */
  failed: number;
  /** The client went away before its body was read. */
  aborted: number;
}

export const INTERACTIONS_PATH = '/interactions';
export const HEALTH_PATH = '/healthz';

/** Longer than common load balancers' idle timeouts (60 s), so they, not we, close idle sockets. */
const KEEP_ALIVE_MS = 65_000;
/** Discord sends a few KiB at once: a request that takes longer than this to arrive is not Discord. */
const REQUEST_TIMEOUT_MS = 10_000;
/** After refusing a body unread, how long the client gets to read the answer before the socket goes. */
const UNREAD_BODY_GRACE_MS = 1000;

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? raw : raw.slice(0, q);
}

function isJson(contentType: string | undefined): boolean {
  // Discord's own header, as is, first: every interaction comes with it.
  return contentType === 'application/json' || (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

function isInteraction(value: unknown): value is APIInteraction {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Number.isInteger((value as { type?: unknown }).type);
}

/**
 * The HTTP edge: `POST /interactions` (Discord's Interactions Endpoint URL) and `GET /healthz`.
 * Every interaction is verified (Ed25519, timestamp within 5 minutes) before anything else is done
 * with it; bodies over 64 KiB are refused unread. `close()` stops accepting and finishes what is
 * in flight.
 */
export class InteractionsServer {
  readonly http: Server;
  readonly counters: RequestCounters = {
    answered: 0,
    unauthorized: 0,
    tooLarge: 0,
    badRequest: 0,
    notFound: 0,
    methodNotAllowed: 0,
    unavailable: 0,
    failed: 0,
    aborted: 0,
  };
  readonly #key: KeyObject;
  readonly #log: Logger;
  readonly #limit: number;
  readonly #now: () => number;
  readonly #startedAt = performance.now();
  readonly #inFlight = new Set<Promise<void>>();
  #app: InteractionsApp | undefined;
  #closing = false;
  #closed: Promise<void> | undefined;

  constructor(options: InteractionsServerOptions) {
    this.#key = options.publicKey;
    this.#log = options.log;
    this.#limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.#now = options.now ?? Date.now;
    this.#app = options.app;
    this.http = createServer({ keepAliveTimeout: KEEP_ALIVE_MS, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS }, (req, res) =>
      this.#track(req, res, false),
    );
    // `Expect: 100-continue`: an oversized body is refused before the client sends it.
    this.http.on('checkContinue', (req, res) => this.#track(req, res, true));
  }

  /** Starts answering interactions (and `/healthz` with 200). */
  serve(app: InteractionsApp): void {
    this.#app = app;
  }

  get serving(): boolean {
    return this.#app !== undefined && !this.#closing;
  }

  /** Requests being handled right now. */
  get pending(): number {
    return this.#inFlight.size;
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen({ port, host, backlog: 1024 }, () => {
        this.http.off('error', reject);
        resolve(this.http.address() as AddressInfo);
      });
    });
  }

  /**
   * Stops accepting connections, answers the requests in flight (with `Connection: close`), waits
   * for the app's deferred work, then closes what is left. Idempotent.
   */
  close(timeoutMs = 10_000): Promise<void> {
    return (this.#closed ??= (async () => {
      this.#closing = true;
      const deadline = performance.now() + timeoutMs;
      const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
      this.http.closeIdleConnections();
      await within(Promise.allSettled([...this.#inFlight]), timeoutMs);
      await this.#app?.drain?.(Math.max(0, deadline - performance.now()));
      this.http.closeAllConnections();
      await closed;
    })());
  }

  #track(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    const work = this.#route(req, res, expectsContinue).catch((error: unknown) => {
      this.counters.failed++;
      this.#log.error(`${req.method} ${pathOf(req.url)} failed`, error);
      if (!res.headersSent) this.#send(res, 500, { message: 'internal error' });
      else res.destroy();
    });
    const tracked = work.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  async #route(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    const path = pathOf(req.url);
    if (path === INTERACTIONS_PATH) {
      if (req.method === 'POST') return this.#interaction(req, res, expectsContinue);
      this.counters.methodNotAllowed++;
      return this.#refuseUnread(req, res, 405, { message: 'method not allowed' }, { allow: 'POST' });
    }
    if (path === HEALTH_PATH) {
      if (req.method === 'GET' || req.method === 'HEAD') return this.#health(res);
      this.counters.methodNotAllowed++;
      return this.#refuseUnread(req, res, 405, { message: 'method not allowed' }, { allow: 'GET, HEAD' });
    }
    this.counters.notFound++;
    return this.#refuseUnread(req, res, 404, { message: 'not found' });
  }

  async #interaction(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > this.#limit) {
      this.counters.tooLarge++;
      return this.#refuseUnread(req, res, 413, { message: 'request body too large' });
    }
    if (expectsContinue) res.writeContinue();
    const read = await readBody(req, this.#limit);
    if (!read.ok) {
      if (read.problem === 'aborted') {
        this.counters.aborted++;
        res.destroy();
        return;
      }
      this.counters.tooLarge++;
      return this.#refuseUnread(req, res, 413, { message: 'request body too large' });
    }

    const problem = await checkSignature(this.#key, { signature: req.headers['x-signature-ed25519'], timestamp: req.headers['x-signature-timestamp'] }, read.body, this.#now());
    if (problem) {
      this.counters.unauthorized++;
      this.#log.debug(`refused a request to ${INTERACTIONS_PATH}: ${problem}`);
      return this.#send(res, 401, { message: 'invalid request signature' });
    }

    if (!isJson(req.headers['content-type'])) {
      this.counters.badRequest++;
      return this.#send(res, 415, { message: 'expected application/json' });
    }
    let interaction: unknown;
    try {
      interaction = JSON.parse(read.body.toString('utf8'));
    } catch {
      interaction = undefined;
    }
    if (!isInteraction(interaction)) {
      this.counters.badRequest++;
      return this.#send(res, 400, { message: 'expected an interaction (a JSON object with a type)' });
    }

    // A PING needs no library: answering it at once lets the developer portal's check pass while
    // the articles are still loading.
    if (interaction.type === InteractionType.Ping) {
      this.counters.answered++;
      return this.#send(res, 200, { type: InteractionResponseType.Pong });
    }
    const app = this.#app;
    if (!app || this.#closing) {
      this.counters.unavailable++;
      return this.#send(res, 503, { message: this.#closing ? 'stopping' : 'starting' }, { 'retry-after': '1' });
    }
    const response = await app.dispatch(interaction);
    this.counters.answered++;
    this.#send(res, 200, response);
  }

  #health(res: ServerResponse): void {
    const uptime = Math.floor((performance.now() - this.#startedAt) / 1000);
    if (!this.#app || this.#closing) {
      this.#send(res, 503, { status: this.#closing ? 'stopping' : 'starting', uptime });
      return;
    }
    const { articles, paragraphs } = this.#app.status();
    this.#send(res, 200, { status: 'ok', articles, paragraphs, uptime });
  }

  /**
   * Answers without reading the body. A small declared body is left for Node to discard (the
   * connection stays usable); an oversized or undeclared one closes the connection once the
   * client had a moment to read the answer.
   */
  #refuseUnread(req: IncomingMessage, res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
    const declared = req.headers['content-length'];
    const small = declared !== undefined && Number(declared) <= this.#limit && req.headers.expect === undefined;
    const bodyless = declared === undefined && req.headers['transfer-encoding'] === undefined;
    if (!small && !bodyless) {
      headers = { ...headers, connection: 'close' };
      res.once('finish', () => setTimeout(() => req.socket.destroy(), UNREAD_BODY_GRACE_MS).unref());
    }
    this.#send(res, status, body, headers);
  }

  #send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...(this.#closing ? { connection: 'close' } : {}),
      ...headers,
    });
    res.end(text);
  }
}

function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([work.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
