import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { EndpointClient, publicKeyHex } from './endpoint.ts';
import { Gateway, type GatewaySession } from './gateway.ts';
import { InteractionHandle, buildAutocompleteInteraction, buildButtonInteraction, buildCommandInteraction } from './interactions.ts';
import { messageToApi } from './messages.ts';
import { HttpError, Rest, compileFailPattern } from './rest.ts';
import { shardForGuild, snowflake } from './snowflake.ts';
import { FakeState, type StoredCommand } from './state.ts';
import type {
  CommandWrite,
  FakeDiscordOptions,
  FakeGuild,
  FakeMessage,
  FakeUser,
  GatewayEventRecord,
  GatewaySessionInfo,
  RecordedRequest,
  SendAutocompleteInput,
  SendButtonInput,
  SendCommandInput,
} from './types.ts';
import { clone } from './util.ts';

const API_PREFIX = '/api/v10';

/**
 * A Discord-compatible fake (Gateway v10 over WebSocket + REST v10 over HTTP) on 127.0.0.1.
 * Create it with `await FakeDiscord.start()` (or `startFakeDiscord()`), point discord.js at it with
 * `rest: { api: fake.apiUrl }` and `client.login(fake.token)`, and `await fake.close()` at the end.
 */
export class FakeDiscord {
  readonly #state: FakeState;
  readonly #gateway: Gateway;
  readonly #rest: Rest;
  readonly #server: Server;
  #closed = false;
  #port = 0;
  #endpoint: EndpointClient | null = null;

