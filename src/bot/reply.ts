import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
} from 'discord.js';
import { articleRef } from '../library/article-ref.ts';
import type { ArticleLookup, Library } from '../library/library.ts';
import { escapeArticleMarkdown, fitPlain, LIMITS, notice, type MessagePayload } from './render.ts';

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

/** Why an `article` option names no article, in words a person can act on. */
export function lookupProblem(lookup: Exclude<ArticleLookup, { ok: true }>): string {
  const quoted = `“${escapeArticleMarkdown(fitPlain(lookup.query, 100))}”`;
  if (lookup.problem === 'unknown') return `No loaded article matches ${quoted}. See \`/articles\` for what is loaded.`;
  const titles = lookup.candidates.map((a) => `“${escapeArticleMarkdown(fitPlain(a.title || a.id, 80))}”`).join(', ');
  return `${quoted} matches several articles: ${titles}. Pick one from the list as you type, or give more of its title.`;
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
