import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../fakes/discord/index.ts';
import { deployMain } from '../../src/bot/deploy.ts';
import { parseConfig } from '../../src/runtime/config.ts';
import { createLogger } from '../../src/runtime/log.ts';
import { spawnEntryPoint } from '../helpers/cli.ts';
import { spawnBot } from '../helpers/spawn-bot.ts';
import { useTempDir } from '../helpers/tmp.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('entry points against the fake Discord', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 250 });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('npm run deploy-commands registers globally without starting the bot, and skips an identical set', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', secrets: [fake.token], write: (l) => lines.push(l) });
    const config = parseConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
    const first = await deployMain(config, log);
    expect(first).toEqual({ scope: 'global', guildId: undefined, changed: true, count: 5 });
    expect(
      fake
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['articles', 'ask', 'feeds', 'help', 'summary']);
    const second = await deployMain(config, log);
    expect(second.changed).toBe(false);
    expect(fake.commandWrites).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/5 commands registered globally \(unchanged, write skipped\)$/m);
    expect(fake.openConnections).toBe(0);
  });

  it('npm start: logs one start-up line, answers, and exits 0 on SIGTERM without logging the token', async () => {
    const bot = spawnBot('src/main/bot.ts', {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guild.id,
      ARTICLES_DIR: 'seeds',
    });
    try {
      await fake.waitFor(() => /INFO 1 article \(15 paragraphs\) loaded from .*seeds; commands registered to guild \d+/.test(bot.log()), 20_000, 'the start-up line');
      const reply = await (await fake.sendCommand({ name: 'ask', options: { question: 'Who condemned the attack on the embassy?' } })).reply();
      expect(reply.embeds[0].title).toBeTruthy();
      expect(reply.embeds[0].footer.text).toBe('Question: Who condemned the attack on the embassy?');
    } finally {
      expect(await bot.stop()).toBe(0);
    }
    expect(bot.log()).toMatch(/SIGTERM: finishing in-flight replies and disconnecting/);
    expect(bot.log()).not.toContain(fake.token);
  });
});

describe('start-up with a bad configuration', () => {
  const tempDir = useTempDir();

  it('reads .env from the working directory, prints one line and exits 1 without a stack trace', async () => {
    const { dir, put } = tempDir();
    put('.env', 'LOG_LEVEL=shouty\n');
    const run = await spawnEntryPoint('src/main/bot.ts', [], { cwd: dir, env: { DISCORD_TOKEN: TOKEN } });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: LOG_LEVEL must be one of/);
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
