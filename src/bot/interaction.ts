import type { APIApplicationCommandOptionChoice, APIEmbed } from 'discord.js';
import type { MessagePayload } from './payload.ts';

/**
 * What the command handlers see of an interaction, whichever way it came (a discord.js object
 * from the Gateway, or a raw APIInteraction posted to the HTTP endpoint): the request (what was
 * asked, by whom, where) and a Responder (how to answer). Handlers are written once against these;
 * src/bot/gateway.ts and src/bot/http-dispatcher.ts adapt each transport to them.
 */

/** A slash command's option values by name (flat: the bot's commands have no subcommands). */
export class CommandOptions {
  constructor(private readonly values: ReadonlyMap<string, string | number | boolean> = new Map()) {}

  /** From the API's option list (`data.options`), as both transports carry it. */
  static from(options: readonly { name: string; value?: unknown }[] | undefined): CommandOptions {
    const values = new Map<string, string | number | boolean>();
    for (const o of options ?? []) {
      if (typeof o.value === 'string' || typeof o.value === 'number' || typeof o.value === 'boolean') values.set(o.name, o.value);
    }
    return new CommandOptions(values);
  }

  string(name: string): string | null {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : null;
  }

  integer(name: string): number | null {
    const v = this.values.get(name);
    return typeof v === 'number' && Number.isInteger(v) ? v : null;
  }

  boolean(name: string): boolean | null {
    const v = this.values.get(name);
    return typeof v === 'boolean' ? v : null;
  }
}

interface RequestBase {
  /** The interaction's id (for logs). */
  id: string;
  userId: string;
  /** null in a DM. */
  guildId: string | null;
}

export interface CommandRequest extends RequestBase {
  kind: 'command';
  commandName: string;
  options: CommandOptions;
}

export interface AutocompleteRequest extends RequestBase {
  kind: 'autocomplete';
  commandName: string;
  options: CommandOptions;
  /** The option being typed in, and what has been typed so far. */
  focused: { name: string; value: string };
}

/** The message a button is on: what its handler may read back. */
export interface ButtonMessage {
  embeds: readonly APIEmbed[];
  ephemeral: boolean;
  /** Who ran the command that made the message, when Discord says. */
  askerId?: string;
}

export interface ButtonRequest extends RequestBase {
  kind: 'button';
  customId: string;
  message: ButtonMessage;
}

/** Anything else (select menus, modals, context menus): not the bot's. */
export interface OtherRequest extends RequestBase {
  kind: 'other';
  type: number;
}

export type BotRequest = CommandRequest | AutocompleteRequest | ButtonRequest | OtherRequest;

export type Choice = APIApplicationCommandOptionChoice<string>;

/**
 * How a handler answers, as Discord allows: one first response (`reply`, `defer`, `update`,
 * `deferUpdate`, or `autocomplete`), then `editReply` / `deleteReply` / `followUp`.
 */
export interface Responder {
  /** Answers a button press (so `update` and a deferral refer to the message the button is on). */
  readonly button: boolean;
  /** A deferral (type 5 or 6) was sent and not yet followed by the answer. */
  readonly deferred: boolean;
  /** A message was sent (type 4 or 7). */
  readonly replied: boolean;
  /** The reply (or its "thinking…" placeholder) is visible to the user alone. */
  readonly ephemeral: boolean;
  reply(payload: MessagePayload, options?: { ephemeral?: boolean }): Promise<void>;
  defer(options?: { ephemeral?: boolean }): Promise<void>;
  /** Buttons: replace the message the button is on. */
  update(payload: MessagePayload): Promise<void>;
  /** Buttons: acknowledge now, `editReply` the message later. */
  deferUpdate(): Promise<void>;
  editReply(payload: MessagePayload): Promise<void>;
  deleteReply(): Promise<void>;
  followUp(payload: MessagePayload, options?: { ephemeral?: boolean }): Promise<void>;
  autocomplete(choices: readonly Choice[]): Promise<void>;
}
