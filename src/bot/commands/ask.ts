import { SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../search/question.ts';
import { BUTTON_PROBLEMS, hashQuestion, type ButtonAction } from '../buttons.ts';
import type { BotContext, Command } from '../command.ts';
import { ALTERNATIVES, questionFromEmbeds, renderAnswer, renderContext } from '../render.ts';
import { autocompleteArticles, editOptions, explain, lookupProblem, replyOptions, send } from '../reply.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question; get the passage of a news article that answers it, with its source.')
  .addStringOption((o) =>
    o.setName('question').setDescription('Your question, in plain words').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addStringOption((o) => o.setName('article').setDescription('Only search this article').setAutocomplete(true))
  .addBooleanOption((o) => o.setName('hide').setDescription('Show the answer only to you'));

const EXAMPLE = 'Ask in plain words, for example: `/ask question: Who condemned the attack?`';

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  const check = library.question(interaction.options.getString('question') ?? '');
  if (!check.ok) return explain(interaction, `${check.error} ${EXAMPLE}`);

  const articleOption = interaction.options.getString('article');
  const lookup = articleOption ? library.resolveArticle(articleOption) : undefined;
  if (lookup && !lookup.ok) return explain(interaction, lookupProblem(lookup));
  const article = lookup?.article;
  const ephemeral = interaction.options.getBoolean('hide') ?? false;
  if (library.paragraphCount > ctx.deferAbove) await interaction.deferReply(ephemeral ? { flags: 'Ephemeral' } : {});

  const result = library.ask(check.question, { articleId: article?.id, alternatives: ALTERNATIVES });
  await send(interaction, renderAnswer(result, { question: check.question, articleId: article?.id }), { ephemeral });
}

export async function button(interaction: ButtonInteraction, action: ButtonAction, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  if (action.kind === 'ask-context') {
    const article = library.articleByRef(action.articleRef);
    if (!article) return explain(interaction, BUTTON_PROBLEMS.gone);
    await interaction.reply(replyOptions(renderContext(article, action.paragraph), true));
    return;
  }
  if (action.kind !== 'ask-next') return explain(interaction, BUTTON_PROBLEMS.malformed);

  // The question is too long for the custom_id: it is read back from the message the button is on,
  // and the hash in the custom_id proves it is the question the button was made for.
  const question = questionFromEmbeds(interaction.message.embeds.map((e) => e.toJSON()));
  if (!question || hashQuestion(question) !== action.questionHash) return explain(interaction, BUTTON_PROBLEMS.stale);
  const check = library.question(question);
  if (!check.ok) return explain(interaction, BUTTON_PROBLEMS.stale);

  let articleId: string | undefined;
  if (action.articleRef) {
    articleId = library.articleByRef(action.articleRef)?.id;
    if (!articleId) return explain(interaction, BUTTON_PROBLEMS.gone);
  }
  const result = library.ask(check.question, { articleId, alternatives: ALTERNATIVES });
  const payload = renderAnswer(result, { question: check.question, rank: action.rank, articleId });
  // The asker steps through their own answer in place; anyone else gets a private copy to browse,
  // so a shared answer does not change under the feet of the channel.
  const asker = interaction.message.interactionMetadata?.user.id;
  if (asker && asker !== interaction.user.id && !interaction.message.flags.has('Ephemeral')) {
    await interaction.reply(replyOptions(payload, true));
    return;
  }
  await interaction.update(editOptions(payload));
}

export const command: Command = {
  data,
  execute,
  autocomplete: (interaction, ctx) => autocompleteArticles(interaction, ctx.store.current),
  buttonPrefix: 'ask',
  button,
  rateLimited: true,
};
