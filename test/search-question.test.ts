import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_LENGTH, checkQuestion } from '../src/search/question.ts';
import { storyLeadIn } from '../src/search/query.ts';

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
  it('asks which story when a request for one does not say', () => {
    for (const q of ['tell me about it', 'Any news on this?']) {
      const r = checkQuestion(q);
      expect(r.ok, q).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^Say which story/);
    }
    expect(checkQuestion('tell me about the guard').ok).toBe(true);
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

describe('storyLeadIn', () => {
  it.each([
    ['tell me about the guard', 'tell me about'],
    ['  Can you please tell me more about the attack?', '  Can you please tell me more about'],
    ['any news on the ambassador?', 'any news on'],
    ['Is there any new information about the embassy?', 'Is there any new information about'],
    ["what's the latest on the Kabul embassy attack?", "what's the latest on"],
    ['What is happening in Kabul?', 'What is happening in'],
    ['what happened to the guard?', 'what happened to'],
    ['News about terrorism', 'News about'],
  ])('%j starts with the lead-in %j', (question, leadIn) => {
    expect(question.slice(0, storyLeadIn(question))).toBe(leadIn);
  });

  it.each(['What happened after the attack?', 'Who told the minister about the attack?', 'What news agency reported it?', 'Why did the news surprise them?', 'tell me'])(
    '%j has none',
    (question) => {
      expect(storyLeadIn(question)).toBe(0);
    },
  );
});
