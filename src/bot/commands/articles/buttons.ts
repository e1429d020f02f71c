import type { ParsedButton } from '../../custom-id.ts';
import { encodePageButton, parsePageButton, type PageTurn } from '../../paging.ts';

/**
 * /articles' paging buttons (format unchanged since v1):
 *
 *   articles:v1:<prev|next>:<page>   the article list at <page> (0-based)
 */

export const ARTICLES_PREFIX = 'articles';

export type ArticlesPage = PageTurn;

export function encodeArticlesButton(button: ArticlesPage): string {
  return encodePageButton(ARTICLES_PREFIX, button);
}

export function parseArticlesButton(customId: string): ParsedButton<ArticlesPage> {
  return parsePageButton(ARTICLES_PREFIX, customId);
}
