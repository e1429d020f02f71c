import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext, Command } from '../command.ts';
import { renderHelp } from '../render.ts';
import { replyOptions } from '../reply.ts';

export const data = new SlashCommandBuilder().setName('help').setDescription('What this bot does and how to ask it.');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const library = ctx.store.current;
  const payload = renderHelp({ articles: library.articles.length, paragraphs: library.paragraphCount, cooldown: ctx.cooldownSettings });
  await interaction.reply(replyOptions(payload, true));
}

export const command: Command = { data, execute };
