import { COLOR_ANSWER } from '../../article-embed.ts';
import type { MessagePayload } from '../../payload.ts';
import { plural } from '../../../text/plural.ts';

/** The reply to /help: what the bot does, its commands, what is loaded and the cooldown. */
export function renderHelp(stats: { articles: number; paragraphs: number; cooldown?: { questions: number; seconds: number } }): MessagePayload {
  const { cooldown } = stats;
  const limit = cooldown && cooldown.questions > 0 ? `\nYou can ask ${plural(cooldown.questions, 'question')} every ${plural(cooldown.seconds, 'second')}.` : '';
  const loaded = `${plural(stats.articles, 'article')} (${plural(stats.paragraphs, 'paragraph')}) ${stats.articles === 1 ? 'is' : 'are'} loaded.`;
  const description = [
    `I answer questions with the passage of a news article that answers them, and say where it comes from. ${loaded}`,
    '',
    '**/ask** `question` — ask in plain words, e.g. *Who condemned the attack on the embassy?* The answering sentence is in bold; **Next match** shows other passages, **Context** the paragraphs around it. Add `article` to search one article, `hide` to see the reply alone.',
    '**/summary** `[article] [sentences]` — the gist of an article (the newest by default), 1 to 8 sentences.',
    '**/articles** — what is loaded, newest first.',
    '**/help** — this message.',
    '',
    `When nothing answers, I say so and show the closest passage, marked as low confidence.${limit}`,
  ].join('\n');
  return { embeds: [{ color: COLOR_ANSWER, title: 'Newsdesk: answers from the news, with their source', description }], components: [] };
}
