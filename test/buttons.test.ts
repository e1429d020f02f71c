import { describe, expect, it } from 'vitest';
import { BUTTON_PROBLEMS, buttonPrefix, encodeButton, hashQuestion, parseButton, type ButtonAction } from '../src/bot/buttons.ts';
import { articleRef } from '../src/library/article-ref.ts';

describe('custom_id encoding', () => {
  const actions: ButtonAction[] = [
    { kind: 'ask-next', rank: 3, articleRef: '', questionHash: hashQuestion('Who won?') },
    { kind: 'ask-next', rank: 999, articleRef: articleRef('x'.repeat(500)), questionHash: hashQuestion('q'.repeat(300)) },
    { kind: 'ask-context', articleRef: articleRef('000_bb9a71c91ac491ea'), paragraph: 12 },
    { kind: 'ask-context', articleRef: articleRef('a:b:c'), paragraph: 1 },
    { kind: 'articles-page', page: 41, direction: 'next' },
    { kind: 'articles-page', page: 0, direction: 'prev' },
  ];

  it.each(actions)('round-trips %j within 100 characters', (action) => {
    const id = encodeButton(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id).toMatch(/^(ask|articles):v1:/);
    expect(parseButton(id)).toEqual({ ok: true, ...action });
  });

  it('names short article ids directly and long or awkward ones by hash', () => {
    expect(articleRef('000_bb9a71c91ac491ea')).toBe('000_bb9a71c91ac491ea');
    expect(articleRef('x'.repeat(65))).toMatch(/^~[A-Za-z0-9_-]{12}$/);
    expect(articleRef('a:b')).toMatch(/^~/);
    expect(articleRef('~tilde')).toMatch(/^~/);
  });

  it('hashes questions stably, ignoring spacing and neutralised mentions', () => {
    expect(hashQuestion('Who  won the\tmatch? ')).toBe(hashQuestion('Who won the match?'));
    expect(hashQuestion('Who won?')).not.toBe(hashQuestion('Who lost?'));
    expect(hashQuestion('hi @\u200beveryone')).toBe(hashQuestion('hi @everyone'));
    expect(hashQuestion('x')).toMatch(/^[A-Za-z0-9_-]{10}$/);
  });

  it.each([
    ['ask:v2:next:1::abcdefghij', 'outdated'],
    ['other:v1:x', 'foreign'],
    ['', 'foreign'],
    ['ask', 'malformed'],
    ['ask:v1', 'malformed'],
    ['ask:vX:next', 'malformed'],
    ['ask:v1:next:one::abcdefghij', 'malformed'],
    ['ask:v1:next:1::short', 'malformed'],
    ['ask:v1:next:1000::abcdefghij', 'malformed'],
    ['ask:v1:ctx:art:0', 'malformed'],
    ['ask:v1:ctx::3', 'malformed'],
    ['ask:v1:ctx:art:3:extra', 'malformed'],
    ['articles:v1:next:-1', 'malformed'],
    ['articles:v1:sideways:1', 'malformed'],
    [`ask:v1:ctx:${'a'.repeat(95)}:1`, 'malformed'],
  ])('rejects %s as %s', (id, reason) => {
    expect(parseButton(id)).toEqual({ ok: false, reason });
    expect(BUTTON_PROBLEMS[reason as keyof typeof BUTTON_PROBLEMS]).toBeTruthy();
  });

  it('routes by prefix', () => {
    expect(buttonPrefix('ask:v1:ctx:a:1')).toBe('ask');
    expect(buttonPrefix('articles:v1:next:1')).toBe('articles');
    expect(buttonPrefix('plain')).toBe('plain');
  });

  it('refuses to encode an id over 100 characters', () => {
    expect(() => encodeButton({ kind: 'ask-context', articleRef: 'a'.repeat(120), paragraph: 1 })).toThrow(/100/);
  });
});
