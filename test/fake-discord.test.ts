import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  ActionRowBuilder,
  ApplicationIntegrationType,
  InteractionContextType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  SlashCommandBuilder,
  type ApplicationCommandData,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import { FakeDiscord, FakeDiscordTimeoutError, fastClientOptions, findButton, guildIdForShard } from '../fakes/discord/index.ts';

const commands = [
  new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question')
    // Discord (and the fake) answer integration_types [0] when unset; set it so equals() matches.
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild)
    .setNSFW(false) // the builder's JSON has `nsfw: undefined`, which equals() treats as differing from false
    .addStringOption((o) => o.setName('question').setDescription('The question').setRequired(true).setMaxLength(300))
    .addStringOption((o) => o.setName('article').setDescription('Article').setAutocomplete(true))
    .addBooleanOption((o) => o.setName('hide').setDescription('Only you see the answer')),
  new SlashCommandBuilder()
    .setName('summary')
    .setDescription('Summarize')
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild)
    .setNSFW(false)
    .addIntegerOption((o) => o.setName('sentences').setDescription('How many').setMinValue(1).setMaxValue(8)),
].map((c) => c.toJSON());

const cleanups: Array<() => unknown> = [];
/** Errors thrown by the inline interaction handler (e.g. a rejected callback). */
const handlerErrors: unknown[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  handlerErrors.length = 0;
});

async function startFake(options: Parameters<typeof FakeDiscord.start>[0] = {}): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 250, ...options });
  cleanups.push(() => fake.close());
  return fake;
}

/** A real discord.js client wired to the fake, with a small interaction handler inline. */
async function startClient(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...fastClientOptions(),
    ...extra,
    rest: { api: fake.apiUrl, ...extra.rest },
  });
  cleanups.push(() => client.destroy());
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  return client as Client<true>;
}

async function handle(interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName === 'ask') {
      const question = interaction.options.getString('question', true);
      const hide = interaction.options.getBoolean('hide') ?? false;
      if (question === 'sleepy') {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await interaction.reply({ content: 'too late' });
        return;
      }
      if (question === 'edit-later') {
        await interaction.reply({ content: 'v1' });
        await interaction.editReply({ content: 'v2' });
        return;
      }
      if (question === 'file') {
        await interaction.reply({ content: 'see file', files: [{ attachment: Buffer.from('hello'), name: 'hello.txt' }] });
        return;
      }
      if (question === 'defer-followup') {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.followUp({ content: 'filled in' });
        await interaction.followUp({ content: 'second' });
        return;
      }
      if (question === 'slow') {
        await interaction.deferReply();
        await interaction.editReply({ content: `slow answer on shard ${interaction.guild?.shardId}` });
        await interaction.followUp({ content: 'a follow-up', flags: MessageFlags.Ephemeral });
        return;
      }
      await interaction.reply({
        embeds: [new EmbedBuilder().setTitle('Answer').setDescription(`**${question}** @everyone`)],
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder().setCustomId('next:1').setLabel('Next match').setStyle(ButtonStyle.Primary),
            new ButtonBuilder().setCustomId('ctx:1').setLabel('Context').setStyle(ButtonStyle.Secondary),
          ),
        ],
        allowedMentions: { parse: [] },
        ...(hide ? { flags: MessageFlags.Ephemeral } : {}),
      });
      return;
    }
    if (interaction.commandName === 'summary') {
      const n = interaction.options.getInteger('sentences') ?? 2;
      await interaction.reply({ content: `summary with ${n} sentences from shard ${interaction.guild?.shardId}` });
    }
    return;
  }
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    await interaction.respond([
      { name: `match for ${focused.value}`, value: `id-${focused.value}` },
      { name: 'other', value: 'other' },
    ]);
    return;
  }
  if (interaction.isButton()) {
    const [kind, n] = interaction.customId.split(':');
    if (kind === 'next') {
      await interaction.update({
        embeds: [new EmbedBuilder().setTitle('Answer').setDescription(`match ${Number(n) + 1}`)],
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder()
              .setCustomId(`next:${Number(n) + 1}`)
              .setLabel('Next match')
              .setStyle(ButtonStyle.Primary),
          ),
        ],
      });
    } else if (kind === 'defer') {
      await interaction.deferUpdate();
      await interaction.editReply({ content: 'edited after deferUpdate', embeds: [], components: [] });
    } else {
      await interaction.reply({ content: 'stale button', flags: MessageFlags.Ephemeral });
    }
  }
}

