import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord.js';
import type { AnswerResult, Article, Match, Summary } from '../types.ts';
import { splitSentences } from '../text/sentences.ts';
import { articleRef, encodeButton, hashQuestion } from './buttons.ts';

/**
 * Answer / NoAnswer / Summary / article list → Discord message payloads, always within Discord's
 * limits. Everything taken from articles or users is escaped (markdown) and neutralised (mentions)
 * here, so nothing the bot sends can break an embed or ping anyone, even if `allowedMentions`
 * were lost on the way.
 */

export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  author: 256,
  /** Sum of title, description, field names and values, footer and author, over all embeds. */
  total: 6000,
  content: 2000,
  buttonLabel: 80,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** How many passages a question offers (the best and this many alternatives). */
export const ALTERNATIVES = 4;
export const ARTICLES_PER_PAGE = 10;

const ELLIPSIS = '…';
const ZWSP = '\u200b';
const COLOR_ANSWER = 0x2f80ed;
const COLOR_WEAK = 0x95a5a6;
const COLOR_SUMMARY = 0x27ae60;

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

// ---------------------------------------------------------------------------------------------
// Text safety

/** Makes `@everyone`, `@here`, `<@id>`, `<@&id>` inert: a zero-width space after every `@`. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@/g, `@${ZWSP}`);
}

/** Undoes `neutraliseMentions` (used to read a question back from a message). */
export function restoreMentions(text: string): string {
  return text.split(`@${ZWSP}`).join('@');
}

const INLINE_MARKUP = /[\\*_~|`]/;
const CHUNK = 64;
const SEGMENT = 96;

/** discord.js `escapeMarkdown`'s inline rules for a short piece, or a long token in bounded pieces. */
function escapeToken(token: string): string {
  if (!INLINE_MARKUP.test(token)) return token;
  if (token.length <= CHUNK) return escapeMarkdown(token);
  let out = '';
  for (let i = 0; i < token.length; i += CHUNK) out += escapeMarkdown(token.slice(i, i + CHUNK));
  return out;
}

/** Text cut at whitespace into runs of at most SEGMENT characters (a longer token is a run of its own). */
function segments(raw: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const token of raw.split(/(\s+)/)) {
    if (current.length + token.length > SEGMENT && current) {
      out.push(current);
      current = '';
    }
    current += token;
  }
  if (current) out.push(current);
  return out;
}

/** The inline rules over the whole text, a bounded segment at a time (linear overall). */
function escapeInline(raw: string): string {
  return segments(raw).map(escapeSegment).join('');
}

/** A segment whole when short; only a single overlong token is longer, and goes in pieces. */
function escapeSegment(segment: string): string {
  if (!INLINE_MARKUP.test(segment)) return segment;
  return segment.length <= SEGMENT ? escapeMarkdown(segment) : escapeToken(segment);
}

/** discord.js `escapeMarkdown`'s line rules (headings, lists, masked links), linear. */
function escapeLines(text: string): string {
  return escapeMarkdown(text, {
    codeBlock: false,
    inlineCode: false,
    bold: false,
    italic: false,
    underline: false,
    strikethrough: false,
    spoiler: false,
    escape: false,
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
}

/**
 * discord.js `escapeMarkdown`, applied so that it stays linear: its italic rule has an unbounded
 * lookbehind and takes seconds on a 40,000-character paragraph. Inline markup (`* _ ~ | \` \\`)
 * is escaped in runs of at most 96 characters cut at whitespace (so a URL or custom emoji, which
 * those lookbehinds look for, stays whole; runs without markup are left alone; a single longer
 * token goes in 64-character pieces), then the line rules (headings, lists, masked links) run once.
 */
export function escapeArticleMarkdown(raw: string): string {
  return escapeLines(escapeInline(raw));
}

/** Article or user text → markdown-safe, mention-safe text. Newlines are kept. */
export function safeText(raw: string): string {
  return neutraliseMentions(escapeArticleMarkdown(raw));
}

/** Drops trailing whitespace and a dangling high surrogate (never split an emoji in half). */
function trimCut(text: string): string {
  let t = text.replace(/\s+$/, '');
  if (/[\uD800-\uDBFF]$/.test(t)) t = t.slice(0, -1);
  return t;
}

