import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { LibraryStore } from '../library/library.ts';
import type { Logger } from '../runtime/log.ts';
import type { ButtonAction } from './buttons.ts';
import type { Cooldown } from './cooldown.ts';

/** What every handler gets: read `store.current` once per interaction. */
export interface BotContext {
  store: LibraryStore;
  log: Logger;
  cooldown: Cooldown;
  /** Defer the reply (deferReply) when the library has more paragraphs than this. */
  deferAbove: number;
  cooldownSettings: { questions: number; seconds: number };
}

/**
 * One slash command (the discord.js guide's command-handler shape): its definition, as
 * registered, and its handlers. The router (interactions.ts) is the only place that catches errors.
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Buttons whose custom_id starts with `<buttonPrefix>:`. */
  buttonPrefix?: string;
  button?(interaction: ButtonInteraction, action: ButtonAction, ctx: BotContext): Promise<void>;
  /** Counts against the per-user cooldown. */
  rateLimited?: boolean;
}