describe('fake-discord with a real discord.js client', () => {
  it('logs in, registers commands, answers a slash command with embeds and buttons', async () => {
    const fake = await startFake();
    const client = await startClient(fake);
    await fake.waitForReady(1);
    expect(client.user.id).toBe(fake.applicationId);
    expect(client.guilds.cache.has(fake.guild.id)).toBe(true);
    expect(fake.identifies[0].intents).toBe(GatewayIntentBits.Guilds);
    expect(fake.identifies[0].shard).toEqual([0, 1]);

    await client.application.commands.set(commands);
    await client.application.commands.set(commands, fake.guild.id);
    expect(fake.commands().map((c) => c.name)).toEqual(['ask', 'summary']);
    expect(fake.commands(fake.guild.id).map((c) => c.name)).toEqual(['ask', 'summary']);
    expect(fake.commandWrites).toHaveLength(2);
    const fetched = await client.application.commands.fetch();
    expect(fetched.size).toBe(2);
    const ask = fetched.find((c) => c.name === 'ask')!;
    expect(ask.equals(commands[0] as unknown as ApplicationCommandData)).toBe(true);

    const i = await fake.sendCommand({ name: 'ask', options: { question: 'who won?' } });
    const response = await i.response();
    expect(response.type).toBe(4);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    const reply = await i.reply();
    expect(reply.embeds[0].title).toBe('Answer');
    expect(reply.embeds[0].description).toContain('**who won?**');
    expect(reply.ephemeral).toBe(false);
    expect(findButton(reply, 'Next match')?.custom_id).toBe('next:1');
    expect(fake.unknownRequests).toEqual([]);
  });
});

