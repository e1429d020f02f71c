import type { KeyObject } from 'node:crypto';
/** Public types of the fake Discord. Everything here is plain JSON-ish data. */

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
  public_flags?: number;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 = GUILD_TEXT (default). */
  type: number;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** The owner and default member of the guild. */
  ownerId: string;
  locale: string;
}

export interface GuildInit {
  /** Defaults to a fresh snowflake (use `guildIdForShard` to pin it to a shard). */
  id?: string;
  name?: string;
  /** Text channels; defaults to one channel named "general". */
  channels?: Array<{ id?: string; name?: string; type?: number }>;
  locale?: string;
}

export interface FakeDiscordOptions {
  /** The bot token the client must use (REST `Authorization: Bot <token>` and IDENTIFY). */
  token?: string;
  /** Application id (also the bot user's id). Default: a fresh snowflake. */
  applicationId?: string;
  /** Bot username. Default "Newsdesk". */
  botName?: string;
  /** Guilds the bot is in. Default: one guild "Test Guild" with a "general" channel. */
  guilds?: GuildInit[];
  /** `shards` returned by `GET /gateway/bot` (what `shards: 'auto'` uses). Default 1. */
  shards?: number;
  /** `session_start_limit.max_concurrency`. Default 16. */
  maxConcurrency?: number;
  /** HELLO heartbeat_interval in ms. Default 1000. */
  heartbeatIntervalMs?: number;
  /** Default timeout for every promise-returning helper. Default 5000 ms. */
  timeoutMs?: number;
  /** Users that interactions come from by default; default one user "alice". */
  users?: Array<Partial<FakeUser> & { id?: string }>;
  /**
   * Like Discord, refuse an interaction's first callback that arrives later than this many ms after
   * INTERACTION_CREATE (404 10062 Unknown interaction). Default: no deadline (Discord's is 3000).
   */
  callbackDeadlineMs?: number;
  /**
   * The application's Ed25519 private key, which signs interactions delivered to an Interactions
   * Endpoint URL (`setInteractionsEndpoint`). Default: a fresh key pair; `fake.publicKey` is its hex.
   */
  signingKey?: KeyObject;
  /**
   * Log gateway/REST traffic to stderr (also enabled by env FAKE_DISCORD_DEBUG=1).
   */
  debug?: boolean;
}

/** One HTTP request the fake received (every request, known or not). */
export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/123/tok/callback`. */
  path: string;
  /** Full raw URL path including `/api/v10` and the query string. */
  url: string;
  query: Record<string, string>;
  /** Parsed JSON body, or for multipart the parsed `payload_json` (files in `files`). */
  body: unknown;
  files: FakeAttachment[];
  status: number;
  /** Route pattern that matched, e.g. `POST /interactions/:id/:token/callback`; null if unknown. */
  route: string | null;
  /** True when this request was failed on purpose by `failNext`. */
  injected: boolean;
  at: number;
}

export interface FakeAttachment {
  /** The multipart field name, e.g. `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  size: number;
}

/** A message as the fake stores it (returned as snapshots). */
export interface FakeMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  /** The interaction that created it. */
  interactionId: string;
  kind: 'reply' | 'followup';
  content: string;
  embeds: any[];
  components: any[];
  /** Message flags; 64 = EPHEMERAL, 128 = LOADING (deferred, not yet edited). */
  flags: number;
  ephemeral: boolean;
  /** Deferred and not yet edited ("Bot is thinking..."). */
  loading: boolean;
  /** allowed_mentions of the last write (create or edit), or null if that write had none. */
  allowedMentions: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean } | null;
  attachments: any[];
  /** Number of edits (PATCH / type-7 update) after creation. */
  editCount: number;
  deleted: boolean;
  createdAt: string;
  editedAt: string | null;
  /** Every body that wrote this message, oldest first. */
  history: any[];
}

/** The body of an accepted interaction callback. */
export interface CallbackBody {
  type: number;
  data?: any;
  /** Uploaded files when the callback was multipart. */
  files?: FakeAttachment[];
}

export interface CommandOptionsInput {
  /** `undefined` = not given. */
  [name: string]: string | number | boolean | undefined;
}

export interface SendCommandInput {
  name: string;
  /** `{ question: 'who?', hide: true }` — typed from the registered command when known, else inferred
   *  (string=3, integer=4, boolean=5, non-integer number=10). Or pass raw API options. */
  options?: CommandOptionsInput | any[];
  subcommand?: string;
  subcommandGroup?: string;
  guildId?: string;
  userId?: string;
  channelId?: string;
  locale?: string;
  /** Extra fields merged into the interaction payload (advanced). */
  extra?: Record<string, unknown>;
}

export interface SendAutocompleteInput extends SendCommandInput {
  /** Name of the focused option (default: the first string option). */
  focused?: string;
}

export interface SendButtonInput {
  /** The message that carries the button (a snapshot from `reply()`/`followUps`, or its id). */
  message: FakeMessage | string;
  customId: string;
  userId?: string;
  locale?: string;
  /** Defaults to 2 (button). */
  componentType?: number;
  /** For select menus. */
  values?: string[];
  extra?: Record<string, unknown>;
}

export interface GatewaySessionInfo {
  sessionId: string;
  shardId: number;
  shardCount: number;
  intents: number;
  connected: boolean;
  ready: boolean;
  invalidated: boolean;
  seq: number;
  resumes: number;
}

export interface GatewayEventRecord {
  direction: 'in' | 'out';
  shardId: number | null;
  sessionId: string | null;
  op: number;
  t?: string | null;
  s?: number | null;
  at: number;
}

export interface CommandWrite {
  method: string;
  /** null for global commands. */
  guildId: string | null;
  path: string;
  at: number;
}
