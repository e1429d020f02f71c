import { customIdFields, makeCustomId, wholeNumber, type ParsedButton } from '../../custom-id.ts';

/**
 * /articles' paging buttons (format unchanged since v1):
 *
 *   articles:v1:<prev|next>:<page>   the article list at <page> (0-based)
 */

export const ARTICLES_PREFIX = 'articles';

export interface ArticlesPage {
  page: number;
  direction: 'prev' | 'next';
}

const MAX_PAGE = 9999;

export function encodeArticlesButton(button: ArticlesPage): string {
  return makeCustomId(ARTICLES_PREFIX, button.direction, button.page);
}

export function parseArticlesButton(customId: string): ParsedButton<ArticlesPage> {
  const read = customIdFields(customId, ARTICLES_PREFIX);
  if (!read.ok) return read;
  const [direction, pageText, ...extra] = read.fields;
  const page = wholeNumber(pageText, MAX_PAGE);
  if ((direction !== 'prev' && direction !== 'next') || page === undefined || extra.length > 0) return { ok: false, reason: 'malformed' };
  return { ok: true, action: { page, direction } };
}