describe('interaction flows', () => {
  it('deferReply + editReply, a follow-up, hide (ephemeral), integer options', async () => {
    const fake = await startFake();
    const client = await startClient(fake);
    await client.application.commands.set(commands, fake.guild.id);

    const slow = await fake.sendCommand({ name: 'ask', options: { question: 'slow' } });
    expect((await slow.response()).type).toBe(5);
    const reply = await slow.reply();
    expect(reply.content).toBe('slow answer on shard 0');
    expect(reply.loading).toBe(false);
    expect(reply.editCount).toBe(1);
    const [followUp] = await slow.waitForFollowUps(1);
    expect(followUp.content).toBe('a follow-up');
    expect(followUp.ephemeral).toBe(true);
    expect(followUp.id).not.toBe(reply.id);

    const hidden = await fake.sendCommand({ name: 'ask', options: { question: 'secret', hide: true } });
    const hiddenReply = await hidden.reply();
    expect(hiddenReply.ephemeral).toBe(true);
    expect(hiddenReply.flags & 64).toBe(64);
    expect(hidden.payload.data.options).toEqual([
      { name: 'question', type: 3, value: 'secret' },
      { name: 'hide', type: 5, value: true },
    ]);

    const summary = await fake.sendCommand({ name: 'summary', options: { sentences: 3 } });
    expect(summary.payload.data.options).toEqual([{ name: 'sentences', type: 4, value: 3 }]);
    expect((await summary.reply()).content).toBe('summary with 3 sentences from shard 0');
  });

  it('callback with ?with_response=true, fetchReply, deleteReply', async () => {
    const fake = await startFake();
    const client = await startClient(fake);
    const seen: unknown[] = [];
    client.removeAllListeners(Events.InteractionCreate);
    client.on(Events.InteractionCreate, async (interaction) => {
      try {
        if (!interaction.isChatInputCommand()) return;
        const res = await interaction.reply({ content: 'first', withResponse: true });
        seen.push(res.resource?.message?.content, res.interaction.responseMessageEphemeral);
        const fetched = await interaction.fetchReply();
        seen.push(fetched.content);
        await interaction.deleteReply();
        seen.push('deleted');
      } catch (error) {
        handlerErrors.push(error);
      }
    });
    const i = await fake.sendCommand({ name: 'anything' });
    await fake.waitFor(() => seen.length === 4 || handlerErrors.length > 0);
    expect(handlerErrors).toEqual([]);
    expect(seen).toEqual(['first', false, 'first', 'deleted']);
    expect(fake.requests.find((r) => r.route === 'POST /interactions/:id/:token/callback')!.query).toEqual({ with_response: 'true' });
    expect(i.message!.deleted).toBe(true);
  });

  it('autocomplete respond and button update / reply', async () => {
    const fake = await startFake();
    const client = await startClient(fake);
    await client.application.commands.set(commands);

    const ac = await fake.sendAutocomplete({ name: 'ask', options: { question: 'who', article: 'cli' }, focused: 'article' });
    expect(ac.payload.type).toBe(4);
    expect(ac.payload.data.options).toContainEqual({ name: 'article', type: 3, value: 'cli', focused: true });
    expect(await ac.choices()).toEqual([
      { name: 'match for cli', value: 'id-cli' },
      { name: 'other', value: 'other' },
    ]);

    const ask = await fake.sendCommand({ name: 'ask', options: { question: 'who won?' } });
    const message = await ask.reply();
    const click = await fake.sendButton({ message, customId: findButton(message, 'Next match').custom_id });
    expect(click.payload.data).toEqual({ custom_id: 'next:1', component_type: 2 });
    expect(click.payload.message.id).toBe(message.id);
    expect((await click.response()).type).toBe(7);
    const updated = await click.reply();
    expect(updated.id).toBe(message.id);
    expect(updated.embeds[0].description).toBe('match 2');
    expect(updated.editCount).toBe(1);
    expect(fake.message(message.id)!.components[0].components).toHaveLength(1);

    // a button on the updated message, then a "stale" one answered with an ephemeral reply
    const again = await fake.sendButton({ message: updated, customId: 'next:2' });
    expect((await again.reply()).embeds[0].description).toBe('match 3');
    const stale = await fake.sendButton({ message: message.id, customId: 'ctx:1' });
    const staleReply = await stale.reply();
    expect(staleReply.ephemeral).toBe(true);
    expect(staleReply.content).toBe('stale button');
    expect(staleReply.id).not.toBe(message.id);
  });

  it('rejects what Discord rejects: limits, double acknowledgement, unknown routes', async () => {
    const fake = await startFake();
    const client = await startClient(fake, { rest: { retries: 0 } });
    client.removeAllListeners(Events.InteractionCreate);
    const results: string[] = [];
    client.on(Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      try {
        await interaction.reply({ embeds: [{ description: 'x'.repeat(4097) }] });
      } catch (error) {
        results.push(`limit:${(error as { code?: number }).code}`);
      }
      await interaction.reply({ content: 'ok' });
      try {
        // bypass discord.js's own "already replied" guard to hit the API
        await client.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
          body: { type: 4, data: { content: 'again' } },
          auth: false,
        });
      } catch (error) {
        results.push(`again:${(error as { code?: number }).code}`);
      }
    });
    const i = await fake.sendCommand({ name: 'x' });
    await fake.waitFor(() => results.length === 2);
    expect(results).toEqual(['limit:50035', 'again:40060']);
    expect((await i.reply()).content).toBe('ok');
    expect(i.callbackAttempts).toBe(3);

    const channel = await client.channels.fetch(fake.guild.channels[0].id, { force: true });
    expect(channel?.id).toBe(fake.guild.channels[0].id);
    await expect(client.rest.get('/channels/123/messages')).rejects.toMatchObject({ status: 404 });
    expect(fake.unknownRequests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /channels/123/messages']);
    // a REST base with a trailing slash still works
    expect((await fetch(`${fake.apiUrl}//v10/gateway`)).status).toBe(200);
  });

  it('a 500 on a callback is rejected to the caller and the client keeps working', async () => {
    const fake = await startFake();
    const client = await startClient(fake);
    // @discordjs/rest retries 5xx 3 times by default: fail all 4 attempts.
    fake.failNext('POST /interactions/:id/:token/callback', 500, 4);
    const failed = await fake.sendCommand({ name: 'summary' });
    await fake.waitFor(() => handlerErrors.length === 1);
    expect(handlerErrors[0]).toMatchObject({ status: 500 });
    expect(failed.callback).toBeNull();
    expect(fake.requests.filter((r) => r.injected)).toHaveLength(4);

    const ok = await fake.sendCommand({ name: 'summary' });
    expect((await ok.reply()).content).toBe('summary with 2 sentences from shard 0');
    expect(client.isReady()).toBe(true);
  });
});

