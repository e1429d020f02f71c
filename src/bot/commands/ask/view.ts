import { ButtonBuilder, ButtonStyle, escapeMarkdown } from 'discord.js';
import { articleRef } from '../../../library/article-ref.ts';
import type { AnswerResult, Article, Match } from '../../../types.ts';
import { articleEmbed, buttonRow, COLOR_ANSWER, COLOR_WEAK, field, fullTitleLead, sourceFields } from '../../article-embed.ts';
import { embedSize, LIMITS } from '../../limits.ts';
import type { MessagePayload } from '../../payload.ts';
import { fitPlain, fitSafe, fitSentences, neutraliseMentions, renderPassage, restoreMentions } from '../../safe-text.ts';
import { encodeAskButton, hashQuestion } from './buttons.ts';

/** How many passages a question offers (the best and this many alternatives). */
export const ALTERNATIVES = 4;

export const QUESTION_FOOTER_PREFIX = 'Question: ';
export const NO_ANSWER_POINTER = 'See `/articles` for what is loaded, or ask about one article with the `article` option.';

/** How much of an alternative's answering sentence "Other matches" shows. */
const OTHER_SENTENCE = 110;
/** …and of its article's title, when it is not the article shown. */
const OTHER_TITLE = 60;

/** The passages a result offers, best first: the answer and its alternatives, or the closest ones. */
export function matchesOf(result: AnswerResult): Match[] {
  if (result.kind === 'answer') return [result.best, ...result.alternatives];
  return result.closest ? [result.closest, ...result.alternatives] : [];
}

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

/** A confidence as a whole percentage, or undefined when it rounds to 0 (nothing worth printing). */
function percent(confidence: number): string | undefined {
  const c = Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
  const p = Math.round(c * 100);
  return p > 0 ? `${p}%` : undefined;
}

export interface AnswerView {
  question: string;
  /** Which of `matchesOf(result)` to show (0 = best). */
  rank?: number;
  /** The article the question was limited to, if any. */
  articleId?: string;
}

/**
 * One line of "Other matches": what tells an alternative apart from the others, its paragraph
 * and a short cut of its answering sentence, with its article only when that is not the one shown.
 */
function otherLine(m: Match, position: number, shown: Article): string {
  const where = m.article === shown ? `¶${m.paragraph.index}` : `¶${m.paragraph.index} of *${fitSafe(m.article.title || m.article.id, OTHER_TITLE)}*`;
  const confidence = percent(m.confidence);
  return `${position}. ${where}${confidence ? ` · ${confidence}` : ''}: ${fitSafe(m.sentence.trim(), OTHER_SENTENCE)}`;
}

/**
 * The answer's two buttons, made once: a discord.js ButtonBuilder's constructor costs more than
 * all its setters. Each reply sets every field the button has, in the same order, and
 * `buttonRow` copies them out (toJSON) before the next reply.
 */
const nextButton = new ButtonBuilder();
const contextButton = new ButtonBuilder();

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
  const match = matches[rank];
  const { article, paragraph } = match;

  const embed = articleEmbed(article, weak ? COLOR_WEAK : COLOR_ANSWER);
  const position = matches.length > 1 ? ` (${rank + 1} of ${matches.length})` : '';
  embed.author = {
    name: weak ? `Closest passage${position} · low confidence, probably not an answer` : rank === 0 ? `Best match${position}` : `Other match${position}`,
  };
  const confidence = percent(match.confidence);
  const fields = [
    ...sourceFields(article),
    field('Paragraph', `Paragraph ${paragraph.index} of ${article.paragraphs.length}${paragraph.section ? ` · ${fitSafe(paragraph.section, 200)}` : ''}`),
    field('Confidence', confidence ?? 'Under 1%'),
  ];
  const others = matches.map((m, i) => ({ m, i })).filter(({ i }) => i !== rank);
  if (others.length > 0) {
    const lines: string[] = [];
    let used = 0;
    for (const { m, i } of others) {
      const line = otherLine(m, i + 1, article);
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

  // The passage gets whatever the rest of the message leaves of the 6000, after the whole title
  // when the embed's title had to be cut.
  const lead = fullTitleLead(article, match.passage);
  const rest = embedSize(embed) + (intro?.length ?? 0) + lead.length;
  embed.description = lead + renderPassage(match.passage, match.sentence, Math.min(LIMITS.description - lead.length, LIMITS.total - rest - 10));

  // Steps through the passages and wraps around to the best one.
  const next = (rank + 1) % matches.length;
  const buttons = buttonRow(
    nextButton
      .setCustomId(
        encodeAskButton({
          kind: 'next',
          rank: next,
          articleRef: view.articleId ? articleRef(view.articleId) : '',
          questionHash: hashQuestion(view.question),
        }),
      )
      .setLabel('Next match')
      .setStyle(ButtonStyle.Primary)
      .setDisabled(matches.length < 2),
    contextButton
      .setCustomId(encodeAskButton({ kind: 'context', articleRef: articleRef(article.id), paragraph: paragraph.index }))
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
  const range = shown.length === 1 ? `paragraph ${shown[0].index}` : `paragraphs ${shown[0].index}–${shown[shown.length - 1].index}`;
  embed.author = { name: `Context: ${range} of ${article.paragraphs.length}` };
  embed.fields = sourceFields(article);
  const lead = fullTitleLead(article, shown[0].index === 1 ? shown[0].text : '');
  const budget = Math.min(LIMITS.description, LIMITS.total - embedSize(embed) - 10) - lead.length;
  const each = Math.floor(budget / shown.length) - 16;
  const parts = shown.map((p) => {
    const label = p.index === paragraphIndex ? `**▶ ¶${p.index}**` : `**¶${p.index}**`;
    return `${label} ${fitSentences(p.text, each)}`;
  });
  embed.description = lead + parts.join('\n\n');
  return { embeds: [embed], components: [] };
}
