import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { FeedStatus } from '../feeds/status.ts';
import type { LibraryStore } from '../library/library.ts';
import type { Logger } from '../runtime/log.ts';
import type { Cooldown } from './cooldown.ts';
import type { ButtonPresser } from './custom-id.ts';
import type { AutocompleteRequest, Choice, CommandRequest, Responder } from './interaction.ts';

/** What every handler gets: read `store.current` once per interaction. */
export interface BotContext {
  store: LibraryStore;
  log: Logger;
  cooldown: Cooldown;
  /** Defer the reply when the library has more paragraphs than this. */
  deferAbove: number;
  cooldownSettings: { questions: number; seconds: number };
  /** The followed feeds and how each is doing (/feeds); absent when the bot follows none. */
  feeds?: () => Promise<FeedStatus[]>;
}

/**
 * One slash command: its definition, as registered, and its handlers, written against the
 * transport-neutral request and responder (src/bot/interaction.ts), so the Gateway and the HTTP
 * endpoint run the same code. The router (interactions.ts) is the only place that catches errors.
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(request: CommandRequest, respond: Responder, ctx: BotContext): Promise<void>;
  /** The choices for the option being typed in (at most 25). */
  autocomplete?(request: AutocompleteRequest, ctx: BotContext): Promise<readonly Choice[]> | readonly Choice[];
  /** The command's buttons: those whose custom_id starts with `<prefix>:`. */
  buttons?: ButtonPresser;
  /** Counts against the per-user cooldown. */
  rateLimited?: boolean;
}
