import type { APIEmbed } from 'discord.js';
import type { Article } from '../../../types.ts';
import { COLOR_ANSWER, safeUrl } from '../../article-embed.ts';
import { LIMITS } from '../../limits.ts';
import { pageButtons, pageCount as pagesOf } from '../../paging.ts';
import type { MessagePayload } from '../../payload.ts';
import { plural } from '../../../text/plural.ts';
import { fitSafe } from '../../safe-text.ts';
import { ARTICLES_PREFIX } from './buttons.ts';

export const ARTICLES_PER_PAGE = 10;

export function pageCount(total: number, perPage = ARTICLES_PER_PAGE): number {
  return pagesOf(total, perPage);
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
    // The publisher, when it is more than the file name (fetched articles, sidecars).
    const publisher = a.source && a.source !== `${a.id}.txt` ? `${fitSafe(a.source, 40)} · ` : '';
    const meta = `${publisher}${a.date ?? 'undated'} · ${plural(a.paragraphs.length, 'paragraph')} · id ${fitSafe(a.id, 60)}`;
    const link = markdownLink(a.url, each / 3);
    const title = fitSafe(a.title || a.id, Math.max(20, each - meta.length - 12 - (link ? link.length + 4 : 0)));
    return `**${n}. ${link ? `[${title.replace(/[[\]]/g, '\\$&')}](${link})` : title}**\n${meta}`;
  });
  const embed: APIEmbed = {
    color: COLOR_ANSWER,
    title: `Articles (${articles.length} loaded, newest first)`,
    description: lines.join('\n'),
    footer: {
      text: `Page ${p + 1} of ${pages}${options.problems ? ` · ${plural(options.problems, 'file')} could not be read` : ''}`,
    },
  };
  const components = pageButtons(ARTICLES_PREFIX, p, pages);
  return { embeds: [embed], components };
}

/** The article's URL as a markdown link target (parentheses encoded), when it is safe and short enough. */
function markdownLink(url: string | undefined, max: number): string | undefined {
  const safe = safeUrl(url)?.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return safe && safe.length <= max ? safe : undefined;
}
