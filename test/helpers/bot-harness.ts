import { SlashCommandBuilder } from 'discord.js';
import { parseConfig, type Config } from '../../src/runtime/config.ts';
import { Library } from '../../src/library/library.ts';
import { createLogger } from '../../src/runtime/log.ts';
import type { Command } from '../../src/bot/command.ts';
import { notice } from '../../src/bot/payload.ts';
import { commands } from '../../src/bot/commands/registry.ts';
import { startBot, type BotHandle, type BotOptions } from '../../src/main/bot.ts';
import { FakeDiscord, fastClientOptions } from '../../fakes/discord/index.ts';
import { newsArticles } from './bot-fixtures.ts';

export interface Harness {
  fake: FakeDiscord;
  config: Config;
  /** Every log line the bots wrote. */
  logs: string[];
  /** A gate the `/wait` test command awaits; `waiting` is set once it has started. */
  gate: { open(): void; promise: Promise<void>; waiting: boolean };
  extraCommands: Command[];
  start(options?: BotOptions): Promise<BotHandle>;
}

function makeGate(): Harness['gate'] {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { open, promise, waiting: false };
}

/** Test-only commands: one that throws, one that throws after deferring, one that waits on a gate. */
function testCommands(gate: () => Harness['gate']): Command[] {
  return [
    {
      data: new SlashCommandBuilder().setName('boom').setDescription('Throws (test only)'),
      execute: async () => {
        throw new Error('kaboom in a handler');
      },
    },
    {
      data: new SlashCommandBuilder().setName('slowboom').setDescription('Defers, then throws (test only)'),
      execute: async (_request, respond) => {
        await respond.defer();
        throw new Error('kaboom after deferring');
      },
    },
    {
      data: new SlashCommandBuilder().setName('wait').setDescription('Waits for the test (test only)'),
      execute: async (_request, respond) => {
        gate().waiting = true;
        await gate().promise;
        await respond.reply(notice('finished after the gate opened'));
      },
    },
  ];
}

export async function startHarness(): Promise<Harness> {
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 250 });
  const logs: string[] = [];
  const harness: Harness = {
    fake,
    logs,
    gate: makeGate(),
    extraCommands: [],
    config: parseConfig({
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guild.id,
      DISCORD_API_URL: fake.apiUrl,
      ARTICLES_DIR: 'test/fixtures (in memory)',
    }),
    start(options: BotOptions = {}) {
      return startBot(harness.config, {
        library: new Library(newsArticles()),
        log: createLogger({ level: 'info', secrets: [fake.token], write: (line) => logs.push(line) }),
        commands: [...commands, ...harness.extraCommands],
        clientOptions: fastClientOptions(),
        ...options,
      });
    },
  };
  harness.extraCommands = testCommands(() => harness.gate);
  return harness;
}
