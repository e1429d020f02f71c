import { ButtonBuilder, ButtonStyle, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import { buttonRow } from './article-embed.ts';
import { customIdFields, makeCustomId, wholeNumber, type ParsedButton } from './custom-id.ts';

/**
 * Previous / Next buttons for a list shown a page at a time (/articles, /feeds):
 *
 *   <prefix>:v1:<prev|next>:<page>   the list at <page> (0-based)
 */
export interface PageTurn {
  page: number;
  direction: 'prev' | 'next';
}

const MAX_PAGE = 9999;

export function encodePageButton(prefix: string, turn: PageTurn): string {
  return makeCustomId(prefix, turn.direction, turn.page);
}

export function parsePageButton(prefix: string, customId: string): ParsedButton<PageTurn> {
  const read = customIdFields(customId, prefix);
  if (!read.ok) return read;
  const [direction, pageText, ...extra] = read.fields;
  const page = wholeNumber(pageText, MAX_PAGE);
  if ((direction !== 'prev' && direction !== 'next') || page === undefined || extra.length > 0) return { ok: false, reason: 'malformed' };
  return { ok: true, action: { page, direction } };
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** The Previous / Next row for page `page` of `pages` (none when everything fits on one page). */
export function pageButtons(prefix: string, page: number, pages: number): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  if (pages <= 1) return [];
  return [
    buttonRow(
      new ButtonBuilder()
        .setCustomId(encodePageButton(prefix, { page: Math.max(0, page - 1), direction: 'prev' }))
        .setLabel('Previous')
        .setStyle(ButtonStyle.Secondary)
        .setDisabled(page === 0),
      new ButtonBuilder()
        .setCustomId(encodePageButton(prefix, { page: Math.min(pages - 1, page + 1), direction: 'next' }))
        .setLabel('Next')
        .setStyle(ButtonStyle.Secondary)
        .setDisabled(page >= pages - 1),
    ),
  ];
}
