import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { snowflake } from './snowflake.ts';
import type { CommandWrite, FakeDiscordOptions, FakeGuild, FakeMessage, FakeUser, GatewayEventRecord, RecordedRequest } from './types.ts';
import { Changes } from './util.ts';
import type { InteractionRecord } from './interactions.ts';

/** A stored application command as Discord returns it. */
export type StoredCommand = Record<string, any> & { id: string; name: string; type: number };

export interface FailRule {
  method: string;
  pattern: RegExp;
  source: string;
  status: number;
  remaining: number;
  body: unknown;
}

/** Shared mutable state of one fake (internal). */
export class FakeState {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: FakeUser;
  readonly guilds = new Map<string, FakeGuild>();
  readonly users: FakeUser[] = [];
  readonly heartbeatIntervalMs: number;
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
  recommendedShards: number;
  readonly debug: boolean;
  readonly callbackDeadlineMs: number | undefined;
  /** The application's Ed25519 key: signs interactions POSTed to an Interactions Endpoint URL. */
  readonly signingKey: KeyObject;

  readonly changes = new Changes();
  readonly requests: RecordedRequest[] = [];
  readonly gatewayLog: GatewayEventRecord[] = [];
  readonly messages = new Map<string, FakeMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();
  /** key: '' for global, else guild id */
  readonly commands = new Map<string, StoredCommand[]>();
  readonly commandWrites: CommandWrite[] = [];
  readonly failRules: FailRule[] = [];

  baseHttpUrl = '';
  gatewayUrl = '';

  constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-discord-token';
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = {
      id: this.applicationId,
      username: options.botName ?? 'Newsdesk',
      global_name: null,
      discriminator: '0',
      avatar: null,
      bot: true,
      public_flags: 0,
    };
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxConcurrency = options.maxConcurrency ?? 16;
    this.recommendedShards = options.shards ?? 1;
    this.callbackDeadlineMs = options.callbackDeadlineMs;
    this.signingKey = options.signingKey ?? generateKeyPairSync('ed25519').privateKey;
    this.debug = options.debug ?? process.env.FAKE_DISCORD_DEBUG === '1';

    const users = options.users?.length ? options.users : [{ username: 'alice' }];
    for (const u of users) {
      const username = u.username ?? `user${this.users.length + 1}`;
      this.users.push({
        id: u.id ?? snowflake(),
        username,
        global_name: u.global_name ?? username[0].toUpperCase() + username.slice(1),
        discriminator: '0',
        avatar: null,
        public_flags: 0,
        ...(u.bot ? { bot: true } : {}),
      });
    }

    const guilds = options.guilds?.length ? options.guilds : [{ name: 'Test Guild' }];
    for (const g of guilds) {
      const id = g.id ?? snowflake();
      const channels = (g.channels?.length ? g.channels : [{ name: 'general' }]).map((c) => ({
        id: c.id ?? snowflake(),
        name: c.name ?? 'general',
        type: c.type ?? 0,
      }));
      this.guilds.set(id, { id, name: g.name ?? `Guild ${this.guilds.size + 1}`, channels, ownerId: this.users[0].id, locale: g.locale ?? 'en-US' });
    }
  }

  log(...args: unknown[]): void {
    if (this.debug) console.error('[fake-discord]', ...args);
  }

  defaultGuild(): FakeGuild {
    return this.guilds.values().next().value!;
  }

  guild(id: string | undefined): FakeGuild {
    if (id === undefined) return this.defaultGuild();
    const g = this.guilds.get(id);
    if (!g) throw new Error(`fake-discord: unknown guild ${id} (known: ${[...this.guilds.keys()].join(', ')})`);
    return g;
  }

  user(id: string | undefined): FakeUser {
    if (id === undefined) return this.users[0];
    let u = this.users.find((x) => x.id === id);
    if (!u) {
      // Unknown ids are fine: invent a user so tests can use many distinct users (cooldowns).
      u = { id, username: `user_${id.slice(-6)}`, global_name: null, discriminator: '0', avatar: null, public_flags: 0 };
      this.users.push(u);
    }
    return u;
  }
}