describe('more REST behaviour', () => {
  it('multipart replies, the first follow-up after a deferral, deferUpdate + editReply', async () => {
    const fake = await startFake();
    const client = await startClient(fake);
    await client.application.commands.set(commands, fake.guild.id);

    const file = await fake.sendCommand({ name: 'ask', options: { question: 'file' } });
    const fileReply = await file.reply();
    expect(fileReply.content).toBe('see file');
    expect(fileReply.attachments).toMatchObject([{ filename: 'hello.txt', size: 5 }]);
    expect((await file.response()).files).toMatchObject([{ field: 'files[0]', name: 'hello.txt', size: 5 }]);

    const deferred = await fake.sendCommand({ name: 'ask', options: { question: 'defer-followup' } });
    const filled = await deferred.reply();
    expect(filled.content).toBe('filled in');
    expect(filled.ephemeral).toBe(true); // from the deferral, as on Discord
    const followUps = await deferred.waitForFollowUps(2);
    expect(followUps.map((m) => m.content)).toEqual(['filled in', 'second']);
    expect(followUps[0].id).toBe(filled.id);
    expect(followUps[1].ephemeral).toBe(false);

    const ask = await fake.sendCommand({ name: 'ask', options: { question: 'q' } });
    const message = await ask.reply();
    const click = await fake.clickButton({ message, customId: 'defer:1' });
    expect((await click.response()).type).toBe(6);
    const edited = await click.reply();
    expect(edited.id).toBe(message.id);
    expect(edited.content).toBe('edited after deferUpdate');
    expect(edited.components).toEqual([]);
  });

  it('waitForMessage sees later edits; callbackDeadlineMs refuses late callbacks like Discord', async () => {
    const fake = await startFake({ callbackDeadlineMs: 100 });
    await startClient(fake);
    const edited = await fake.sendCommand({ name: 'ask', options: { question: 'edit-later' } });
    expect((await edited.waitForMessage((m) => m.editCount === 1)).content).toBe('v2');
    expect(edited.message!.history.map((b) => b.content)).toEqual(['v1', 'v2']);

    const late = await fake.sendCommand({ name: 'ask', options: { question: 'sleepy' } });
    await fake.waitFor(() => handlerErrors.length === 1);
    expect(handlerErrors[0]).toMatchObject({ status: 404, code: 10062 });
    expect(late.expired).toBe(true);
    expect(late.callback).toBeNull();
  });

  it('validates commands and options like Discord, and seeds commands without counting writes', async () => {
    const fake = await startFake();
    const client = await startClient(fake);
    await expect(client.application.commands.set([{ name: 'Bad Name', description: 'x' }])).rejects.toMatchObject({ status: 400, code: 50035 });
    expect(fake.commandWrites).toHaveLength(0);

    fake.seedCommands(commands, fake.guild.id);
    expect(fake.commandWrites).toHaveLength(0);
    const existing = await client.application.commands.fetch({ guildId: fake.guild.id });
    expect([...existing.values()].map((c) => c.name).sort()).toEqual(['ask', 'summary']);

    await expect(fake.sendCommand({ name: 'ask', options: { nope: 'x' } })).rejects.toThrow(/no option "nope"/);
    await expect(fake.sendCommand({ name: 'ask', options: { hide: true } })).rejects.toThrow(/requires option "question"/);

    // subcommands and an autocomplete on a still-empty option
    fake.seedCommands([
      {
        name: 'feed',
        description: 'Feeds',
        options: [
          {
            type: 1,
            name: 'add',
            description: 'Add',
            options: [
              { type: 3, name: 'url', description: 'URL', required: true, autocomplete: true },
              { type: 4, name: 'every', description: 'Minutes' },
            ],
          },
        ],
      },
    ]);
    const sub = await fake.sendCommand({ name: 'feed', subcommand: 'add', options: { url: 'https://x', every: 5 } });
    expect(sub.payload.data.options).toEqual([
      {
        name: 'add',
        type: 1,
        options: [
          { name: 'url', type: 3, value: 'https://x' },
          { name: 'every', type: 4, value: 5 },
        ],
      },
    ]);
    const empty = await fake.sendAutocomplete({ name: 'feed', subcommand: 'add', options: {}, focused: 'url' });
    expect(empty.payload.data.options[0].options).toEqual([{ name: 'url', type: 3, value: '', focused: true }]);

    // ids survive an identical PUT; each PUT counts as a write
    const before = fake.commands(fake.guild.id).map((c) => c.id);
    await client.application.commands.set(commands, fake.guild.id);
    expect(fake.commands(fake.guild.id).map((c) => c.id)).toEqual(before);
    expect(fake.commandWrites).toMatchObject([{ method: 'PUT', guildId: fake.guild.id }]);
  });
});

