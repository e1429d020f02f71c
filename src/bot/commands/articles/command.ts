import { SlashCommandBuilder } from 'discord.js';
import type { BotContext, Command } from '../../command.ts';
import { buttonPresser } from '../../custom-id.ts';
import type { ButtonRequest, CommandRequest, Responder } from '../../interaction.ts';
import { ARTICLES_PREFIX, parseArticlesButton, type ArticlesPage } from './buttons.ts';
import { renderArticleList } from './view.ts';

export const data = new SlashCommandBuilder().setName('articles').setDescription('The loaded articles, newest first.');

export async function execute(_request: CommandRequest, respond: Responder, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  await respond.reply(renderArticleList(library.articles, 0, { problems: library.problems.length }));
}

async function press(action: ArticlesPage, _request: ButtonRequest, respond: Responder, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  // Out-of-range pages (the library shrank since) are clamped to the last page.
  await respond.update(renderArticleList(library.articles, action.page, { problems: library.problems.length }));
}

export const command: Command = { data, execute, buttons: buttonPresser({ prefix: ARTICLES_PREFIX, parse: parseArticlesButton, press }) };
