import { createHash } from 'node:crypto';

/**
 * Button state lives in the button's custom_id (at most 100 characters), so a button keeps
 * working after a restart and on any shard: every click redoes its work from the id alone
 * (plus, for "Next match", the question, which is recovered from the message the button is on).
 *
 *   ask:v1:next:<rank>:<articleRef>:<questionHash>   show the match at <rank> (0 = best)
 *   ask:v1:ctx:<articleRef>:<paragraph>               the paragraphs around <paragraph>
 *   articles:v1:<prev|next>:<page>                     the article list at <page> (0-based)
 *
 * <articleRef> is the article id, or `~` and a hash of the id when the id is long or holds ':'
 * (src/library/article-ref.ts; the library reads it back).
 * An empty <articleRef> in `next` means the question was asked across all articles.
 */

export const CUSTOM_ID_MAX = 100;
export const BUTTON_VERSION = 'v1';

export type ButtonAction =
  | { kind: 'ask-next'; rank: number; articleRef: string; questionHash: string }
  | { kind: 'ask-context'; articleRef: string; paragraph: number }
  | { kind: 'articles-page'; page: number; direction: 'prev' | 'next' };

export type ParsedButton =
  | ({ ok: true } & ButtonAction)
  | { ok: false; reason: 'malformed' | 'outdated' | 'foreign' };

const MAX_RANK = 999;
const MAX_PAGE = 9999;

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/**
 * A short, stable fingerprint of a question: whitespace-normalised, and blind to the zero-width
 * space the renderer puts after `@` (the question is read back from a mention-safe footer).
 */
export function hashQuestion(question: string): string {
  return digest(question.split('@\u200b').join('@').trim().replace(/\s+/g, ' '), 10);
}

function checked(id: string): string {
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id longer than ${CUSTOM_ID_MAX} characters: ${id.length}`);
  return id;
}

export function encodeButton(action: ButtonAction): string {
  switch (action.kind) {
    case 'ask-next':
      return checked(`ask:${BUTTON_VERSION}:next:${action.rank}:${action.articleRef}:${action.questionHash}`);
    case 'ask-context':
      return checked(`ask:${BUTTON_VERSION}:ctx:${action.articleRef}:${action.paragraph}`);
    case 'articles-page':
      return checked(`articles:${BUTTON_VERSION}:${action.direction}:${action.page}`);
  }
}

function int(text: string | undefined, max: number): number | undefined {
  if (text === undefined || !/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

const REF = /^(?:~[A-Za-z0-9_-]{12}|[^:~][^:]{0,63})$/;

/** The prefix a custom_id is routed by (the command that made it). */
export function buttonPrefix(customId: string): string {
  const i = customId.indexOf(':');
  return i < 0 ? customId : customId.slice(0, i);
}

export function parseButton(customId: string): ParsedButton {
  if (customId.length > CUSTOM_ID_MAX) return { ok: false, reason: 'malformed' };
  const parts = customId.split(':');
  const [prefix, version, verb] = parts;
  if (prefix !== 'ask' && prefix !== 'articles') return { ok: false, reason: 'foreign' };
  if (version !== BUTTON_VERSION) return { ok: false, reason: /^v\d+$/.test(version ?? '') ? 'outdated' : 'malformed' };

  if (prefix === 'ask' && verb === 'next' && parts.length === 6) {
    const rank = int(parts[3], MAX_RANK);
    const ref = parts[4] ?? '';
    const questionHash = parts[5] ?? '';
    if (rank === undefined || (ref !== '' && !REF.test(ref)) || !/^[A-Za-z0-9_-]{10}$/.test(questionHash)) {
      return { ok: false, reason: 'malformed' };
    }
    return { ok: true, kind: 'ask-next', rank, articleRef: ref, questionHash };
  }
  if (prefix === 'ask' && verb === 'ctx' && parts.length === 5) {
    const ref = parts[3] ?? '';
    const paragraph = int(parts[4], 999_999);
    if (!REF.test(ref) || paragraph === undefined || paragraph < 1) return { ok: false, reason: 'malformed' };
    return { ok: true, kind: 'ask-context', articleRef: ref, paragraph };
  }
  if (prefix === 'articles' && (verb === 'prev' || verb === 'next') && parts.length === 4) {
    const page = int(parts[3], MAX_PAGE);
    if (page === undefined) return { ok: false, reason: 'malformed' };
    return { ok: true, kind: 'articles-page', page, direction: verb };
  }
  return { ok: false, reason: 'malformed' };
}

/** Short explanations for buttons that cannot be honoured. */
export const BUTTON_PROBLEMS = {
  malformed: 'That button is not one I understand. Try the command again.',
  outdated: 'That button is from an older version of the bot. Ask again to get fresh buttons.',
  foreign: 'That button does not belong to me.',
  stale: 'That button no longer matches its message. Ask again to get fresh buttons.',
  gone: 'That article is no longer loaded. See `/articles` for what is available.',
} as const;
