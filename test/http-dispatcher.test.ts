import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST, SlashCommandBuilder, type APIInteraction, type APIInteractionResponse } from 'discord.js';
import type { BotContext, Command } from '../src/bot/command.ts';
import { commands } from '../src/bot/commands/registry.ts';
import { Cooldown } from '../src/bot/cooldown.ts';
import { createHttpDispatcher, type HttpDispatcher } from '../src/bot/http-dispatcher.ts';
import { APOLOGY } from '../src/bot/interactions.ts';
import { notice } from '../src/bot/payload.ts';
import { createLogger } from '../src/runtime/log.ts';
import type { BotHandle } from '../src/main/bot.ts';
import { findButton, type InteractionHandle } from '../fakes/discord/index.ts';
import { startHarness, type Harness } from './helpers/bot-harness.ts';

const EPHEMERAL = 64;

/**
 * The HTTP transport in-process: interactions made by the fake Discord (as it would POST them to
 * an Interactions Endpoint URL) go straight to the dispatcher; its return value is what the HTTP
 * server would answer with, handed back to the fake as Discord would take it; later edits and
 * follow-ups go to the fake's REST webhook routes. A Gateway bot on the same fake answers the
 * same inputs, to compare payloads.
 */

let h: Harness;
let gatewayBot: BotHandle;
let dispatcher: HttpDispatcher;
const logs: string[] = [];
let gate: { open(): void; promise: Promise<void> };
let users = 0;

function freshUser(): string {
  users += 1;
  return `8${String(users).padStart(17, '0')}`;
}

function makeGate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { open, promise };
}

/** Test-only commands for the slow paths: they wait on `gate`, so they answer after the deadline. */
const slowCommands: Command[] = [
  {
    data: new SlashCommandBuilder()
      .setName('late')
      .setDescription('Answers after the gate opens (test only)')
      .addBooleanOption((o) => o.setName('hide').setDescription('privately')),
    execute: async (request, respond) => {
      await gate.promise;
      await respond.reply(notice('finished late'), { ephemeral: request.options.boolean('hide') ?? false });
    },
  },
  {
    data: new SlashCommandBuilder().setName('replyboom').setDescription('Replies, then throws (test only)'),
    execute: async (_request, respond) => {
      await respond.reply(notice('a first answer'));
      throw new Error('kaboom after replying');
    },
  },
  {
    data: new SlashCommandBuilder().setName('lateboom').setDescription('Throws after the gate opens (test only)'),
    execute: async () => {
      await gate.promise;
      throw new Error('kaboom late');
    },
  },
];

beforeAll(async () => {
  h = await startHarness();
  h.extraCommands.push(...slowCommands);
  gatewayBot = await h.start();
  const ctx: BotContext = {
    store: gatewayBot.store,
    log: createLogger({ level: 'info', write: (line) => logs.push(line) }),
    cooldown: new Cooldown(5, 30_000),
    cooldownSettings: { questions: 5, seconds: 30 },
    deferAbove: 100_000,
  };
  const rest = new REST({ api: h.fake.apiUrl, retries: 0 }).setToken(h.fake.token);
  dispatcher = createHttpDispatcher({ commands: [...commands, ...h.extraCommands], ctx, rest, applicationId: h.fake.applicationId, deadlineMs: 100 });
});

afterAll(async () => {
  await gatewayBot?.stop();
  await h?.fake.close();
});

/** Sends the interaction to the dispatcher and gives its response to the fake, as Discord would. */
async function deliver(i: InteractionHandle): Promise<APIInteractionResponse> {
  const response = await dispatcher(i.payload as APIInteraction);
  expect(h.fake.acceptHttpResponse(i, JSON.parse(JSON.stringify(response)))).toEqual({ status: 204 });
  return response;
}

