import { STOP_WORDS } from '../text/stop-words.ts';
import { words } from '../text/words.ts';
import { storyLeadIn } from './query.ts';
import { SMALL_TALK_REPLY, smallTalk } from './small-talk.ts';

/** The longest question accepted (Discord's option is capped at the same length). */
export const MAX_QUESTION_LENGTH = 300;

type QuestionCheck = { ok: true; question: string } | { ok: false; error: string };

/**
 * Trims the question and rejects what cannot be searched: nothing at all, more than
 * MAX_QUESTION_LENGTH characters, small talk ("thanks!", "good morning bot": answered with a
 * short reply of its own, see small-talk.ts), no word that is not a stop word ("?!", "what is it"),
 * or a request for a story that does not say which ("tell me about it").
 */
export function checkQuestion(raw: string): QuestionCheck {
  const question = (raw ?? '').trim();
  if (!question) return { ok: false, error: 'The question is empty.' };
  if (question.length > MAX_QUESTION_LENGTH) {
    return { ok: false, error: `The question is longer than ${MAX_QUESTION_LENGTH} characters.` };
  }
  const talk = smallTalk(question);
  if (talk) return { ok: false, error: SMALL_TALK_REPLY[talk] };
  const tokens = words(question);
  if (tokens.length === 0) return { ok: false, error: 'The question has no words to search for.' };
  if (tokens.every((w) => STOP_WORDS.has(w))) {
    return { ok: false, error: 'The question has only common words; add a name or a key word to search for.' };
  }
  const leadIn = storyLeadIn(question);
  if (leadIn > 0 && words(question.slice(leadIn)).every((w) => STOP_WORDS.has(w))) {
    return { ok: false, error: 'Say which story: name a person, a place or a key word.' };
  }
  return { ok: true, question };
}
