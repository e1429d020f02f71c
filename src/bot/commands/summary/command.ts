import { SlashCommandBuilder } from 'discord.js';
import { DEFAULT_SUMMARY_SENTENCES, MAX_SUMMARY_SENTENCES } from '../../../summary/summarize.ts';
import { articleChoices, lookupProblem } from '../../article-option.ts';
import type { BotContext, Command } from '../../command.ts';
import type { CommandRequest, Responder } from '../../interaction.ts';
import { explain, send } from '../../reply.ts';
import { renderSummary } from './view.ts';

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

export async function execute(request: CommandRequest, respond: Responder, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  const articleOption = request.options.string('article');
  const lookup = articleOption ? library.resolveArticle(articleOption) : undefined;
  if (lookup && !lookup.ok) return explain(respond, lookupProblem(lookup));
  const article = lookup?.article ?? library.newest();
  if (!article) return explain(respond, 'No articles are loaded yet.');
  const sentences = request.options.integer('sentences') ?? DEFAULT_SUMMARY_SENTENCES;
  if (sentences < 1 || sentences > MAX_SUMMARY_SENTENCES) {
    return explain(respond, `\`sentences\` must be from 1 to ${MAX_SUMMARY_SENTENCES}.`);
  }
  if (library.paragraphCount > ctx.deferAbove) await respond.defer();
  await send(respond, renderSummary(library.summarize(article, { sentences })), { ephemeral: false });
}

export const command: Command = {
  data,
  execute,
  autocomplete: (request, ctx) => articleChoices(request, ctx.store.current),
  rateLimited: true,
};
