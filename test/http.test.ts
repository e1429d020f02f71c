import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.ts';
import { commands } from '../src/bot/commands/registry.ts';
import { notice } from '../src/bot/payload.ts';
import { Library } from '../src/library/library.ts';
import { startHttp, type HttpHandle } from '../src/main/http.ts';
import { parseConfig, type Config } from '../src/runtime/config.ts';
import { createLogger } from '../src/runtime/log.ts';
import { EndpointClient, FakeDiscord, findButton } from '../fakes/discord/index.ts';
import { newsArticles } from './helpers/bot-fixtures.ts';

/**
 * The HTTP mode in-process: startHttp (server + signature check + the bot's HTTP dispatcher) on
 * 127.0.0.1, with the fake Discord POSTing signed interactions to it and taking the responses as
 * callbacks; slow answers are finished over the fake's REST webhook routes.
 */

const EPHEMERAL = 64;
const keys = generateKeyPairSync('ed25519');
const logs: string[] = [];
let fake: FakeDiscord;
let http: HttpHandle;
let url: string;
let gate: { open(): void; promise: Promise<void> };
let users = 0;

function makeGate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { open, promise };
}

function freshUser(): string {
  users += 1;
  return `9${String(users).padStart(17, '0')}`;
}

/** A test-only command that answers once the test opens the gate: after the dispatcher's deadline. */
const late: Command = {
  data: new SlashCommandBuilder().setName('late').setDescription('Answers after the gate opens (test only)'),
  execute: async (_request, respond) => {
    await gate.promise;
    await respond.reply(notice('finished late'));
  },
};

function config(discord = fake): Config {
  return parseConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_GUILD_ID: discord.guild.id,
    DISCORD_API_URL: discord.apiUrl,
    ARTICLES_DIR: 'test fixtures (in memory)',
  });
}

beforeAll(async () => {
  fake = await FakeDiscord.start({ signingKey: keys.privateKey });
  http = await startHttp(
    config(),
    { publicKey: fake.publicKey, host: '127.0.0.1', port: 0 },
    {
      library: new Library(newsArticles()),
      commands: [...commands, late],
      log: createLogger({ level: 'debug', secrets: [fake.token], write: (line) => logs.push(line) }),
      deadlineMs: 200,
    },
  );
  url = `http://127.0.0.1:${http.address.port}/interactions`;
  fake.setInteractionsEndpoint(url);
});

afterAll(async () => {
  await http?.stop();
  await fake?.close();
});

describe('HTTP mode in-process', () => {
  it('registers the commands and says what it serves', () => {
    expect(http.registration).toEqual({ scope: 'guild', guildId: fake.guild.id, changed: true, count: 6 });
    expect(
      fake
        .commands(fake.guild.id)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['articles', 'ask', 'feeds', 'help', 'late', 'summary']);
    expect(logs.join('')).toMatch(
      /INFO 3 articles \(\d+ paragraphs\) loaded from .*test fixtures \(in memory\); commands registered to guild \d+; serving interactions at http:\/\/127\.0\.0\.1:\d+\/interactions/,
    );
  });

  it('answers PING with PONG (and passes the developer portal check)', async () => {
    const client = new EndpointClient(url, keys.privateKey);
    const res = await client.post({ id: '1', application_id: fake.applicationId, type: 1, token: 't', version: 1 });
    client.close();
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ type: 1 });
    expect(await fake.checkInteractionsEndpoint(url)).toEqual([]);
  });

  it('/ask: the answer is the HTTP response, with no mentions allowed, and its buttons work', async () => {
    const userId = freshUser();
    const ask = await fake.sendCommand({ name: 'ask', options: { question: 'What will the bridge cost?' }, userId });
    expect(ask.delivery).toEqual({ status: 200, error: null });
    expect((await ask.response()).data.allowed_mentions).toEqual({ parse: [] });
    const message = await ask.reply();
    expect(message.embeds[0].title).toBe('City council approves new harbour bridge');
    expect(message.embeds[0].description).toContain('**The bridge will cost 420 million dollars');

    const next = await fake.sendButton({ message, customId: findButton(message, 'Next match').custom_id, userId });
    expect(next.delivery).toEqual({ status: 200, error: null });
    expect((await next.response()).type).toBe(7);
    expect((await next.reply()).embeds[0].author.name).toMatch(/^Other match \(2 of \d\)$/);

    const context = await fake.sendButton({ message, customId: findButton(message, 'Context').custom_id });
    expect((await context.response()).type).toBe(4);
    expect((await context.reply()).ephemeral).toBe(true);
  });

  it('/summary, /articles and /help', async () => {
    const summary = await fake.sendCommand({ name: 'summary', options: { article: 'harbour bridge', sentences: 1 }, userId: freshUser() });
    expect((await summary.reply()).embeds[0].title).toBe('City council approves new harbour bridge');
    const articles = await fake.sendCommand({ name: 'articles' });
    expect((await articles.reply()).embeds[0].title).toBe('Articles (3 loaded, newest first)');
    const help = await fake.sendCommand({ name: 'help' });
    expect(await help.response()).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect((await help.reply()).embeds[0].description).toContain('3 articles');
  });

  it('autocomplete answers with choices', async () => {
    const i = await fake.sendAutocomplete({ name: 'summary', options: { article: 'harbor' }, focused: 'article' });
    expect(i.delivery).toEqual({ status: 200, error: null });
    expect((await i.choices()).map((c) => c.value)).toContain('harbour-bridge');
  });

  it('an answer later than the deadline is deferred in the HTTP response and finished over REST', async () => {
    gate = makeGate();
    const i = await fake.sendCommand({ name: 'late' });
    expect(i.delivery).toEqual({ status: 200, error: null });
    expect(await i.response()).toEqual({ type: 5 });
    expect(i.message).toMatchObject({ loading: true });
    gate.open();
    expect((await i.reply()).content).toBe('finished late');
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path === `/webhooks/${fake.applicationId}/${i.token}/messages/@original`)).toBe(true);
  });

  it('a large library: /ask defers itself and finishes over REST', async () => {
    const own = await FakeDiscord.start({ signingKey: keys.privateKey });
    const large = await startHttp(
      config(own),
      { publicKey: own.publicKey, host: '127.0.0.1', port: 0 },
      { library: new Library(newsArticles()), deferAbove: 0, log: createLogger({ level: 'error', write: () => undefined }) },
    );
    try {
      own.setInteractionsEndpoint(`http://127.0.0.1:${large.address.port}/interactions`);
      const i = await own.sendCommand({ name: 'ask', options: { question: 'Who was injured?', hide: true } });
      expect(await i.response()).toEqual({ type: 5, data: { flags: EPHEMERAL } });
      const message = await i.reply();
      expect(message.ephemeral).toBe(true);
      expect(message.embeds[0].description).toContain('guard');
    } finally {
      await large.stop();
      await own.close();
    }
  });

  it('stop() finishes a deferred answer still in flight, then closes', async () => {
    gate = makeGate();
    const i = await fake.sendCommand({ name: 'late' });
    expect(await i.response()).toEqual({ type: 5 });
    let done = false;
    const stopped = http.stop().then(() => (done = true));
    expect(await fake.checkInteractionsEndpoint(url)).toEqual([expect.stringMatching(/could not be reached: .*ECONNREFUSED/)]);
    expect(done).toBe(false);
    gate.open();
    await stopped;
    expect((await i.reply()).content).toBe('finished late');
    expect(logs.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
    expect(logs.join('')).not.toContain(fake.token);
  });
});
