import { ActionRowBuilder, type ButtonBuilder, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed } from 'discord.js';
import type { Article } from '../types.ts';
import { LIMITS } from './limits.ts';
import { fitPlain, fitSafe, safeText } from './safe-text.ts';

/** The pieces the views share: colours, the article header, its source fields, a row of buttons. */

export const COLOR_ANSWER = 0x2f80ed;
export const COLOR_WEAK = 0x95a5a6;
export const COLOR_SUMMARY = 0x27ae60;

/** An embed title longer than this (a lede standing in for a missing headline) is cut at a word. */
export const READABLE_TITLE = 100;

/** The URL when it is fit to link to (http(s), no credentials or `@`, not over-long), else undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 2048) return undefined;
  try {
    const u = new URL(url);
    // No credentials or mention-like text in a link target (an `@` has no business in a news URL's text).
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.href.includes('@') || u.href.length > 2048 ? undefined : u.href;
  } catch {
    return undefined;
  }
}

export function field(name: string, value: string, inline = true) {
  return { name: fitPlain(name, LIMITS.fieldName), value: value || '—', inline };
}

/**
 * What every view shows of an article whatever the question (its fitted title, link, source and
 * date), worked out on its first rendering and kept while the article lives: article objects
 * never change once loaded (a changed file is read into a new one).
 */
interface ArticleHeader {
  title: string;
  url: string | undefined;
  /** The whole title in italics when the embed's title had to be cut (see `fullTitleLead`), else ''. */
  lead: string;
  source: string;
  date: string;
}

const headers = new WeakMap<Article, ArticleHeader>();

function headerOf(article: Article): ArticleHeader {
  let header = headers.get(article);
  if (!header) {
    const title = article.title.trim();
    header = {
      title: fitSafe(article.title || article.id, READABLE_TITLE),
      url: safeUrl(article.url),
      lead: safeText(title).length <= READABLE_TITLE ? '' : `*${fitSafe(title, 2 * LIMITS.title)}*\n\n`,
      source: fitSafe(article.source || article.file || article.id, 200),
      date: article.date ? safeText(article.date) : 'Undated',
    };
    headers.set(article, header);
  }
  return header;
}

/**
 * An embed headed by the article's title (linked when its URL is known), cut at a word boundary
 * within READABLE_TITLE characters; `fullTitle` then gives the whole title for the description.
 * Embeds are plain API objects: EmbedBuilder validates every setter even with validators disabled,
 * which cost a third of each reply's rendering; the limits are kept here (`fitSafe`, `fitPlain`,
 * `limitProblems`).
 */
export function articleEmbed(article: Article, color: number): APIEmbed {
  const { title, url } = headerOf(article);
  const embed: APIEmbed = { title, color };
  if (url) embed.url = url;
  return embed;
}

/**
 * When the embed's title had to be cut: the whole title in italics, to open the description with
 * (else ''), so nothing of a long lede is lost. Not repeated when `shown`, the raw text the
 * description shows, already starts with it.
 */
export function fullTitleLead(article: Article, shown = ''): string {
  const { lead } = headerOf(article);
  return lead && !shown.trimStart().startsWith(article.title.trim()) ? lead : '';
}

export function sourceFields(article: Article) {
  const { source, date } = headerOf(article);
  return [field('Source', source), field('Date', date)];
}

export function buttonRow(...buttons: ButtonBuilder[]): APIActionRowComponent<APIComponentInMessageActionRow> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON();
}
