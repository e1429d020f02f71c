import {
  MessageFlags,
  type Interaction,
  type RepliableInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
} from 'discord.js';
import { CommandOptions, type BotRequest, type Choice, type Responder } from './interaction.ts';
import { editBody, messageBody, type MessagePayload } from './payload.ts';

/**
 * The Gateway transport: discord.js interactions → the transport-neutral request and responder
 * the command handlers are written against. The bodies are the ones the HTTP transport sends
 * (payload.ts), handed to discord.js in its option names.
 */

/** The request and responder for an interaction, or null for one the bot never answers (none today). */
export function fromGateway(interaction: Interaction): { request: BotRequest; respond: Responder } | null {
  const base = { id: interaction.id, userId: interaction.user.id, guildId: interaction.guildId };
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return {
      request: {
        ...base,
        kind: 'autocomplete',
        commandName: interaction.commandName,
        options: CommandOptions.from(interaction.options.data),
        focused: { name: focused.name, value: String(focused.value ?? '') },
      },
      respond: autocompleteResponder((choices) => interaction.respond([...choices])),
    };
  }
  if (!interaction.isRepliable()) return null;
  if (interaction.isChatInputCommand()) {
    return {
      request: { ...base, kind: 'command', commandName: interaction.commandName, options: CommandOptions.from(interaction.options.data) },
      respond: new GatewayResponder(interaction),
    };
  }
  if (interaction.isButton()) {
    const { message } = interaction;
    return {
      request: {
        ...base,
        kind: 'button',
        customId: interaction.customId,
        message: {
          embeds: message.embeds.map((e) => e.toJSON()),
          ephemeral: message.flags.has(MessageFlags.Ephemeral),
          askerId: message.interactionMetadata?.user.id,
        },
      },
      respond: new GatewayResponder(interaction),
    };
  }
  return { request: { ...base, kind: 'other', type: interaction.type }, respond: new GatewayResponder(interaction) };
}

/** discord.js's option names for a message body. */
function replyOptions(payload: MessagePayload, ephemeral = false): InteractionReplyOptions {
  const body = messageBody(payload, ephemeral);
  return {
    content: body.content,
    embeds: body.embeds,
    components: body.components,
    allowedMentions: body.allowed_mentions,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

function editOptions(payload: MessagePayload): InteractionEditReplyOptions & InteractionUpdateOptions {
  const body = editBody(payload);
  return { content: body.content, embeds: body.embeds, components: body.components, allowedMentions: body.allowed_mentions };
}

/** A discord.js repliable interaction behind the Responder interface (its own state says what was sent). */
class GatewayResponder implements Responder {
  constructor(private readonly interaction: RepliableInteraction) {}

  get button(): boolean {
    return this.interaction.isMessageComponent();
  }
  get deferred(): boolean {
    return this.interaction.deferred;
  }
  get replied(): boolean {
    return this.interaction.replied;
  }
  get ephemeral(): boolean {
    return this.interaction.ephemeral ?? false;
  }

  async reply(payload: MessagePayload, options: { ephemeral?: boolean } = {}): Promise<void> {
    await this.interaction.reply(replyOptions(payload, options.ephemeral));
  }
  async defer(options: { ephemeral?: boolean } = {}): Promise<void> {
    await this.interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  }
  async update(payload: MessagePayload): Promise<void> {
    if (!this.interaction.isMessageComponent()) throw new Error('update() is for button presses');
    await this.interaction.update(editOptions(payload));
  }
  async deferUpdate(): Promise<void> {
    if (!this.interaction.isMessageComponent()) throw new Error('deferUpdate() is for button presses');
    await this.interaction.deferUpdate();
  }
  async editReply(payload: MessagePayload): Promise<void> {
    await this.interaction.editReply(editOptions(payload));
  }
  async deleteReply(): Promise<void> {
    await this.interaction.deleteReply();
  }
  async followUp(payload: MessagePayload, options: { ephemeral?: boolean } = {}): Promise<void> {
    await this.interaction.followUp(replyOptions(payload, options.ephemeral));
  }
  async autocomplete(): Promise<void> {
    throw new Error('autocomplete() is for autocomplete interactions');
  }
}

/** Autocomplete answers with choices and nothing else. */
function autocompleteResponder(respond: (choices: readonly Choice[]) => Promise<void>): Responder {
  const refuse = async (): Promise<void> => {
    throw new Error('an autocomplete interaction is answered with choices only');
  };
  return {
    button: false,
    deferred: false,
    replied: false,
    ephemeral: false,
    reply: refuse,
    defer: refuse,
    update: refuse,
    deferUpdate: refuse,
    editReply: refuse,
    deleteReply: refuse,
    followUp: refuse,
    autocomplete: respond,
  };
}
