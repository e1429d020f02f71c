import type { BotContext } from './command.ts';
import type { ButtonRequest, Responder } from './interaction.ts';
import { explain } from './reply.ts';

/**
 * Button state lives in the button's custom_id (at most 100 characters), so a button keeps
 * working after a restart, on any shard and on any HTTP replica: every click redoes its work
 * from the id alone (and the message the button is on). Every custom_id reads
 * `<prefix>:<version>:<fields…>`; the prefix names the command that owns the button (it parses
 * the fields, see each command's buttons.ts), the version lets old buttons be told apart.
 */

export const CUSTOM_ID_MAX = 100;
export const BUTTON_VERSION = 'v1';

/** Short explanations for buttons that cannot be honoured. */
export const BUTTON_PROBLEMS = {
  malformed: 'That button is not one I understand. Try the command again.',
  outdated: 'That button is from an older version of the bot. Ask again to get fresh buttons.',
  foreign: 'That button does not belong to me.',
  stale: 'That button no longer matches its message. Ask again to get fresh buttons.',
  gone: 'That article is no longer loaded. See `/articles` for what is available.',
} as const;

export type ParsedButton<A> = { ok: true; action: A } | { ok: false; reason: 'malformed' | 'outdated' };

/** The prefix a custom_id is routed by (the command that made it). */
export function buttonPrefix(customId: string): string {
  const i = customId.indexOf(':');
  return i < 0 ? customId : customId.slice(0, i);
}

/** `<prefix>:v1:<fields…>`, or an error when it would not fit in a custom_id. */
export function makeCustomId(prefix: string, ...fields: (string | number)[]): string {
  const id = [prefix, BUTTON_VERSION, ...fields].join(':');
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id longer than ${CUSTOM_ID_MAX} characters: ${id.length}`);
  return id;
}

/** The fields of a `<prefix>:v1:…` custom_id, or why it cannot be read. */
export function customIdFields(customId: string, prefix: string): { ok: true; fields: string[] } | { ok: false; reason: 'malformed' | 'outdated' } {
  if (customId.length > CUSTOM_ID_MAX) return { ok: false, reason: 'malformed' };
  const [head, version, ...fields] = customId.split(':');
  if (head !== prefix) return { ok: false, reason: 'malformed' };
  if (version !== BUTTON_VERSION) return { ok: false, reason: /^v\d+$/.test(version ?? '') ? 'outdated' : 'malformed' };
  return { ok: true, fields };
}

/** A whole number of at most six digits and at most `max`, else undefined. */
export function wholeNumber(text: string | undefined, max: number): number | undefined {
  if (text === undefined || !/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/** A command's buttons: how to read their custom_ids and what a press does. */
export interface ButtonSet<A> {
  prefix: string;
  parse(customId: string): ParsedButton<A>;
  press(action: A, request: ButtonRequest, respond: Responder, ctx: BotContext): Promise<void>;
}

/** What the router calls for a custom_id with the set's prefix; an unreadable one is explained. */
export interface ButtonPresser {
  prefix: string;
  press(request: ButtonRequest, respond: Responder, ctx: BotContext): Promise<void>;
}

export function buttonPresser<A>(set: ButtonSet<A>): ButtonPresser {
  return {
    prefix: set.prefix,
    async press(request, respond, ctx) {
      const parsed = set.parse(request.customId);
      if (!parsed.ok) return explain(respond, BUTTON_PROBLEMS[parsed.reason]);
      await set.press(parsed.action, request, respond, ctx);
    },
  };
}
