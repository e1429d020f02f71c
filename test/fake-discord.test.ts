import { afterEach, describe, expect, it } from 'vitest';
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
import { FakeDiscord, fastClientOptions, findButton, guildIdForShard } from './fake-discord/index.ts';

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

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
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
    rest: { api: fake.apiUrl, ...extra.rest },
    allowedMentions: { parse: [] },
    ...fastClientOptions(),
    ...extra,
  });
  cleanups.push(() => client.destroy());
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error) => client.emit('handlerError' as never, error as never));
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
            new ButtonBuilder().setCustomId(`next:${Number(n) + 1}`).setLabel('Next match').setStyle(ButtonStyle.Primary),
          ),
        ],
      });
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
    expect(fake.identifies[0]!.intents).toBe(GatewayIntentBits.Guilds);
    expect(fake.identifies[0]!.shard).toEqual([0, 1]);

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
