import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { DEFAULT_SUMMARY_SENTENCES, MAX_SUMMARY_SENTENCES } from '../../summary/summarize.ts';
import type { BotContext, Command } from '../command.ts';
import { renderSummary } from '../render.ts';
import { autocompleteArticles, explain, lookupProblem, send } from '../reply.ts';

export const data = new SlashCommandBuilder()
  .setName('summary')
  .setDescription('The gist of an article (the newest one unless you pick another).')
  .addStringOption((o) => o.setName('article').setDescription('Which article (default: the newest)').setAutocomplete(true))
  .addIntegerOption((o) =>
    o
      .setName('sentences')
      .setDescription(`How many sentences (1 to ${MAX_SUMMARY_SENTENCES}, default ${DEFAULT_SUMMARY_SENTENCES})`)
      .setMinValue(1)
      .setMaxValue(MAX_SUMMARY_SENTENCES),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  const articleOption = interaction.options.getString('article');
  const lookup = articleOption ? library.resolveArticle(articleOption) : undefined;
  if (lookup && !lookup.ok) return explain(interaction, lookupProblem(lookup));
  const article = lookup?.article ?? library.newest();
  if (!article) return explain(interaction, 'No articles are loaded yet.');
  const sentences = interaction.options.getInteger('sentences') ?? DEFAULT_SUMMARY_SENTENCES;
  if (sentences < 1 || sentences > MAX_SUMMARY_SENTENCES) {
    return explain(interaction, `\`sentences\` must be from 1 to ${MAX_SUMMARY_SENTENCES}.`);
  }
  if (library.paragraphCount > ctx.deferAbove) await interaction.deferReply();
  await send(interaction, renderSummary(library.summarize(article, { sentences })), { ephemeral: false });
}

export const command: Command = {
  data,
  execute,
  autocomplete: (interaction, ctx) => autocompleteArticles(interaction, ctx.store.current),
  rateLimited: true,
};
