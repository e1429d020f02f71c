import type { APIEmbed } from 'discord.js';
import type { FeedStatus } from '../../../feeds/status.ts';
import { plural } from '../../../text/plural.ts';
import { COLOR_ANSWER, COLOR_WEAK } from '../../article-embed.ts';
import { LIMITS } from '../../limits.ts';
import { pageButtons, pageCount } from '../../paging.ts';
import type { MessagePayload } from '../../payload.ts';
import { fitPlain, fitSafe } from '../../safe-text.ts';

export const FEEDS_PREFIX = 'feeds';
export const FEEDS_PER_PAGE = 10;

/** The reply to /feeds (and its paging buttons): each followed feed and how it is doing. */
export function renderFeedList(feeds: readonly FeedStatus[], page: number, perPage = FEEDS_PER_PAGE): MessagePayload {
  if (feeds.length === 0) {
    return { content: 'No feeds are followed. Set FEEDS or FEEDS_FILE (see .env.example) to follow news feeds.', embeds: [], components: [] };
  }
  const pages = pageCount(feeds.length, perPage);
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = feeds.slice(p * perPage, (p + 1) * perPage);
  const each = Math.floor((LIMITS.description - 20) / perPage);
  const lines = shown.map((feed, i) => feedLines(feed, p * perPage + i + 1, each));
  const failing = feeds.filter((f) => f.lastError).length;
  const embed: APIEmbed = {
    color: failing ? COLOR_WEAK : COLOR_ANSWER,
    title: `Feeds (${feeds.length} followed${failing ? `, ${failing} failing` : ''})`,
    description: lines.join('\n'),
    footer: { text: `Page ${p + 1} of ${pages}` },
  };
  return { embeds: [embed], components: pageButtons(FEEDS_PREFIX, p, pages) };
}

/** One feed in at most `max` characters: its title, when it was last read, what it stored, its last error. */
function feedLines(feed: FeedStatus, n: number, max: number): string {
  const read = feed.lastSuccess ? `last read <t:${Math.floor(Date.parse(feed.lastSuccess) / 1000)}:R>` : 'not read yet';
  const meta = `${read} · ${plural(feed.stored, 'article')} stored`;
  const url = fitPlain(feed.url, 120);
  const error = feed.lastError ? `\n⚠ ${fitSafe(feed.lastError, Math.max(20, max - meta.length - url.length - 60))}` : '';
  const title = fitSafe(feed.title ?? feed.url, Math.max(20, max - meta.length - url.length - error.length - 20));
  return `**${n}. ${title}**\n${url}\n${meta}${error}`;
}
