import { SlashCommandBuilder } from 'discord.js';
import type { BotContext, Command } from '../../command.ts';
import { buttonPresser } from '../../custom-id.ts';
import type { ButtonRequest, CommandRequest, Responder } from '../../interaction.ts';
import { parsePageButton, type PageTurn } from '../../paging.ts';
import { FEEDS_PREFIX, renderFeedList } from './view.ts';

export const data = new SlashCommandBuilder().setName('feeds').setDescription('The news feeds followed, and how each is doing.');

export async function execute(_request: CommandRequest, respond: Responder, ctx: BotContext): Promise<void> {
  await respond.reply(renderFeedList((await ctx.feeds?.()) ?? [], 0));
}

async function press(action: PageTurn, _request: ButtonRequest, respond: Responder, ctx: BotContext): Promise<void> {
  await respond.update(renderFeedList((await ctx.feeds?.()) ?? [], action.page));
}

export const command: Command = {
  data,
  execute,
  buttons: buttonPresser({ prefix: FEEDS_PREFIX, parse: (customId) => parsePageButton(FEEDS_PREFIX, customId), press }),
};
