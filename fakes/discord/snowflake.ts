/**
 * Snowflake helpers. Ids look like real Discord ids (timestamp in the high bits) and are unique per
 * process, so several fakes running in parallel never hand out the same interaction id or token.
 */

export const DISCORD_EPOCH = 1420070400000n;

let increment = 0n;
let lastTimestamp = 0n;

/** A fresh, process-unique snowflake whose timestamp is "now" (strictly increasing). */
export function snowflake(): string {
  let ts = BigInt(Date.now()) - DISCORD_EPOCH;
  if (ts <= lastTimestamp) ts = lastTimestamp;
  increment = (increment + 1n) & 0xfffn;
  if (increment === 0n) ts += 1n; // 4096 ids in the same millisecond: borrow the next one
  lastTimestamp = ts;
  const worker = BigInt(process.pid & 0x1f);
  return ((ts << 22n) | (worker << 17n) | (1n << 12n) | increment).toString();
}

/** Which shard owns a guild: `(guild_id >> 22) % shard_count`, as Discord computes it. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

let guildCounter = 0n;

/**
 * A new guild id that lands on `shardId` when the bot runs `shardCount` shards.
 * Use it to build guilds for sharding tests: `{ id: guildIdForShard(1, 2) }`.
 */
export function guildIdForShard(shardId: number, shardCount: number): string {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError('shardCount must be >= 1');
  if (!Number.isInteger(shardId) || shardId < 0 || shardId >= shardCount) {
    throw new RangeError(`shardId must be in [0, ${shardCount})`);
  }
  // A fixed timestamp region in 2021, spaced out so ids never collide.
  guildCounter += 1n;
  const base = 200_000_000_000n + guildCounter * BigInt(shardCount) * 7n;
  const ts = base - (base % BigInt(shardCount)) + BigInt(shardId);
  return ((ts << 22n) | (BigInt(process.pid & 0x1f) << 17n) | (guildCounter % 4096n)).toString();
}