describe('HTTP interactions (an Interactions Endpoint URL instead of the Gateway)', () => {
  it('makes interactions without sending them, takes the HTTP response as the callback, and finishes over the webhook routes', async () => {
    const fake = await startFake();
    fake.seedCommands(commands, fake.guild.id);
    const webhook = (token: string, rest = '') => `${fake.apiUrl}/v10/webhooks/${fake.applicationId}/${token}${rest}`;

    const ask = fake.httpCommand({ name: 'ask', options: { question: 'who?', hide: true } });
    expect(ask.payload).toMatchObject({
      type: 2,
      token: ask.token,
      data: {
        name: 'ask',
        options: [
          { name: 'question', type: 3, value: 'who?' },
          { name: 'hide', type: 5, value: true },
        ],
      },
    });
    expect(ask.shardId).toBeNull();
    expect(fake.gatewayLog.some((e) => e.t === 'INTERACTION_CREATE')).toBe(false);
    // Before the response, the token's webhook is unknown (as on Discord).
    expect((await fetch(webhook(ask.token), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'x' }) })).status).toBe(404);

    expect(fake.acceptHttpResponse(ask, { type: 5, data: { flags: MessageFlags.Ephemeral } })).toEqual({ status: 204 });
    expect(fake.acceptHttpResponse(ask, { type: 4, data: { content: 'again' } })).toMatchObject({ status: 400, body: { code: 40060 } });
    const edit = await fetch(webhook(ask.token, '/messages/@original'), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'answered over REST' }),
    });
    expect(edit.status).toBe(200);
    const reply = await ask.reply();
    expect(reply).toMatchObject({ content: 'answered over REST', ephemeral: true });
    expect(ask.callback).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });

    const typed = fake.httpAutocomplete({ name: 'ask', options: { question: 'x', article: 'ha' }, focused: 'article' });
    expect(fake.acceptHttpResponse(typed, { type: 4, data: { content: 'no' } })).toMatchObject({ status: 400, body: { code: 50035 } });
    expect(fake.acceptHttpResponse(typed, { type: 8, data: { choices: [{ name: 'Harbour', value: 'harbour' }] } })).toEqual({ status: 204 });
    expect(await typed.choices()).toEqual([{ name: 'Harbour', value: 'harbour' }]);

    const plain = fake.httpCommand({ name: 'ask', options: { question: 'with a button' } });
    fake.acceptHttpResponse(plain, { type: 4, data: { content: 'answer', components: [{ type: 1, components: [{ type: 2, style: 1, label: 'More', custom_id: 'more:1' }] }] } });
    const message = await plain.reply();
    const click = fake.httpButton({ message, customId: 'more:1' });
    expect(click.payload).toMatchObject({ type: 3, data: { custom_id: 'more:1', component_type: 2 }, message: { id: message.id } });
    expect(fake.acceptHttpResponse(click, { type: 6 })).toEqual({ status: 204 });
    await fetch(webhook(click.token, '/messages/@original'), { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'updated' }) });
    expect(await click.reply()).toMatchObject({ id: message.id, content: 'updated' });
    expect(fake.acceptHttpResponse(fake.httpCommand({ name: 'ask', options: { question: 'empty' } }), { type: 4, data: {} })).toMatchObject({ status: 400, body: { code: 50006 } });
  });
});

