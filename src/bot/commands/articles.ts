import { SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { BUTTON_PROBLEMS, type ButtonAction } from '../buttons.ts';
import type { BotContext, Command } from '../command.ts';
import { renderArticleList } from '../render.ts';
import { editOptions, explain, replyOptions } from '../reply.ts';

export const data = new SlashCommandBuilder().setName('articles').setDescription('The loaded articles, newest first.');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  await interaction.reply(replyOptions(renderArticleList(library.articles, 0, { problems: library.problems.length })));
}

export async function button(interaction: ButtonInteraction, action: ButtonAction, ctx: BotContext): Promise<void> {
  if (action.kind !== 'articles-page') return explain(interaction, BUTTON_PROBLEMS.malformed);
  const library = ctx.store.current;
  // Out-of-range pages (the library shrank since) are clamped to the last page.
  await interaction.update(editOptions(renderArticleList(library.articles, action.page, { problems: library.problems.length })));
}

export const command: Command = { data, execute, buttonPrefix: 'articles', button };