  private constructor(options: FakeDiscordOptions) {
    this.#state = new FakeState(options);
    this.#gateway = new Gateway(this.#state);
    this.#rest = new Rest(this.#state, (id) => this.#gateway.guildCreatePayload(id));
    this.#server = createServer((req, res) => {
      // Tolerate `rest.api` with a trailing slash (`/api//v10/...`).
      if (req.url?.includes('//')) req.url = req.url.replace(/^([^?]*)/, (p) => p.replace(/\/{2,}/g, '/'));
      const path = (req.url ?? '/').split('?')[0];
      // Anything outside /api/v10 (e.g. a client configured with another version) is recorded too.
      const prefix = path.startsWith(`${API_PREFIX}/`) ? API_PREFIX : '';
      this.#rest.handle(req, res, prefix).catch((error: unknown) => {
        console.error('[fake-discord] request failed', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    // Longer than undici's 4 s keep-alive, so the client (not the server) closes idle sockets: no reset races.
    this.#server.keepAliveTimeout = 30_000;
    this.#server.on('upgrade', (req, socket, head) => {
      socket.on('error', () => {});
      this.#gateway.handleUpgrade(req, socket, head);
    });
    this.#server.on('clientError', (_err, socket) => socket.destroy());
    this.#server.on('error', (error) => console.error('[fake-discord] server error', error));
  }

  /** Starts a fake on 127.0.0.1 with an ephemeral port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve, reject) => {
      fake.#server.once('error', reject);
      // A deep accept backlog: bursts of interactions make undici open many sockets at once.
      fake.#server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
        fake.#server.off('error', reject);
        resolve();
      });
    });
    fake.#port = (fake.#server.address() as AddressInfo).port;
    fake.#state.baseHttpUrl = `http://127.0.0.1:${fake.#port}`;
    fake.#state.gatewayUrl = `ws://127.0.0.1:${fake.#port}/gateway`;
    return fake;
  }

  // ------------------------------------------------------------------ identity & config

  /** REST base for discord.js: `new Client({ rest: { api: fake.apiUrl } })` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `${this.#state.baseHttpUrl}/api`;
  }
  /** The gateway URL that `GET /gateway/bot` returns. */
  get gatewayUrl(): string {
    return this.#state.gatewayUrl;
  }
  get port(): number {
    return this.#port;
  }
  /** The token the bot must log in with. */
  get token(): string {
    return this.#state.token;
  }
  /** Application id == bot user id. */
  get applicationId(): string {
    return this.#state.applicationId;
  }
  get botUser(): FakeUser {
    return clone(this.#state.botUser);
  }
  get guilds(): FakeGuild[] {
    return clone([...this.#state.guilds.values()]);
  }
  /** The first guild (the default target of sendCommand). */
  get guild(): FakeGuild {
    return clone(this.#state.defaultGuild());
  }
  get users(): FakeUser[] {
    return clone(this.#state.users);
  }
  /** Default timeout (ms) of the promise helpers. */
  get timeoutMs(): number {
    return this.#state.timeoutMs;
  }
  /** Changes the `shards` value `GET /gateway/bot` recommends. */
  setRecommendedShards(n: number): void {
    this.#state.recommendedShards = n;
  }
  /** Which shard owns a guild for a given shard count. */
  shardOf(guildId: string, shardCount: number): number {
    return shardForGuild(guildId, shardCount);
  }

  // ------------------------------------------------------------------ gateway

  /**
   * Resolves once `shardCount` distinct shards (default: the recommended `shards`) have a connected
   * session that got READY (+ GUILD_CREATE). Resolves with those sessions.
   */
  async waitForReady(shardCount = this.#state.recommendedShards, timeoutMs = this.#state.timeoutMs): Promise<GatewaySessionInfo[]> {
    await this.#state.changes.waitFor(() => this.#gateway.readyShards().size >= shardCount, timeoutMs, `${shardCount} ready shard(s)`);
    return this.sessions.filter((s) => s.ready && s.connected && !s.invalidated);
  }

  /** Resolves when `count` successful RESUMEs have happened in total (optionally for one shard). */
  waitForResume(count = 1, shardId?: number, timeoutMs = this.#state.timeoutMs): Promise<void> {
    return this.#state.changes
      .waitFor(
        () => this.resumes.filter((r) => r.ok && (shardId === undefined || this.#shardOfSession(r.sessionId) === shardId)).length >= count,
        timeoutMs,
        `${count} successful RESUME(s)${shardId === undefined ? '' : ` on shard ${shardId}`}`,
      )
      .then(() => undefined);
  }

  /** Resolves when `count` IDENTIFYs have happened in total (optionally for one shard). */
  waitForIdentify(count = 1, shardId?: number, timeoutMs = this.#state.timeoutMs): Promise<void> {
    return this.#state.changes
      .waitFor(
        () => this.identifies.filter((i) => shardId === undefined || i.shard[0] === shardId).length >= count,
        timeoutMs,
        `${count} IDENTIFY(s)${shardId === undefined ? '' : ` on shard ${shardId}`}`,
      )
      .then(() => undefined);
  }

  #shardOfSession(sessionId: string): number | undefined {
    return this.#gateway.sessions.find((s) => s.id === sessionId)?.shardId;
  }

  /** All gateway sessions (including closed and invalidated ones), oldest first. */
  get sessions(): GatewaySessionInfo[] {
    return this.#gateway.sessions.map((s) => s.info());
  }
  /** Every IDENTIFY received: shard, intents, session id, properties. */
  get identifies(): Array<{ shard: [number, number]; intents: number; sessionId: string; at: number; properties: unknown }> {
    return clone(this.#gateway.identifies);
  }
  /** Every RESUME received and whether it was accepted. */
  get resumes(): Array<{ sessionId: string; seq: number; ok: boolean; replayed: number; at: number }> {
    return clone(this.#gateway.resumeAttempts);
  }
  /** Gateway traffic (op, t, s, direction, shard) — payloads are not kept. */
  get gatewayLog(): GatewayEventRecord[] {
    return this.#state.gatewayLog.slice();
  }
  /** Number of open gateway WebSockets. */
  get openConnections(): number {
    return this.#gateway.connections.size;
  }

  /** Closes the shard's socket(s) abnormally (client sees 1006 and RESUMEs). Returns how many were dropped. */
  dropConnection(shardId?: number): number {
    return this.#gateway.dropConnection(shardId);
  }
  /**
   * The shard's current socket(s) stop answering heartbeats with ACKs (a "zombie" connection):
   * discord.js notices at its next heartbeat, closes with 4200 and RESUMEs on a new socket (which is ACKed).
   */
  stopHeartbeatAcks(shardId?: number): number {
    return this.#gateway.stopHeartbeatAcks(shardId);
  }
  /** Sends op 7 RECONNECT (client reconnects and RESUMEs). Returns how many sockets got it. */
  sendReconnect(shardId?: number): number {
    return this.#gateway.sendReconnect(shardId);
  }
  /** Sends op 9 INVALID_SESSION. Not resumable: the session is dropped and the client must IDENTIFY again. */
  sendInvalidSession(resumable: boolean, shardId?: number): number {
    return this.#gateway.sendInvalidSession(resumable, shardId);
  }

  // ------------------------------------------------------------------ interactions

  /** Sends a slash command (INTERACTION_CREATE type 2) to the shard that owns the guild. */
  async sendCommand(input: SendCommandInput): Promise<InteractionHandle> {
    this.#assertOpen();
    return this.#dispatch(buildCommandInteraction(this.#state, input));
  }

  /** Sends an autocomplete interaction (type 4) with `focused` (default: the autocomplete/first string option). */
  async sendAutocomplete(input: SendAutocompleteInput): Promise<InteractionHandle> {
    this.#assertOpen();
    return this.#dispatch(buildAutocompleteInteraction(this.#state, input));
  }

  /** Clicks a button (type 3, component_type 2) on a message the bot sent earlier. */
  async sendButton(input: SendButtonInput): Promise<InteractionHandle> {
    this.#assertOpen();
    return this.#dispatch(buildButtonInteraction(this.#state, input, (m) => messageToApi(this.#state, m)));
  }

  /** Alias of sendButton. */
  clickButton(input: SendButtonInput): Promise<InteractionHandle> {
    return this.sendButton(input);
  }

  async #dispatch(h: InteractionHandle): Promise<InteractionHandle> {
    this.#state.interactions.set(h.id, h);
    this.#state.interactionsByToken.set(h.token, h);
    if (this.#endpoint) return this.#deliver(this.#endpoint, h);
    await this.#gateway.dispatchToGuild(h.guildId, 'INTERACTION_CREATE', h.payload, this.#state.timeoutMs, (session: GatewaySession) => {
      h.shardId = session.shardId;
      h.sentAt = performance.now();
    });
    this.#state.changes.notify();
    return h;
  }

  // ------------------------------------------------------------------ HTTP interactions (an Interactions Endpoint URL)

  /** The application's public key, 64 hex characters (what the bot reads from DISCORD_PUBLIC_KEY). */
  get publicKey(): string {
    return publicKeyHex(this.#state.signingKey);
  }

  /**
   * With a URL, interactions are no longer dispatched over the Gateway but POSTed there, signed
   * with the application's key, as Discord does once an Interactions Endpoint URL is saved: the
   * HTTP response body is the interaction's callback (validated like the callback route), and
   * follow-ups and edits go through the webhook routes as usual. `null` goes back to the Gateway.
   */
  setInteractionsEndpoint(url: string | null): void {
    this.#endpoint?.close();
    this.#endpoint = url === null ? null : new EndpointClient(url, this.#state.signingKey);
  }

  /**
   * What the developer portal checks before it saves an Interactions Endpoint URL: a signed PING
   * must get `{"type":1}` and a request with a wrong signature must get 401. Returns the problems
   * (empty when the endpoint passes).
   */
  async checkInteractionsEndpoint(url: string): Promise<string[]> {
    const client = new EndpointClient(url, this.#state.signingKey);
    const problems: string[] = [];
    try {
      const ping = { id: snowflake(), application_id: this.#state.applicationId, type: 1, token: 'fake-ping-token', version: 1 };
      const ok = await client.post(ping);
      let body: unknown;
      try {
        body = JSON.parse(ok.text);
      } catch {
        body = ok.text;
      }
      if (ok.status !== 200 || (body as { type?: unknown })?.type !== 1) problems.push(`a signed PING got ${ok.status} ${ok.text.slice(0, 100)}, not 200 {"type":1}`);
      const forged = await client.post(ping, { 'x-signature-ed25519': '0'.repeat(128) });
      if (forged.status !== 401) problems.push(`a PING with a wrong signature got ${forged.status}, not 401`);
    } catch (error) {
      problems.push(`the endpoint could not be reached: ${(error as Error).message}`);
    } finally {
      client.close();
    }
    return problems;
  }

  /**
   * A slash command as Discord POSTs it to an Interactions Endpoint URL: made and registered (its
   * token works on the webhook routes) but not sent over the Gateway. Deliver `h.payload` to the
   * bot's endpoint yourself and hand its HTTP response body to `acceptHttpResponse`.
   */
  httpCommand(input: SendCommandInput): InteractionHandle {
    return this.#register(buildCommandInteraction(this.#state, input));
  }

  /** An autocomplete interaction for an Interactions Endpoint URL (see httpCommand). */
  httpAutocomplete(input: SendAutocompleteInput): InteractionHandle {
    return this.#register(buildAutocompleteInteraction(this.#state, input));
  }

  /** A button click for an Interactions Endpoint URL (see httpCommand). */
  httpButton(input: SendButtonInput): InteractionHandle {
    return this.#register(buildButtonInteraction(this.#state, input, (m) => messageToApi(this.#state, m)));
  }

  /**
   * What Discord does with the endpoint's HTTP response to an interaction: takes the body as the
   * interaction's first response, validated like `POST /interactions/{id}/{token}/callback`.
   * Returns `{ status: 204 }`, or the error Discord would answer the callback route with.
   */
  acceptHttpResponse(h: InteractionHandle, body: unknown): { status: number; body?: unknown } {
    this.#assertOpen();
    try {
      return this.#rest.acceptCallback(h, body);
    } catch (error) {
      if (error instanceof HttpError) return { status: error.status, body: error.body };
      throw error;
    }
  }

  #register(h: InteractionHandle): InteractionHandle {
    this.#assertOpen();
    this.#state.interactions.set(h.id, h);
    this.#state.interactionsByToken.set(h.token, h);
    h.sentAt = performance.now();
    this.#state.changes.notify();
    return h;
  }

  async #deliver(endpoint: EndpointClient, h: InteractionHandle): Promise<InteractionHandle> {
    h.sentAt = performance.now();
    this.#state.changes.notify();
    h.delivery = await this.#post(endpoint, h);
    this.#state.log('interaction', h.id, 'delivered over HTTP:', h.delivery.status, h.delivery.error ?? 'ok');
    this.#state.changes.notify(h.id);
    return h;
  }

  async #post(endpoint: EndpointClient, h: InteractionHandle): Promise<{ status: number; error: string | null }> {
    let res;
    try {
      res = await endpoint.post(h.payload);
    } catch (failure) {
      return { status: 0, error: `the endpoint could not be reached: ${(failure as Error).message}` };
    }
    if (res.status !== 200) return { status: res.status, error: `the endpoint answered ${res.status}` };
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return { status: res.status, error: `the response is not JSON: ${res.text.slice(0, 100)}` };
    }
    const accepted = this.acceptHttpResponse(h, body);
    if (accepted.status === 204) return { status: res.status, error: null };
    const refusal = accepted.body as { code: number; message: string };
    return { status: res.status, error: `${accepted.status} ${refusal.code} ${refusal.message}` };
  }

  /** Every interaction sent so far, oldest first. */
  get interactions(): InteractionHandle[] {
    return [...this.#state.interactions.values()];
  }
  interaction(id: string): InteractionHandle | undefined {
    return this.#state.interactions.get(id);
  }

  /** A message's current state (snapshot). */
  message(id: string): FakeMessage | undefined {
    const m = this.#state.messages.get(id);
    return m ? clone(m) : undefined;
  }
  /** Every message the bot created through interactions (snapshots), oldest first. */
  get messages(): FakeMessage[] {
    return [...this.#state.messages.values()].map((m) => clone(m));
  }
  /** The message as Discord's API returns it (what discord.js sees). */
  messageApiObject(id: string): unknown {
    const m = this.#state.messages.get(id);
    return m ? messageToApi(this.#state, m) : undefined;
  }

  // ------------------------------------------------------------------ commands & REST

  /** Registered commands: global when `guildId` is omitted, else that guild's. */
  commands(guildId?: string): StoredCommand[] {
    return clone(this.#state.commands.get(guildId ?? '') ?? []);
  }
  /** Pre-register commands (as if a previous run had), without counting a write. */
  seedCommands(commands: any[], guildId?: string): StoredCommand[] {
    const key = guildId ?? '';
    const stored = commands.map((c) => ({
      id: c.id ?? snowflake(),
      application_id: this.#state.applicationId,
      version: '1',
      default_member_permissions: null,
      type: 1,
      description: '',
      contexts: null,
      integration_types: [0],
      nsfw: false,
      ...(guildId ? { guild_id: guildId } : {}),
      ...clone(c),
    }));
    this.#state.commands.set(key, stored);
    return clone(stored);
  }
  /** Every command write (PUT/POST/PATCH/DELETE), oldest first. */
  get commandWrites(): CommandWrite[] {
    return clone(this.#state.commandWrites);
  }
  /** Every HTTP request received (known and unknown routes), oldest first. */
  get requests(): RecordedRequest[] {
    return this.#state.requests.slice();
  }
  /** Requests that matched no route (answered 404 `{ code: 0, message: '404: Not Found' }`). */
  get unknownRequests(): RecordedRequest[] {
    return this.#state.requests.filter((r) => r.route === null);
  }

  /**
   * Fails the next `count` requests matching `pattern` with `status` (and an optional JSON body).
   * Pattern: `"POST /interactions/:id/:token/callback"` (`:x` or `*` = one segment, `**` = the rest,
   * method may be `*`), or a RegExp tested against the path after `/api/v10`.
   * NOTE: @discordjs/rest retries 5xx responses `rest.retries` times (default 3), so a 500 reaches
   * the caller only if `count > retries` (e.g. `count: 4`) or the client has `rest: { retries: 0 }`.
   */
  failNext(pattern: string | RegExp, status: number, count = 1, body?: unknown): void {
    const { method, regex, source } = compileFailPattern(pattern);
    this.#state.failRules.push({ method, pattern: regex, source, status, remaining: count, body });
  }
  /** Removes all pending failNext rules. */
  clearFailures(): void {
    this.#state.failRules.length = 0;
  }

  // ------------------------------------------------------------------ waiting & lifecycle

  /**
   * Resolves with the first truthy value of `predicate()`, re-checked on every change in the fake
   * (and every 50 ms). Rejects after `timeoutMs` (default: the fake's timeout).
   */
  waitFor<T>(predicate: () => T | undefined | null | false | 0 | '', timeoutMs = this.#state.timeoutMs, description = 'condition'): Promise<T> {
    return this.#state.changes.waitFor(predicate, timeoutMs, description);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('fake-discord is closed');
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Closes every socket and the server. Idempotent. Destroy your discord.js clients first. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#endpoint?.close();
    this.#state.changes.close();
    await this.#gateway.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Same as `FakeDiscord.start(options)`. */
export function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return FakeDiscord.start(options);
}
