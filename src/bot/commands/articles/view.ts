import { ButtonBuilder, ButtonStyle, type APIEmbed } from 'discord.js';
import type { Article } from '../../../types.ts';
import { buttonRow, COLOR_ANSWER } from '../../article-embed.ts';
import { LIMITS } from '../../limits.ts';
import type { MessagePayload } from '../../payload.ts';
import { plural } from '../../../text/plural.ts';
import { fitSafe } from '../../safe-text.ts';
import { encodeArticlesButton } from './buttons.ts';

export const ARTICLES_PER_PAGE = 10;

export function pageCount(total: number, perPage = ARTICLES_PER_PAGE): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** The reply to /articles (and its paging buttons): the loaded articles, newest first. */
export function renderArticleList(articles: readonly Article[], page: number, options: { problems?: number; perPage?: number } = {}): MessagePayload {
  const perPage = options.perPage ?? ARTICLES_PER_PAGE;
  if (articles.length === 0) {
    return { content: 'No articles are loaded yet.', embeds: [], components: [] };
  }
  const pages = pageCount(articles.length, perPage);
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = articles.slice(p * perPage, (p + 1) * perPage);
  const each = Math.floor((LIMITS.description - 20) / perPage);
  const lines = shown.map((a, i) => {
    const n = p * perPage + i + 1;
    const meta = `${a.date ?? 'undated'} · ${plural(a.paragraphs.length, 'paragraph')} · id ${fitSafe(a.id, 60)}`;
    const title = fitSafe(a.title || a.id, Math.max(20, each - meta.length - 12));
    return `**${n}. ${title}**\n${meta}`;
  });
  const embed: APIEmbed = {
    color: COLOR_ANSWER,
    title: `Articles (${articles.length} loaded, newest first)`,
    description: lines.join('\n'),
    footer: {
      text: `Page ${p + 1} of ${pages}${options.problems ? ` · ${plural(options.problems, 'file')} could not be read` : ''}`,
    },
  };
  const components =
    pages > 1
      ? [
          buttonRow(
            new ButtonBuilder()
              .setCustomId(encodeArticlesButton({ page: Math.max(0, p - 1), direction: 'prev' }))
              .setLabel('Previous')
              .setStyle(ButtonStyle.Secondary)
              .setDisabled(p === 0),
            new ButtonBuilder()
              .setCustomId(encodeArticlesButton({ page: Math.min(pages - 1, p + 1), direction: 'next' }))
              .setLabel('Next')
              .setStyle(ButtonStyle.Secondary)
              .setDisabled(p >= pages - 1),
          ),
        ]
      : [];
  return { embeds: [embed], components };
}
