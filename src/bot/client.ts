import { Client, disableValidators, GatewayIntentBits, type ClientOptions } from 'discord.js';

export interface ClientSettings {
  /** REST base (`DISCORD_API_URL`): an `@discordjs/proxy` or the test fake. The gateway address comes from `GET /gateway/bot` there. */
  apiUrl?: string;
  /** Extra discord.js options (e.g. `shards`/`shardCount` when not run under the ShardingManager). */
  extra?: Partial<ClientOptions>;
}

/**
 * The discord.js client: the `Guilds` intent only (slash commands need no privileged intent),
 * and no mentions parsed in anything it sends.
 */
export function createClient(settings: ClientSettings = {}): Client {
  // The builders' run-time validation costs a third of each reply's rendering; render.ts keeps
  // every payload within Discord's limits itself (and its tests run with validation on).
  disableValidators();
  const { rest, ...extra } = settings.extra ?? {};
  return new Client({
    ...extra,
    // Not overridable: the intents and the mention policy are part of the bot's contract.
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { ...rest, ...(settings.apiUrl ? { api: settings.apiUrl } : {}) },
  });
}