describe('gateway faults', () => {
  it('dropped connection: the client resumes and still answers (also what was sent while it was down)', async () => {
    const fake = await startFake();
    await startClient(fake);
    expect(fake.dropConnection()).toBe(1);
    // sent while the socket is down: buffered, replayed on RESUME
    const during = await fake.sendCommand({ name: 'summary', options: { sentences: 1 } });
    await fake.waitForResume(1);
    expect((await during.reply()).content).toBe('summary with 1 sentences from shard 0');
    expect(fake.resumes[0]).toMatchObject({ ok: true, replayed: 1 });
    const after = await fake.sendCommand({ name: 'summary' });
    expect((await after.reply()).content).toBe('summary with 2 sentences from shard 0');
    expect(fake.identifies).toHaveLength(1);
  });

  it('RECONNECT (op 7): the client resumes', async () => {
    const fake = await startFake();
    await startClient(fake);
    expect(fake.sendReconnect()).toBe(1);
    await fake.waitForResume(1);
    const i = await fake.sendCommand({ name: 'summary' });
    expect((await i.reply()).content).toContain('summary');
    expect(fake.identifies).toHaveLength(1);
  });

  it('INVALID_SESSION resumable: the client resumes on the same socket', async () => {
    const fake = await startFake();
    await startClient(fake);
    expect(fake.sendInvalidSession(true)).toBe(1);
    await fake.waitForResume(1);
    const i = await fake.sendCommand({ name: 'summary' });
    expect((await i.reply()).content).toContain('summary');
  });

  it('INVALID_SESSION not resumable: the client identifies again and answers', async () => {
    const fake = await startFake();
    await startClient(fake);
    expect(fake.sendInvalidSession(false)).toBe(1);
    await fake.waitForIdentify(2);
    await fake.waitForReady(1);
    const i = await fake.sendCommand({ name: 'summary' });
    expect((await i.reply()).content).toContain('summary');
    expect(fake.sessions.filter((s) => s.invalidated)).toHaveLength(1);
    expect(fake.resumes.filter((r) => r.ok)).toHaveLength(0);
  });

  it('zombie connection (no HEARTBEAT_ACK): the client resumes on a new socket', async () => {
    const fake = await startFake({ heartbeatIntervalMs: 100 });
    await startClient(fake);
    expect(fake.stopHeartbeatAcks()).toBe(1);
    await fake.waitForResume(1);
    const i = await fake.sendCommand({ name: 'summary' });
    expect((await i.reply()).content).toContain('summary');
    expect(fake.identifies).toHaveLength(1);
  });

  it('rejects a wrong token (REST 401 → TokenInvalid)', async () => {
    const fake = await startFake();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    cleanups.push(() => client.destroy());
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
  });
});

