import { createHash } from 'node:crypto';

/** Ids up to this long, without ':' and not starting with '~', name themselves. */
const MAX_DIRECT_REF = 64;

/**
 * How an article is named where space is short (a button's custom_id, an autocomplete choice's
 * 100-character value): its id, or `~` and 12 characters of a hash of the id when the id is long
 * or holds ':' (or starts with '~'). `Library.articleByRef` reads it back.
 */
export function articleRef(articleId: string): string {
  if (articleId.length > 0 && articleId.length <= MAX_DIRECT_REF && !articleId.includes(':') && !articleId.startsWith('~')) {
    return articleId;
  }
  return `~${createHash('sha256').update(articleId).digest('base64url').slice(0, 12)}`;
}

/** A hashed reference (`~` and 12 characters), as opposed to an id. */
export function isHashedRef(text: string): boolean {
  return /^~[A-Za-z0-9_-]{12}$/.test(text);
}