/** Cuts raw text so that `render(cut + '…')` fits in `max` (binary search; for cheap renderings). */
function cutToFit(whole: string, max: number, render: (text: string) => string): string {
  // Rendering never shortens text, so only the first max + 1 characters can matter.
  const raw = whole.length > max + 1 ? whole.slice(0, max + 1) : whole;
  if (raw === whole && render(raw).length <= max) return raw;
  let lo = 0;
  let hi = raw.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(trimCut(raw.slice(0, mid)) + ELLIPSIS).length <= max) lo = mid;
    else hi = mid - 1;
  }
  let cut = raw.slice(0, lo);
  const space = cut.search(/\s\S*$/);
  if (space > lo * 0.6) cut = cut.slice(0, space); // prefer a word boundary when it costs little
  cut = trimCut(cut);
  const out = cut + ELLIPSIS;
  return render(out).length <= max ? out : ELLIPSIS;
}

/** The longest prefix of a token whose safe rendering fits in `room` (piece by piece, as escapeToken splits it). */
function cutToken(token: string, room: number): string {
  const render = (t: string) => neutraliseMentions(escapeToken(t));
  let out = '';
  let used = 0;
  for (let i = 0; i < token.length; i += CHUNK) {
    const piece = token.slice(i, i + CHUNK);
    const size = render(piece).length;
    if (used + size <= room) {
      out += piece;
      used += size;
      continue;
    }
    let lo = 0;
    let hi = piece.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (used + render(piece.slice(0, mid)).length <= room) lo = mid;
      else hi = mid - 1;
    }
    return out + piece.slice(0, lo);
  }
  return out;
}

/**
 * Raw text → safe text of at most `max` characters, cut at a word boundary (or inside an overlong
 * word) with an ellipsis. Linear: tokens are escaped once each and accumulated.
 */
export function fitSafe(whole: string, max: number): string {
  if (whole.length <= max) {
    const full = safeText(whole);
    if (full.length <= max) return full;
  }
  const raw = whole.slice(0, max + 1); // escaping never shortens
  const budget = max - ELLIPSIS.length;
  const kept: string[] = [];
  let length = 0;
  // Whole segments while they fit, then token by token within the one that does not.
  let tokens: string[] = [];
  for (const segment of segments(raw)) {
    const e = neutraliseMentions(escapeSegment(segment));
    if (length + e.length > budget) {
      tokens = segment.split(/(\s+)/);
      break;
    }
    kept.push(segment);
    length += e.length;
  }
  let i = 0;
  for (; i < tokens.length; i++) {
    const e = neutraliseMentions(escapeToken(tokens[i]!));
    if (length + e.length > budget) break;
    kept.push(tokens[i]!);
    length += e.length;
  }
  // An overlong token (or a first word that does not fit): cut inside it when a word boundary would waste too much.
  const next = tokens[i];
  if (next !== undefined && length < budget * 0.6) kept.push(cutToken(next, budget - length));
  // The line rules may add a backslash at a line start: drop tokens until it all fits.
  for (;;) {
    const text = trimCut(kept.join(''));
    const out = text ? safeText(text) + ELLIPSIS : ELLIPSIS;
    if (out.length <= max || !text) return out.length <= max ? out : '';
    kept.pop();
  }
}

/** Plain text (no escaping: footers, labels, choice names) of at most `max` characters. */
export function fitPlain(raw: string, max: number): string {
  const flat = raw.replace(/\s+/g, ' ').trim();
  return cutToFit(flat, max, (t) => t);
}

/**
 * Text cut at sentence boundaries to fit `max` after escaping: whole sentences from the start,
 * then an ellipsis; a single over-long first sentence is cut at a word boundary.
 */
export function fitSentences(whole: string, max: number): string {
  if (whole.length <= max) {
    const full = safeText(whole);
    if (full.length <= max) return full;
  }
  // Escaping never shortens text: a sentence beyond the first max characters cannot fit, and the
  // partial one at the cut is never kept (it would need everything before it to fit as well).
  const raw = whole.slice(0, max + 1);
  const sentences = splitSentences(raw);
  let out = '';
  for (const s of sentences) {
    const next = out ? `${out} ${safeText(s)}` : safeText(s);
    if (next.length + 2 > max) break;
    out = next;
  }
  if (out) return `${out} ${ELLIPSIS}`;
  return fitSafe(sentences[0] ?? raw, max);
}

