import { SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../../search/question.ts';
import { articleChoices, lookupProblem } from '../../article-option.ts';
import type { BotContext, Command } from '../../command.ts';
import { BUTTON_PROBLEMS, buttonPresser } from '../../custom-id.ts';
import type { ButtonRequest, CommandRequest, Responder } from '../../interaction.ts';
import { questionText } from '../../question-text.ts';
import { explain, send } from '../../reply.ts';
import { ASK_PREFIX, hashQuestion, parseAskButton, type AskButton } from './buttons.ts';
import { ALTERNATIVES, questionFromEmbeds, renderAnswer, renderContext } from './view.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question; get the passage of a news article that answers it, with its source.')
  .addStringOption((o) => o.setName('question').setDescription('Your question, in plain words').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH))
  .addStringOption((o) => o.setName('article').setDescription('Only search this article').setAutocomplete(true))
  .addBooleanOption((o) => o.setName('hide').setDescription('Show the answer only to you'));

const EXAMPLE = 'Ask in plain words, for example: `/ask question: Who condemned the attack?`';

export async function execute(request: CommandRequest, respond: Responder, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  const check = library.question(questionText(request.options.string('question') ?? ''));
  if (!check.ok) return explain(respond, `${check.error} ${EXAMPLE}`);

  const articleOption = request.options.string('article');
  const lookup = articleOption ? library.resolveArticle(articleOption) : undefined;
  if (lookup && !lookup.ok) return explain(respond, lookupProblem(lookup));
  const article = lookup?.article;
  const ephemeral = request.options.boolean('hide') ?? false;
  if (library.paragraphCount > ctx.deferAbove) await respond.defer({ ephemeral });

  const result = library.ask(check.question, { articleId: article?.id, alternatives: ALTERNATIVES });
  await send(respond, renderAnswer(result, { question: check.question, articleId: article?.id }), { ephemeral });
}

/** "Context": the paragraphs around the one shown, privately. "Next match": the next passage. */
async function press(action: AskButton, request: ButtonRequest, respond: Responder, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  if (action.kind === 'context') {
    const article = library.articleByRef(action.articleRef);
    if (!article) return explain(respond, BUTTON_PROBLEMS.gone);
    await respond.reply(renderContext(article, action.paragraph), { ephemeral: true });
    return;
  }

  // The question is too long for the custom_id: it is read back from the message the button is on,
  // and the hash in the custom_id proves it is the question the button was made for.
  const question = questionFromEmbeds(request.message.embeds);
  if (!question || hashQuestion(question) !== action.questionHash) return explain(respond, BUTTON_PROBLEMS.stale);
  const check = library.question(question);
  if (!check.ok) return explain(respond, BUTTON_PROBLEMS.stale);

  let articleId: string | undefined;
  if (action.articleRef) {
    articleId = library.articleByRef(action.articleRef)?.id;
    if (!articleId) return explain(respond, BUTTON_PROBLEMS.gone);
  }
  const result = library.ask(check.question, { articleId, alternatives: ALTERNATIVES });
  const payload = renderAnswer(result, { question: check.question, rank: action.rank, articleId });
  // The asker steps through their own answer in place; anyone else gets a private copy to browse,
  // so a shared answer does not change under the feet of the channel.
  const asker = request.message.askerId;
  if (asker && asker !== request.userId && !request.message.ephemeral) {
    await respond.reply(payload, { ephemeral: true });
    return;
  }
  await respond.update(payload);
}

export const command: Command = {
  data,
  execute,
  autocomplete: (request, ctx) => articleChoices(request, ctx.store.current),
  buttons: buttonPresser({ prefix: ASK_PREFIX, parse: parseAskButton, press }),
  rateLimited: true,
};
