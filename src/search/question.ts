/** The longest question accepted (Discord's option is capped at the same length). */
export const MAX_QUESTION_LENGTH = 300;

export type QuestionCheck = { ok: true; question: string } | { ok: false; error: string };

/**
 * PLACEHOLDER validation that fixes the API: trims, rejects empty, over-long,
 * and questions with no searchable word.
 */
export function checkQuestion(raw: string): QuestionCheck {
  const question = raw.trim();
  if (!question) return { ok: false, error: 'The question is empty.' };
  if (question.length > MAX_QUESTION_LENGTH) {
    return { ok: false, error: `The question is longer than ${MAX_QUESTION_LENGTH} characters.` };
  }
  if (!/[\p{L}\p{N}]/u.test(question)) return { ok: false, error: 'The question has no words to search for.' };
  return { ok: true, question };
}
