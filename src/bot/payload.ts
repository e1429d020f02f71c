import { MessageFlags, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed, type APIInteractionResponseCallbackData } from 'discord.js';
import { LIMITS } from './limits.ts';
import { fitPlain, neutraliseMentions } from './safe-text.ts';

/** What a view renders: a message's visible parts, within Discord's limits. */
export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Sent with every message, on top of the client's default: nothing the bot sends pings. */
export const NO_MENTIONS = { parse: [] as never[] };

/** A short notice (errors, cooldown, bad input): plain content, mention-safe. */
export function notice(text: string): MessagePayload {
  return { content: fitPlain(neutraliseMentions(text), LIMITS.content), embeds: [], components: [] };
}

/**
 * The API body of a new message (a reply or a follow-up), the same in both transports: the
 * Gateway one hands it to discord.js, the HTTP one returns or posts it as is.
 */
export function messageBody(payload: MessagePayload, ephemeral = false): APIInteractionResponseCallbackData {
  return {
    ...(payload.content !== undefined ? { content: payload.content } : {}),
    embeds: payload.embeds,
    components: payload.components,
    allowed_mentions: NO_MENTIONS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** The API body of an edit: fields left out would be kept by Discord, so absent content is cleared explicitly. */
export function editBody(payload: MessagePayload): APIInteractionResponseCallbackData {
  return { content: payload.content ?? '', embeds: payload.embeds, components: payload.components, allowed_mentions: NO_MENTIONS };
}