/**
 * The passage with its answering sentence in bold, within `max` characters. When it is too long,
 * whole sentences around the answering one are kept (after it first, then before it) and the cuts
 * are marked with an ellipsis; an answering sentence longer than `max` is itself cut.
 */
export function renderPassage(passage: string, sentence: string, max: number = LIMITS.description): string {
  const answer = sentence.trim();
  const at = answer ? passage.indexOf(answer) : -1;
  if (at < 0) return fitSentences(passage, max);

  const bold = (raw: string) => `**${safeText(raw)}**`;
  if (passage.length + 4 <= max) {
    const whole = `${safeText(passage.slice(0, at))}${bold(answer)}${safeText(passage.slice(at + answer.length))}`;
    if (whole.length <= max) return whole;
  }
  // Only text within `max` characters of the answer can be shown (escaping never shortens), and
  // the partial sentence at such a cut is never kept: this bounds the work on huge paragraphs.
  const before = passage.slice(Math.max(0, at - max), at);
  const after = passage.slice(at + answer.length, at + answer.length + max);

  const pre = splitSentences(before).map(safeText);
  const post = splitSentences(after).map(safeText);
  // The answering sentence alone, cut if needed (room left for ellipses on both sides).
  const core = bold(answer).length + 4 <= max ? bold(answer) : `**${fitSafe(answer, max - 8)}**`;
  const kept = { pre: [] as string[], post: [] as string[] };
  // Joined length of pre + core + post (one space between parts), plus room for the ellipses.
  let joined = core.length;
  const size = (extra: number, preCount: number, postCount: number) =>
    joined + extra + (preCount < pre.length ? 2 : 0) + (postCount < post.length ? 2 : 0);
  let i = 0; // next post sentence to add
  let j = pre.length - 1; // next pre sentence to add
  while (i < post.length || j >= 0) {
    if (i < post.length) {
      const add = post[i]!.length + 1;
      if (size(add, kept.pre.length, kept.post.length + 1) <= max) {
        kept.post.push(post[i]!);
        joined += add;
        i++;
      } else i = post.length; // stop growing this side
    }
    if (j >= 0) {
      const add = pre[j]!.length + 1;
      if (size(add, kept.pre.length + 1, kept.post.length) <= max) {
        kept.pre.push(pre[j]!);
        joined += add;
        j--;
      } else j = -1;
    }
  }
  kept.pre.reverse();
  let text = [...kept.pre, core, ...kept.post].join(' ');
  if (kept.pre.length < pre.length) text = `${ELLIPSIS} ${text}`;
  if (kept.post.length < post.length) text = `${text} ${ELLIPSIS}`;
  return text;
}

// ---------------------------------------------------------------------------------------------
// Limits