describe('the HTTP dispatcher', () => {
  it('answers PING with PONG', async () => {
    expect(await dispatcher({ type: 1, id: '1', application_id: h.fake.applicationId, token: 't', version: 1 } as APIInteraction)).toEqual({ type: 1 });
  });

  it('/ask: the answer is the HTTP response body, and its buttons work over HTTP', async () => {
    const userId = freshUser();
    const ask = h.fake.httpCommand({ name: 'ask', options: { question: 'What will the bridge cost?' }, userId });
    const response = await deliver(ask);
    expect(response.type).toBe(4);
    const message = await ask.reply();
    expect(message.embeds[0].title).toBe('City council approves new harbour bridge');
    expect(message.embeds[0].description).toContain('**The bridge will cost 420 million dollars');
    expect(message.allowedMentions).toEqual({ parse: [] });

    const next = h.fake.httpButton({ message, customId: findButton(message, 'Next match')!.custom_id as string, userId });
    expect((await deliver(next)).type).toBe(7);
    const stepped = await next.reply();
    expect(stepped.id).toBe(message.id);
    expect(stepped.embeds[0].author.name).toMatch(/^Other match \(2 of \d\)$/);

    const context = h.fake.httpButton({ message, customId: findButton(message, 'Context')!.custom_id as string });
    expect((await deliver(context)).type).toBe(4);
    const shown = await context.reply();
    expect(shown.ephemeral).toBe(true);
    expect(shown.embeds[0].description).toContain('**▶ ¶2**');
  });

  it('/ask searches the words of the question, not the Discord markup around them', async () => {
    const ask = h.fake.httpCommand({
      name: 'ask',
      options: { question: '<@123456789012345678> **What will the bridge cost?** @everyone https://example.com' },
      userId: freshUser(),
    });
    await deliver(ask);
    const message = await ask.reply();
    expect(message.embeds[0].description).toContain('**The bridge will cost 420 million dollars');
    expect(JSON.stringify(message)).not.toContain('123456789012345678');
  });

  it('buttons on a message the Gateway bot made work over HTTP (any replica): the asker steps in place, others get a private copy', async () => {
    const asker = freshUser();
    const message = await (await h.fake.sendCommand({ name: 'ask', options: { question: 'What will the bridge cost?' }, userId: asker })).reply();
    const nextId = findButton(message, 'Next match')!.custom_id as string;

    const someoneElse = h.fake.httpButton({ message, customId: nextId, userId: freshUser() });
    expect(await deliver(someoneElse)).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect((await someoneElse.reply()).embeds[0].author.name).toMatch(/^Other match \(2 of \d\)$/);
    expect(h.fake.message(message.id)!.embeds[0].author.name).toBe(message.embeds[0].author.name);

    const own = h.fake.httpButton({ message, customId: nextId, userId: asker });
    expect((await deliver(own)).type).toBe(7);
    expect((await own.reply()).embeds[0].author.name).toMatch(/^Other match \(2 of \d\)$/);
  });

  it('/summary, /articles and /help', async () => {
    const summary = h.fake.httpCommand({ name: 'summary', options: { article: 'harbour bridge', sentences: 1 }, userId: freshUser() });
    expect((await deliver(summary)).type).toBe(4);
    const gist = (await summary.reply()).embeds[0];
    expect(gist.title).toBe('City council approves new harbour bridge');
    expect(gist.fields.map((f: { value: string }) => f.value)).toContainEqual(expect.stringMatching(/^1 sentence, \d+ words, from 3 paragraphs$/));

    const articles = h.fake.httpCommand({ name: 'articles' });
    await deliver(articles);
    expect((await articles.reply()).embeds[0].title).toBe('Articles (3 loaded, newest first)');

    const help = h.fake.httpCommand({ name: 'help' });
    const response = await deliver(help);
    expect(response).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect((await help.reply()).embeds[0].description).toContain('3 articles');
  });

  it('autocomplete answers with choices', async () => {
    const i = h.fake.httpAutocomplete({ name: 'ask', options: { question: 'x', article: 'harbor' }, focused: 'article' });
    const response = await deliver(i);
    expect(response.type).toBe(8);
    expect((await i.choices()).map((c) => c.value)).toContain('harbour-bridge');
  });

  it('bad input and an unknown article get a private explanation', async () => {
    const i = h.fake.httpCommand({ name: 'ask', options: { question: 'what is it', article: 'zzzzqqqq' }, userId: freshUser() });
    expect(await deliver(i)).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect((await i.reply()).content).toMatch(/only common words/);
    const thanks = h.fake.httpCommand({ name: 'ask', options: { question: 'thanks!' }, userId: freshUser() });
    expect(await deliver(thanks)).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect((await thanks.reply()).content).toMatch(/^You’re welcome! Ask in plain words/);
    const unknown = h.fake.httpCommand({ name: 'summary', options: { article: 'zzzzqqqq' }, userId: freshUser() });
    await deliver(unknown);
    expect((await unknown.reply()).content).toMatch(/No loaded article matches “zzzzqqqq”/);
  });

  it('a command that defers itself (a large library) finishes over REST', async () => {
    const large = createHttpDispatcher({
      commands,
      ctx: {
        store: gatewayBot.store,
        log: createLogger({ level: 'error', write: () => undefined }),
        cooldown: new Cooldown(0, 1000),
        cooldownSettings: { questions: 0, seconds: 1 },
        deferAbove: 0,
      },
      rest: new REST({ api: h.fake.apiUrl, retries: 0 }),
      applicationId: h.fake.applicationId,
    });
    const i = h.fake.httpCommand({ name: 'ask', options: { question: 'Who was injured?', hide: true } });
    const response = await large(i.payload as APIInteraction);
    expect(response).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(h.fake.acceptHttpResponse(i, response)).toEqual({ status: 204 });
    const message = await i.reply();
    expect(message.ephemeral).toBe(true);
    expect(message.embeds[0].description).toContain('guard');
    expect(h.fake.requests.some((r) => r.method === 'PATCH' && r.path === `/webhooks/${h.fake.applicationId}/${i.token}/messages/@original`)).toBe(true);
  });

  it('an answer later than the deadline is deferred (type 5) and finished over REST', async () => {
    gate = makeGate();
    const i = h.fake.httpCommand({ name: 'late' });
    expect(await deliver(i)).toEqual({ type: 5 });
    gate.open();
    const message = await i.reply();
    expect(message.content).toBe('finished late');
    expect(message.ephemeral).toBe(false);

    // A private answer after the deadline's public placeholder replaces it.
    gate = makeGate();
    const hidden = h.fake.httpCommand({ name: 'late', options: { hide: true } });
    expect(await deliver(hidden)).toEqual({ type: 5 });
    gate.open();
    const [followUp] = await hidden.waitForFollowUps(1);
    expect(followUp.ephemeral).toBe(true);
    expect(followUp.content).toBe('finished late');
    await h.fake.waitFor(() => hidden.message?.deleted, undefined, 'the placeholder to be removed');
  });

  it('a button whose answer is late is deferred (type 6) and the message edited over REST', async () => {
    const slowButtons: Command = {
      data: new SlashCommandBuilder().setName('unused').setDescription('unused'),
      execute: async () => undefined,
      buttons: {
        prefix: 'ask',
        press: async (_request, respond) => {
          await gate.promise;
          await respond.update(notice('updated late'));
        },
      },
    };
    const slow = createHttpDispatcher({
      commands: [slowButtons],
      ctx: { ...baseCtx(), deferAbove: 100_000 },
      rest: new REST({ api: h.fake.apiUrl, retries: 0 }),
      applicationId: h.fake.applicationId,
      deadlineMs: 50,
    });
    const ask = h.fake.httpCommand({ name: 'ask', options: { question: 'What will the bridge cost?' }, userId: freshUser() });
    await deliver(ask);
    const message = await ask.reply();
    gate = makeGate();
    const click = h.fake.httpButton({ message, customId: findButton(message, 'Context')!.custom_id as string });
    const response = await slow(click.payload as APIInteraction);
    expect(response).toEqual({ type: 6 });
    expect(h.fake.acceptHttpResponse(click, response)).toEqual({ status: 204 });
    gate.open();
    const edited = await click.reply();
    expect(edited.id).toBe(message.id);
    expect(edited.content).toBe('updated late');
  });

  it('a handler error is logged and answered with a private apology, before and after the deadline', async () => {
    const boom = h.fake.httpCommand({ name: 'boom' });
    expect(await deliver(boom)).toMatchObject({ type: 4, data: { content: APOLOGY, flags: EPHEMERAL } });
    expect(logs.some((l) => l.includes(`interaction ${boom.id} (/boom) failed: Error: kaboom in a handler`))).toBe(true);

    gate = makeGate();
    const late = h.fake.httpCommand({ name: 'lateboom' });
    expect(await deliver(late)).toEqual({ type: 5 });
    gate.open();
    const [apology] = await late.waitForFollowUps(1);
    expect(apology.ephemeral).toBe(true);
    expect(apology.content).toBe(APOLOGY);
    await h.fake.waitFor(() => late.message?.deleted, undefined, 'the public placeholder to be removed');
  });

  it('sends nothing over REST before the HTTP response is out', async () => {
    // The handler replies, then throws: its apology is a follow-up, which Discord would refuse
    // (unknown webhook) before it has the HTTP response. The server says when it has written it.
    const calls: string[] = [];
    const rest = {
      post: async (route: string) => void calls.push(`POST ${route}`),
      patch: async (route: string) => void calls.push(`PATCH ${route}`),
      delete: async (route: string) => void calls.push(`DELETE ${route}`),
    } as unknown as REST;
    const gated = createHttpDispatcher({
      commands: h.extraCommands,
      ctx: { ...baseCtx(), log: createLogger({ level: 'info', write: (line) => logs.push(line) }) },
      rest,
      applicationId: 'app',
    });
    const i = h.fake.httpCommand({ name: 'replyboom' });
    let written!: () => void;
    const responded = new Promise<void>((resolve) => (written = resolve));
    const response = await gated(i.payload as APIInteraction, { responded });
    expect(response).toMatchObject({ type: 4, data: { content: 'a first answer' } });
    await h.fake.waitFor(() => logs.some((l) => l.includes(`interaction ${i.id} (/replyboom) failed`)), undefined, 'the failure to be logged');
    expect(calls).toEqual([]);
    expect(gated.pending).toBe(1);
    written();
    await gated.drain(5000);
    expect(calls).toEqual([`POST /webhooks/app/${i.token}`]);
  });

  it('a foreign button and an unknown kind of interaction get a short private notice', async () => {
    const ask = h.fake.httpCommand({ name: 'ask', options: { question: 'What will the bridge cost?' }, userId: freshUser() });
    await deliver(ask);
    const click = h.fake.httpButton({ message: await ask.reply(), customId: 'poll:v1:vote:3' });
    await deliver(click);
    expect((await click.reply()).content).toMatch(/does not belong/);
  });

  it('sends the same payloads as the Gateway mode for the same input', async () => {
    /** What Discord shows of a first response (discord.js adds defaults such as `tts: false`). */
    const shown = (r: { type: number; data?: Record<string, unknown> }) => {
      const { content, embeds, components, flags, allowed_mentions, choices } = r.data ?? {};
      return JSON.parse(JSON.stringify({ type: r.type, content, embeds, components, flags, allowed_mentions, choices }));
    };
    const both = async (make: (via: 'gateway' | 'http', userId: string) => Promise<InteractionHandle>) => {
      const gateway = await make('gateway', freshUser());
      const http = await make('http', freshUser());
      if (!http.callback) await deliver(http);
      return { gateway: shown(await gateway.response()), http: shown(await http.response()), gatewayHandle: gateway, httpHandle: http };
    };
    const command = (input: { name: string; options?: Record<string, string | number | boolean> }) =>
      both(async (via, userId) => (via === 'gateway' ? h.fake.sendCommand({ ...input, userId }) : h.fake.httpCommand({ ...input, userId })));

    const inputs: { name: string; options?: Record<string, string | number | boolean> }[] = [
      { name: 'ask', options: { question: 'What will the bridge cost?' } },
      { name: 'ask', options: { question: 'Who condemned the attack?', article: 'embassy-attack', hide: true } },
      { name: 'ask', options: { question: 'quantum chromodynamics lattice gluons' } },
      { name: 'ask', options: { question: '?!' } },
      { name: 'summary', options: { sentences: 2 } },
      { name: 'articles' },
      { name: 'help' },
      { name: 'boom' },
    ];
    for (const input of inputs) {
      const { gateway, http } = await command(input);
      expect(http, JSON.stringify(input)).toEqual(gateway);
    }

    const typed = await both(async (via) => {
      const input = { name: 'summary', options: { article: 'embassy' }, focused: 'article' };
      return via === 'gateway' ? h.fake.sendAutocomplete(input) : h.fake.httpAutocomplete(input);
    });
    expect(typed.http).toEqual(typed.gateway);
    expect(typed.http.choices.length).toBeGreaterThan(0);

    // Buttons: each transport presses "Next match" and "Context" on its own (identical) answer.
    const answers = await command({ name: 'ask', options: { question: 'Who was injured?' } });
    const [gatewayMessage, httpMessage] = [await answers.gatewayHandle.reply(), await answers.httpHandle.reply()];
    for (const label of ['Context', 'Next match']) {
      const gatewayClick = await h.fake.sendButton({
        message: gatewayMessage,
        customId: findButton(gatewayMessage, label)!.custom_id as string,
        userId: answers.gatewayHandle.userId,
      });
      const httpClick = h.fake.httpButton({ message: httpMessage, customId: findButton(httpMessage, label)!.custom_id as string, userId: answers.httpHandle.userId });
      await deliver(httpClick);
      expect(shown(await httpClick.response()), label).toEqual(shown(await gatewayClick.response()));
    }
  });

  it('stops taking work when drained', async () => {
    await dispatcher.drain(1000);
    const i = h.fake.httpCommand({ name: 'help' });
    expect(await deliver(i)).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect((await i.reply()).content).toMatch(/restarting/);
    expect(dispatcher.pending).toBe(0);
  });
});

function baseCtx(): BotContext {
  return {
    store: gatewayBot.store,
    log: createLogger({ level: 'error', write: () => undefined }),
    cooldown: new Cooldown(0, 1000),
    cooldownSettings: { questions: 0, seconds: 1 },
    deferAbove: 100_000,
  };
}
