import { SlashCommandBuilder } from 'discord.js';
import type { BotContext, Command } from '../../command.ts';
import type { CommandRequest, Responder } from '../../interaction.ts';
import { renderHelp } from './view.ts';

export const data = new SlashCommandBuilder().setName('help').setDescription('What this bot does and how to ask it.');

export async function execute(_request: CommandRequest, respond: Responder, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  const payload = renderHelp({ articles: library.articles.length, paragraphs: library.paragraphCount, cooldown: ctx.cooldownSettings });
  await respond.reply(payload, { ephemeral: true });
}

export const command: Command = { data, execute };