/** Characters that count towards Discord's 6000 per message. */
export function embedSize(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Every limit a payload breaks (empty when it fits): used by the tests and as a last check. */
export function limitProblems(payload: { content?: string; embeds?: APIEmbed[]; components?: unknown[] }): string[] {
  const problems: string[] = [];
  if ((payload.content?.length ?? 0) > LIMITS.content) problems.push(`content ${payload.content!.length}`);
  let total = 0;
  for (const e of payload.embeds ?? []) {
    if ((e.title?.length ?? 0) > LIMITS.title) problems.push(`title ${e.title!.length}`);
    if ((e.description?.length ?? 0) > LIMITS.description) problems.push(`description ${e.description!.length}`);
    if ((e.footer?.text.length ?? 0) > LIMITS.footer) problems.push(`footer ${e.footer!.text.length}`);
    if ((e.author?.name.length ?? 0) > LIMITS.author) problems.push(`author ${e.author!.name.length}`);
    if ((e.fields?.length ?? 0) > LIMITS.fields) problems.push(`fields ${e.fields!.length}`);
    for (const f of e.fields ?? []) {
      if (f.name.length > LIMITS.fieldName || f.name.length === 0) problems.push(`field name ${f.name.length}`);
      if (f.value.length > LIMITS.fieldValue || f.value.length === 0) problems.push(`field value ${f.value.length}`);
    }
    total += embedSize(e);
  }
  if (total > LIMITS.total) problems.push(`total ${total}`);
  if ((payload.embeds?.length ?? 0) > 10) problems.push(`embeds ${payload.embeds!.length}`);
  const rows = (payload.components ?? []) as { components?: { custom_id?: string; label?: string }[] }[];
  if (rows.length > 5) problems.push(`rows ${rows.length}`);
  for (const row of rows) {
    if ((row.components?.length ?? 0) > 5) problems.push(`buttons ${row.components!.length}`);
    for (const c of row.components ?? []) {
      if ((c.custom_id?.length ?? 0) > 100) problems.push(`custom_id ${c.custom_id!.length}`);
      if ((c.label?.length ?? 0) > LIMITS.buttonLabel) problems.push(`label ${c.label!.length}`);
    }
  }
  return problems;
}

function safeUrl(url: string | undefined): string | undefined {
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

function field(name: string, value: string, inline = true) {
  return { name: fitPlain(name, LIMITS.fieldName), value: value || '—', inline };
}

/**
 * An embed headed by the article's title (linked when its URL is known). Embeds are plain API
 * objects: EmbedBuilder validates every setter even with validators disabled, which cost a third
 * of each reply's rendering; the limits are kept here (`fitSafe`, `fitPlain`, `limitProblems`).
 */
function articleEmbed(article: Article, color: number): APIEmbed {
  const embed: APIEmbed = { title: fitSafe(article.title || article.id, LIMITS.title), color };
  const url = safeUrl(article.url);
  if (url) embed.url = url;
  return embed;
}

function sourceFields(article: Article) {
  return [field('Source', fitSafe(article.source || article.file || article.id, 200)), field('Date', article.date ? safeText(article.date) : 'Undated')];
}

function row(...buttons: ButtonBuilder[]): APIActionRowComponent<APIComponentInMessageActionRow> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON();
}

// ---------------------------------------------------------------------------------------------
// /ask

/** The passages a result offers, best first: the answer and its alternatives, or the closest ones. */
export function matchesOf(result: AnswerResult): Match[] {
  if (result.kind === 'answer') return [result.best, ...result.alternatives];
  return result.closest ? [result.closest, ...result.alternatives] : [];
}

export const QUESTION_FOOTER_PREFIX = 'Question: ';

/** The question shown in (and recovered from) the footer of an answer embed. */
export function questionFooter(question: string): string {
  return fitPlain(QUESTION_FOOTER_PREFIX + neutraliseMentions(question), LIMITS.footer);
}

/** Reads the question back from an answer message's embed footer. */
export function questionFromEmbeds(embeds: readonly { footer?: { text?: string } | null }[]): string | undefined {
  const text = embeds[0]?.footer?.text;
  if (!text?.startsWith(QUESTION_FOOTER_PREFIX)) return undefined;
  return restoreMentions(text.slice(QUESTION_FOOTER_PREFIX.length));
}

function percent(confidence: number): string {
  const c = Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
  return `${Math.round(c * 100)}%`;
}

export interface AnswerView {
  question: string;
  /** Which of `matchesOf(result)` to show (0 = best). */
  rank?: number;
  /** The article the question was limited to, if any. */
  articleId?: string;
}

export const NO_ANSWER_POINTER = 'See `/articles` for what is loaded, or ask about one article with the `article` option.';

/** The reply to /ask (and to "Next match"). */
export function renderAnswer(result: AnswerResult, view: AnswerView): MessagePayload {
  const matches = matchesOf(result);
  const weak = result.kind === 'none';
  const intro = weak
    ? fitPlain(`I could not find a passage that answers this. ${neutraliseMentions(escapeMarkdown([result.reason, result.suggestion].filter(Boolean).join(' ')))}`, 600)
    : undefined;

  if (matches.length === 0) {
    return { content: `${intro ?? 'Nothing found.'}\n${NO_ANSWER_POINTER}`, embeds: [], components: [] };
  }
  const rank = Math.min(Math.max(0, view.rank ?? 0), matches.length - 1);
  const match = matches[rank]!;
  const { article, paragraph } = match;

  const embed = articleEmbed(article, weak ? COLOR_WEAK : COLOR_ANSWER);
  const position = matches.length > 1 ? ` (${rank + 1} of ${matches.length})` : '';
  embed.author = {
    name: weak ? `Closest passage${position} · low confidence, probably not an answer` : rank === 0 ? `Best match${position}` : `Other match${position}`,
  };
  const fields = [
    ...sourceFields(article),
    field('Paragraph', `Paragraph ${paragraph.index} of ${article.paragraphs.length}${paragraph.section ? ` · ${fitSafe(paragraph.section, 200)}` : ''}`),
    field('Confidence', percent(match.confidence)),
  ];
  const others = matches.map((m, i) => ({ m, i })).filter(({ i }) => i !== rank);
  if (others.length > 0) {
    const lines: string[] = [];
    let used = 0;
    for (const { m, i } of others) {
      const line = `${i + 1}. ${fitSafe(m.article.title || m.article.id, 120)} · ¶${m.paragraph.index} · ${percent(m.confidence)}`;
      if (used + line.length + 1 > LIMITS.fieldValue - 40) {
        lines.push(`… and ${others.length - lines.length} more`);
        break;
      }
      lines.push(line);
      used += line.length + 1;
    }
    fields.push(field(weak ? 'Other near passages' : 'Other matches', lines.join('\n'), false));
  }
  embed.fields = fields;
  embed.footer = { text: questionFooter(view.question) };

  // The passage gets whatever the rest of the message leaves of the 6000.
  const rest = embedSize(embed) + (intro?.length ?? 0);
  embed.description = renderPassage(match.passage, match.sentence, Math.min(LIMITS.description, LIMITS.total - rest - 10));

  // Steps through the passages and wraps around to the best one.
  const next = (rank + 1) % matches.length;
  const buttons = row(
    new ButtonBuilder()
      .setCustomId(
        encodeButton({
          kind: 'ask-next',
          rank: next,
          articleRef: view.articleId ? articleRef(view.articleId) : '',
          questionHash: hashQuestion(view.question),
        }),
      )
      .setLabel('Next match')
      .setStyle(ButtonStyle.Primary)
      .setDisabled(matches.length < 2),
    new ButtonBuilder()
      .setCustomId(encodeButton({ kind: 'ask-context', articleRef: articleRef(article.id), paragraph: paragraph.index }))
      .setLabel('Context')
      .setStyle(ButtonStyle.Secondary),
  );

  return {
    content: weak ? `${intro}\n${NO_ANSWER_POINTER}` : undefined,
    embeds: [embed],
    components: [buttons],
  };
}

/** The "Context" reply: the paragraph with its neighbours. */
export function renderContext(article: Article, paragraphIndex: number, radius = 1): MessagePayload {
  const at = article.paragraphs.findIndex((p) => p.index === paragraphIndex);
  if (at < 0) return { content: 'That paragraph is no longer in the article. Ask again to get fresh buttons.', embeds: [], components: [] };
  const from = Math.max(0, at - radius);
  const to = Math.min(article.paragraphs.length - 1, at + radius);
  const shown = article.paragraphs.slice(from, to + 1);
  const embed = articleEmbed(article, COLOR_WEAK);
  embed.author = { name: `Context: paragraphs ${shown[0]!.index}–${shown[shown.length - 1]!.index} of ${article.paragraphs.length}` };
  embed.fields = sourceFields(article);
  const budget = Math.min(LIMITS.description, LIMITS.total - embedSize(embed) - 10);
  const each = Math.floor(budget / shown.length) - 16;
  const parts = shown.map((p) => {
    const label = p.index === paragraphIndex ? `**▶ ¶${p.index}**` : `**¶${p.index}**`;
    return `${label} ${fitSentences(p.text, each)}`;
  });
  embed.description = parts.join('\n\n');
  return { embeds: [embed], components: [] };
}

// ---------------------------------------------------------------------------------------------
// /summary

export function renderSummary(summary: Summary): MessagePayload {
  const { article } = summary;
  const embed = articleEmbed(article, COLOR_SUMMARY);
  embed.author = { name: 'Summary' };
  embed.fields = [
    ...sourceFields(article),
    field('Length', `${summary.sentences.length} sentence${summary.sentences.length === 1 ? '' : 's'}, ${summary.words} words, from ${article.paragraphs.length} paragraph${article.paragraphs.length === 1 ? '' : 's'}`),
  ];
  embed.footer = { text: fitPlain(`Article id: ${neutraliseMentions(article.id)} · ask about it with /ask article:`, LIMITS.footer) };
  const budget = Math.min(LIMITS.description, LIMITS.total - embedSize(embed) - 10);
  let text = '';
  for (const s of summary.sentences) {
    const piece = safeText(s);
    const next = text ? `${text} ${piece}` : piece;
    if (next.length + 2 > budget) {
      text = text ? `${text} ${ELLIPSIS}` : fitSafe(s, budget);
      break;
    }
    text = next;
  }
  embed.description = text || 'This article has no text to summarise.';
  return { embeds: [embed], components: [] };
}

// ---------------------------------------------------------------------------------------------
// /articles

export function pageCount(total: number, perPage = ARTICLES_PER_PAGE): number {
  return Math.max(1, Math.ceil(total / perPage));
}

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
    const meta = `${a.date ?? 'undated'} · ${a.paragraphs.length} paragraph${a.paragraphs.length === 1 ? '' : 's'} · id ${fitSafe(a.id, 60)}`;
    const title = fitSafe(a.title || a.id, Math.max(20, each - meta.length - 12));
    return `**${n}. ${title}**\n${meta}`;
  });
  const embed: APIEmbed = {
    color: COLOR_ANSWER,
    title: `Articles (${articles.length} loaded, newest first)`,
    description: lines.join('\n'),
    footer: {
      text: `Page ${p + 1} of ${pages}${options.problems ? ` · ${options.problems} file${options.problems === 1 ? '' : 's'} could not be read` : ''}`,
    },
  };
  const components =
    pages > 1
      ? [
          row(
            new ButtonBuilder()
              .setCustomId(encodeButton({ kind: 'articles-page', page: Math.max(0, p - 1), direction: 'prev' }))
              .setLabel('Previous')
              .setStyle(ButtonStyle.Secondary)
              .setDisabled(p === 0),
            new ButtonBuilder()
              .setCustomId(encodeButton({ kind: 'articles-page', page: Math.min(pages - 1, p + 1), direction: 'next' }))
              .setLabel('Next')
              .setStyle(ButtonStyle.Secondary)
              .setDisabled(p >= pages - 1),
          ),
        ]
      : [];
  return { embeds: [embed], components };
}

