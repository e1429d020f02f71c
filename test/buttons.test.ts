import { describe, expect, it } from 'vitest';
import { BUTTON_PROBLEMS, buttonPrefix } from '../src/bot/custom-id.ts';
import { encodeAskButton, hashQuestion, parseAskButton, type AskButton } from '../src/bot/commands/ask/buttons.ts';
import { encodeArticlesButton, parseArticlesButton, type ArticlesPage } from '../src/bot/commands/articles/buttons.ts';
import { articleRef } from '../src/library/article-ref.ts';

describe('custom_id encoding', () => {
  const ask: AskButton[] = [
    { kind: 'next', rank: 3, articleRef: '', questionHash: hashQuestion('Who won?') },
    { kind: 'next', rank: 999, articleRef: articleRef('x'.repeat(500)), questionHash: hashQuestion('q'.repeat(300)) },
    { kind: 'context', articleRef: articleRef('000_bb9a71c91ac491ea'), paragraph: 12 },
    { kind: 'context', articleRef: articleRef('a:b:c'), paragraph: 1 },
  ];
  const pages: ArticlesPage[] = [
    { page: 41, direction: 'next' },
    { page: 0, direction: 'prev' },
  ];

  it.each(ask)('round-trips the /ask button %j within 100 characters', (action) => {
    const id = encodeAskButton(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id).toMatch(/^ask:v1:/);
    expect(parseAskButton(id)).toEqual({ ok: true, action });
  });

  it.each(pages)('round-trips the /articles button %j', (action) => {
    const id = encodeArticlesButton(action);
    expect(id).toMatch(/^articles:v1:/);
    expect(parseArticlesButton(id)).toEqual({ ok: true, action });
  });

  it('reads the custom_ids of buttons on messages sent before the split (format v1 unchanged)', () => {
    expect(parseAskButton('ask:v1:next:2::abcdefghij')).toEqual({ ok: true, action: { kind: 'next', rank: 2, articleRef: '', questionHash: 'abcdefghij' } });
    expect(parseAskButton('ask:v1:next:0:seed-1:abcdefghij')).toEqual({ ok: true, action: { kind: 'next', rank: 0, articleRef: 'seed-1', questionHash: 'abcdefghij' } });
    expect(parseAskButton('ask:v1:ctx:~AAAAAAAAAAAA:7')).toEqual({ ok: true, action: { kind: 'context', articleRef: '~AAAAAAAAAAAA', paragraph: 7 } });
    expect(parseArticlesButton('articles:v1:prev:3')).toEqual({ ok: true, action: { direction: 'prev', page: 3 } });
    expect(encodeAskButton({ kind: 'next', rank: 2, articleRef: '', questionHash: 'abcdefghij' })).toBe('ask:v1:next:2::abcdefghij');
    expect(encodeArticlesButton({ page: 3, direction: 'prev' })).toBe('articles:v1:prev:3');
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
    ['ask', 'malformed'],
    ['ask:v1', 'malformed'],
    ['ask:vX:next', 'malformed'],
    ['ask:v1:next:one::abcdefghij', 'malformed'],
    ['ask:v1:next:1::short', 'malformed'],
    ['ask:v1:next:1000::abcdefghij', 'malformed'],
    ['ask:v1:ctx:art:0', 'malformed'],
    ['ask:v1:ctx::3', 'malformed'],
    ['ask:v1:ctx:art:3:extra', 'malformed'],
    [`ask:v1:ctx:${'a'.repeat(95)}:1`, 'malformed'],
  ])('/ask rejects %s as %s', (id, reason) => {
    expect(parseAskButton(id)).toEqual({ ok: false, reason });
    expect(BUTTON_PROBLEMS[reason as keyof typeof BUTTON_PROBLEMS]).toBeTruthy();
  });

  it.each([
    ['articles:v2:next:1', 'outdated'],
    ['articles:v1:next:-1', 'malformed'],
    ['articles:v1:sideways:1', 'malformed'],
    ['articles:v1:next:1:extra', 'malformed'],
    ['articles:v1:next:10000', 'malformed'],
  ])('/articles rejects %s as %s', (id, reason) => {
    expect(parseArticlesButton(id)).toEqual({ ok: false, reason });
  });

  it('routes by prefix (an unknown prefix belongs to no command: the router calls it foreign)', () => {
    expect(buttonPrefix('ask:v1:ctx:a:1')).toBe('ask');
    expect(buttonPrefix('articles:v1:next:1')).toBe('articles');
    expect(buttonPrefix('plain')).toBe('plain');
    expect(BUTTON_PROBLEMS.foreign).toMatch(/does not belong/);
  });

  it('refuses to encode an id over 100 characters', () => {
    expect(() => encodeAskButton({ kind: 'context', articleRef: 'a'.repeat(120), paragraph: 1 })).toThrow(/100/);
  });
});
