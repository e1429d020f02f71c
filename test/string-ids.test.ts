import { describe, expect, it } from 'vitest';
import { StringIds } from '../src/search/string-ids.ts';

describe('StringIds', () => {
  it('numbers strings in the order they are first added and finds them by their text', () => {
    const ids = new StringIds();
    expect(ids.add('embassy')).toBe(0);
    expect(ids.add('kabul')).toBe(1);
    expect(ids.add('embassy')).toBe(0);
    expect(ids.get('kabul')).toBe(1);
    expect(ids.get('kabu')).toBe(-1);
    expect(ids.get('kabull')).toBe(-1);
    expect(ids.get('')).toBe(-1);
    expect(ids.size).toBe(2);
  });

  it('keeps every id through growth, for strings of any length, the empty string and non-ASCII text included', () => {
    const ids = new StringIds();
    const words = ['', 'é', 'naïve', 'x'.repeat(20_000)];
    for (let i = 0; i < 50_000; i++) words.push(`w${i.toString(36)}`);
    words.forEach((w, i) => expect(ids.add(w)).toBe(i));
    expect(ids.size).toBe(words.length);
    const wrong = words.filter((w, i) => ids.get(w) !== i);
    expect(wrong).toEqual([]);
    expect(ids.get('x'.repeat(19_999))).toBe(-1);
  });
});
