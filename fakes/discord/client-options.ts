/**
 * discord.js client options that make tests against the fake fast. Spread them into your Client options:
 *
 *   new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl }, ...fastClientOptions() })
 *
 * - `ws.buildIdentifyThrottler`: @discordjs/ws waits up to 5 s + 1.5 s jitter between two IDENTIFYs of
 *   the same shard (e.g. after a non-resumable INVALID_SESSION); the fake has no identify rate limit.
 * - `waitGuildTimeout`: shorter wait for guilds that never arrive (e.g. a client without the Guilds intent).
 * - `rest.retries: 0` is NOT included: pass it yourself if a test wants injected 5xx errors to reach
 *   the caller on the first failure.
 */
export function fastClientOptions(): {
  ws: { buildIdentifyThrottler: () => { waitForIdentify: (shardId: number, signal: AbortSignal) => Promise<void> } };
  waitGuildTimeout: number;
} {
  return {
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
    waitGuildTimeout: 1000,
  };
}