describe('sharding', () => {
  it('two shards: each client receives only the interactions of its guilds', async () => {
    const g0 = guildIdForShard(0, 2);
    const g1 = guildIdForShard(1, 2);
    const fake = await startFake({
      shards: 2,
      guilds: [
        { id: g0, name: 'Zero' },
        { id: g1, name: 'One' },
      ],
    });
    const c0 = await startClient(fake, { shards: [0], shardCount: 2 });
    const c1 = await startClient(fake, { shards: [1], shardCount: 2 });
    await fake.waitForReady(2);
    expect([...c0.guilds.cache.keys()]).toEqual([g0]);
    expect([...c1.guilds.cache.keys()]).toEqual([g1]);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const seen0: string[] = [];
    const seen1: string[] = [];
    c0.on(Events.InteractionCreate, (i) => seen0.push(i.guildId!));
    c1.on(Events.InteractionCreate, (i) => seen1.push(i.guildId!));

    const a = await fake.sendCommand({ name: 'ask', options: { question: 'slow' }, guildId: g1 });
    const b = await fake.sendCommand({ name: 'ask', options: { question: 'slow' }, guildId: g0 });
    expect(a.shardId).toBe(1);
    expect(b.shardId).toBe(0);
    expect((await a.reply()).content).toBe('slow answer on shard 1');
    expect((await b.reply()).content).toBe('slow answer on shard 0');
    expect(seen0).toEqual([g0]);
    expect(seen1).toEqual([g1]);

    // a fault on one shard leaves the other alone
    expect(fake.dropConnection(1)).toBe(1);
    await fake.waitForResume(1, 1);
    const c = await fake.sendCommand({ name: 'summary', guildId: g1 });
    expect((await c.reply()).content).toBe('summary with 2 sentences from shard 1');
    expect(fake.resumes.filter((r) => r.ok)).toHaveLength(1);
  });

  it("shards: 'auto' takes the count from GET /gateway/bot and opens one socket per shard", async () => {
    const g0 = guildIdForShard(0, 2);
    const g1 = guildIdForShard(1, 2);
    const fake = await startFake({ shards: 2, guilds: [{ id: g0 }, { id: g1 }] });
    const client = await startClient(fake, { shards: 'auto' });
    await fake.waitForReady(2);
    expect(fake.openConnections).toBe(2);
    expect(client.guilds.cache.size).toBe(2);
    const a = await fake.sendCommand({ name: 'summary', guildId: g1 });
    expect((await a.reply()).content).toBe('summary with 2 sentences from shard 1');
  });

  it('runs several fakes side by side', async () => {
    const [f1, f2] = await Promise.all([startFake(), startFake()]);
    const [c1, c2] = await Promise.all([startClient(f1), startClient(f2)]);
    expect(c1.user.id).not.toBe(c2.user.id);
    const [i1, i2] = await Promise.all([f1.sendCommand({ name: 'summary' }), f2.sendCommand({ name: 'summary' })]);
    expect(i1.id).not.toBe(i2.id);
    expect(i1.token).not.toBe(i2.token);
    await Promise.all([i1.reply(), i2.reply()]);
    expect(f1.interactions).toHaveLength(1);
    expect(f2.interactions).toHaveLength(1);
  });
});

