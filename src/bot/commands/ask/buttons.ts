import { createHash } from 'node:crypto';
import { customIdFields, makeCustomId, wholeNumber, type ParsedButton } from '../../custom-id.ts';

/**
 * /ask's buttons and their custom_ids (format unchanged since v1, so buttons on old messages work):
 *
 *   ask:v1:next:<rank>:<articleRef>:<questionHash>   show the match at <rank> (0 = best)
 *   ask:v1:ctx:<articleRef>:<paragraph>               the paragraphs around <paragraph>
 *
 * <articleRef> is the article id, or `~` and a hash of the id when the id is long or holds ':'
 * (src/library/article-ref.ts; `Library.articleByRef` reads it back). An empty <articleRef> in
 * `next` means the question was asked across all articles. The question itself is too long for a
 * custom_id: "Next match" reads it back from the answer's footer, and <questionHash> proves it is
 * the question the button was made for.
 */

export const ASK_PREFIX = 'ask';

export type AskButton = { kind: 'next'; rank: number; articleRef: string; questionHash: string } | { kind: 'context'; articleRef: string; paragraph: number };

const MAX_RANK = 999;
const REF = /^(?:~[A-Za-z0-9_-]{12}|[^:~][^:]{0,63})$/;
const HASH = /^[A-Za-z0-9_-]{10}$/;

/**
 * A short, stable fingerprint of a question: whitespace-normalised, and blind to the zero-width
 * space the renderer puts after `@` (the question is read back from a mention-safe footer).
 */
export function hashQuestion(question: string): string {
  const normal = question.split('@\u200b').join('@').trim().replace(/\s+/g, ' ');
  return createHash('sha256').update(normal).digest('base64url').slice(0, 10);
}

export function encodeAskButton(button: AskButton): string {
  return button.kind === 'next'
    ? makeCustomId(ASK_PREFIX, 'next', button.rank, button.articleRef, button.questionHash)
    : makeCustomId(ASK_PREFIX, 'ctx', button.articleRef, button.paragraph);
}

export function parseAskButton(customId: string): ParsedButton<AskButton> {
  const read = customIdFields(customId, ASK_PREFIX);
  if (!read.ok) return read;
  const [verb, ...f] = read.fields;
  if (verb === 'next' && f.length === 3) {
    const [rankText, ref = '', questionHash = ''] = f;
    const rank = wholeNumber(rankText, MAX_RANK);
    if (rank !== undefined && (ref === '' || REF.test(ref)) && HASH.test(questionHash)) {
      return { ok: true, action: { kind: 'next', rank, articleRef: ref, questionHash } };
    }
  }
  if (verb === 'ctx' && f.length === 2) {
    const [ref = '', paragraphText] = f;
    const paragraph = wholeNumber(paragraphText, 999_999);
    if (REF.test(ref) && paragraph !== undefined && paragraph >= 1) return { ok: true, action: { kind: 'context', articleRef: ref, paragraph } };
  }
  return { ok: false, reason: 'malformed' };
}
