import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
} from 'discord.js';
import type { Article } from '../types.ts';
import type { Library } from '../library/library.ts';
import { articleRef, resolveArticleRef } from './buttons.ts';
import { fitPlain, LIMITS, notice, type MessagePayload } from './render.ts';

/** Sent with every message, on top of the client's default: nothing the bot sends pings. */
export const NO_MENTIONS = { parse: [] as never[] };

export function replyOptions(payload: MessagePayload, ephemeral = false): InteractionReplyOptions {
  return {
    content: payload.content,
    embeds: payload.embeds,
    components: payload.components,
    allowedMentions: NO_MENTIONS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

/** For edits: fields left out would be kept by Discord, so absent content is cleared explicitly. */
export function editOptions(payload: MessagePayload): InteractionEditReplyOptions & InteractionUpdateOptions {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds,
    components: payload.components,
    allowedMentions: NO_MENTIONS,
  };
}

/** A short ephemeral explanation (bad input, cooldown, stale button). */
export async function explain(interaction: ChatInputCommandInteraction | ButtonInteraction, text: string): Promise<void> {
  const options = replyOptions(notice(text), true);
  if (interaction.deferred || interaction.replied) await interaction.followUp(options);
  else await interaction.reply(options);
}

/** Sends the reply, after deferReply when `deferred`. */
export async function send(interaction: ChatInputCommandInteraction, payload: MessagePayload, options: { ephemeral: boolean }): Promise<void> {
  if (interaction.deferred) await interaction.editReply(editOptions(payload));
  else await interaction.reply(replyOptions(payload, options.ephemeral));
}

/** The article an `article` option names: an id, an id reference, or a fuzzy title. */
export function findArticle(library: Library, value: string): Article | undefined {
  const v = value.trim();
  if (!v) return undefined;
  return library.article(v) ?? (v.startsWith('~') ? resolveArticleRef(v, library.articles, (id) => library.article(id)) : undefined) ?? library.resolveArticle(v);
}

/** Autocomplete for an `article` option: fuzzy titles and ids, at most 25, names ≤ 100. */
export async function autocompleteArticles(interaction: AutocompleteInteraction, library: Library): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'article') {
    await interaction.respond([]);
    return;
  }
  const found = library.findArticles(String(focused.value ?? '').slice(0, 200), 25);
  const choices = found.slice(0, 25).map((a) => ({
    name: fitPlain(`${a.title || a.id}${a.date ? ` (${a.date})` : ''}`, LIMITS.choiceName) || a.id.slice(0, LIMITS.choiceName),
    value: a.id.length <= LIMITS.choiceValue ? a.id : articleRef(a.id),
  }));
  await interaction.respond(choices);
}