// ---------------------------------------------------------------------------------------------
// /help and short notices

export function renderHelp(stats: { articles: number; paragraphs: number; cooldown?: { questions: number; seconds: number } }): MessagePayload {
  const cooldown = stats.cooldown && stats.cooldown.questions > 0 ? `\nYou can ask ${stats.cooldown.questions} questions every ${stats.cooldown.seconds} seconds.` : '';
  const embed = new EmbedBuilder()
    .setColor(COLOR_ANSWER)
    .setTitle('Newsdesk: answers from the news, with their source')
    .setDescription(
      [
        `I answer questions with the passage of a news article that answers them, and say where it comes from. ${stats.articles} article${stats.articles === 1 ? '' : 's'} (${stats.paragraphs} paragraphs) are loaded.`,
        '',
        '**/ask** `question` — ask in plain words, e.g. *Who condemned the attack on the embassy?* The answering sentence is in bold; **Next match** shows other passages, **Context** the paragraphs around it. Add `article` to search one article, `hide` to see the reply alone.',
        '**/summary** `[article] [sentences]` — the gist of an article (the newest by default), 1 to 8 sentences.',
        '**/articles** — what is loaded, newest first.',
        '**/help** — this message.',
        '',
        `When nothing answers, I say so and show the closest passage, marked as low confidence.${cooldown}`,
      ].join('\n'),
    );
  return { embeds: [embed.toJSON()], components: [] };
}

/** A short notice (errors, cooldown, bad input): plain content, mention-safe. */
export function notice(text: string): MessagePayload {
  return { content: fitPlain(neutraliseMentions(text), LIMITS.content), embeds: [], components: [] };
}
