import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_LENGTH, checkQuestion } from '../src/search/question.ts';

describe('checkQuestion', () => {
  it('accepts a question and trims it', () => {
    expect(checkQuestion('  Who condemned the attack?\n')).toEqual({ ok: true, question: 'Who condemned the attack?' });
  });
  it('rejects an empty question', () => {
    for (const q of ['', '   ', '\n\t']) {
      const r = checkQuestion(q);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/empty/);
    }
  });
  it(`rejects more than ${MAX_QUESTION_LENGTH} characters and accepts exactly that many`, () => {
    const long = checkQuestion('a'.repeat(MAX_QUESTION_LENGTH - 1) + ' b?');
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error).toMatch(/longer than 300/);
    expect(checkQuestion('embassy '.repeat(40).slice(0, MAX_QUESTION_LENGTH)).ok).toBe(true);
  });
  it('rejects punctuation only', () => {
    const r = checkQuestion('?!… —');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/no words/);
  });
  it('rejects stop words only', () => {
    const r = checkQuestion('What is it?');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/common words/);
  });
  it('answers small talk with a short reply of its own instead of searching it', () => {
    expect(checkQuestion(' thanks! ')).toEqual({ ok: false, error: 'You’re welcome!' });
    const r = checkQuestion('how are you today?');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/only answer questions about the news/);
    expect(checkQuestion('Who did the minister thank?').ok).toBe(true);
  });
  it('accepts numbers and non-English letters as searchable words', () => {
    expect(checkQuestion('1990?').ok).toBe(true);
    expect(checkQuestion('Zürich?').ok).toBe(true);
  });
  it('gives short human sentences', () => {
    for (const q of ['', 'x'.repeat(400), '??', 'who is he']) {
      const r = checkQuestion(q);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^[A-Z].{5,100}\.$/);
    }
  });
});