describe('lifecycle', () => {
  it('times out with a named error, and close() shuts every socket and the port', async () => {
    const fake = await FakeDiscord.start({ timeoutMs: 200 });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    await client.login(fake.token);
    await fake.waitForReady();
    expect(fake.openConnections).toBe(1);

    const unanswered = await fake.sendCommand({ name: 'nobody-handles-this' });
    await expect(unanswered.reply()).rejects.toBeInstanceOf(FakeDiscordTimeoutError);
    await expect(fake.waitFor(() => false, 50, 'never')).rejects.toThrow(/waiting for: never/);

    await client.destroy();
    await fake.waitFor(() => fake.openConnections === 0);
    expect(fake.sessions[0].invalidated).toBe(true); // a 1000 close ends the session
    const pending = fake.waitFor(() => false, 10_000, 'something after close');
    await fake.close();
    await expect(pending).rejects.toThrow(/closed/);
    await fake.close(); // idempotent
    await expect(fake.sendCommand({ name: 'x' })).rejects.toThrow(/closed/);
    await expect(fetch(`${fake.apiUrl}/v10/gateway`)).rejects.toThrow();
  });
});

/** A raw gateway connection for protocol-level checks. */
function rawGateway(url: string) {
  const ws = new WebSocket(url);
  const messages: any[] = [];
  let closeCode: number | null = null;
  ws.on('message', (data) => messages.push(JSON.parse((data as Buffer).toString())));
  ws.on('close', (code) => (closeCode = code));
  ws.on('error', () => {});
  return {
    ws,
    messages,
    closeCode: () => closeCode,
    send: (payload: unknown) => ws.send(JSON.stringify(payload)),
  };
}

describe('raw gateway protocol', () => {
  it('HELLO, heartbeat ACK, IDENTIFY checks, READY fields, RESUME of an unknown session', async () => {
    const fake = await startFake({ heartbeatIntervalMs: 4321 });
    const url = `${fake.gatewayUrl}?v=10&encoding=json`;

    const a = rawGateway(url);
    await fake.waitFor(() => a.messages.length === 1);
    expect(a.messages[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 4321 } });
    a.send({ op: 1, d: null });
    await fake.waitFor(() => a.messages.length === 2);
    expect(a.messages[1]).toMatchObject({ op: 11 });
    a.send({ op: 2, d: { token: 'wrong', intents: 1, properties: {}, shard: [0, 1] } });
    await fake.waitFor(() => a.closeCode() !== null);
    expect(a.closeCode()).toBe(4004);

    const b = rawGateway(url);
    await fake.waitFor(() => b.messages.length === 1);
    b.send({ op: 3, d: {} }); // before IDENTIFY
    await fake.waitFor(() => b.closeCode() !== null);
    expect(b.closeCode()).toBe(4003);

    const c = rawGateway(url);
    await fake.waitFor(() => c.messages.length === 1);
    c.send({ op: 2, d: { token: fake.token, intents: 1, properties: { os: 'linux' }, shard: [0, 1] } });
    await fake.waitFor(() => c.messages.length === 3);
    const [, ready, guildCreate] = c.messages;
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1 });
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: fake.applicationId, bot: true },
      application: { id: fake.applicationId, flags: 0 },
      guilds: [{ id: fake.guild.id, unavailable: true }],
      shard: [0, 1],
    });
    expect(typeof ready.d.session_id).toBe('string');
    expect(ready.d.resume_gateway_url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    expect(guildCreate).toMatchObject({ op: 0, t: 'GUILD_CREATE', s: 2, d: { id: fake.guild.id, unavailable: false } });
    c.send({ op: 2, d: { token: fake.token, intents: 1, properties: {}, shard: [0, 1] } });
    await fake.waitFor(() => c.closeCode() !== null);
    expect(c.closeCode()).toBe(4005); // already authenticated

    const d = rawGateway(url);
    await fake.waitFor(() => d.messages.length === 1);
    d.send({ op: 6, d: { token: fake.token, session_id: 'nope', seq: 1 } });
    await fake.waitFor(() => d.messages.length === 2);
    expect(d.messages[1]).toEqual({ op: 9, d: false });
    d.ws.close();

    const e = rawGateway(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    await fake.waitFor(() => e.closeCode() !== null);
    expect(e.closeCode()).toBe(4012);
    expect(fake.gatewayLog.some((r) => r.direction === 'in' && r.op === 2)).toBe(true);
  });
});
