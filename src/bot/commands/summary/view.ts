import type { Summary } from '../../../types.ts';
import { articleEmbed, COLOR_SUMMARY, field, fullTitleLead, sourceFields } from '../../article-embed.ts';
import { embedSize, LIMITS } from '../../limits.ts';
import type { MessagePayload } from '../../payload.ts';
import { plural } from '../../../text/plural.ts';
import { ELLIPSIS, fitPlain, fitSafe, neutraliseMentions, safeText } from '../../safe-text.ts';

/** The reply to /summary: the article's key sentences, in its order, as much as fits. */
export function renderSummary(summary: Summary): MessagePayload {
  const { article } = summary;
  const embed = articleEmbed(article, COLOR_SUMMARY);
  embed.author = { name: 'Summary' };
  embed.fields = [
    ...sourceFields(article),
    field('Length', `${plural(summary.sentences.length, 'sentence')}, ${plural(summary.words, 'word')}, from ${plural(article.paragraphs.length, 'paragraph')}`),
  ];
  embed.footer = { text: fitPlain(`Article id: ${neutraliseMentions(article.id)} · ask about it with /ask article:`, LIMITS.footer) };
  const lead = fullTitleLead(article, summary.sentences[0] ?? '');
  const budget = Math.min(LIMITS.description, LIMITS.total - embedSize(embed) - 10) - lead.length;
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
  embed.description = text ? lead + text : 'This article has no text to summarise.';
  return { embeds: [embed], components: [] };
}
