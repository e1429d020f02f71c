import { describe, expect, it } from 'vitest';
import { TitleIndex } from '../src/library/titles.ts';
import type { Article } from '../src/types.ts';

function article(id: string, title: string): Article {
  return { id, title, date: null, source: `${id}.txt`, paragraphs: [{ index: 1, text: 'Text.' }] };
}

const index = new TitleIndex([
  article('storm', 'Storm hits the coast of Pakistan'),
  article('kabul', 'Afghanistan has assured Pakistan it will bring the attackers to justice'),
  article('coast', 'Coastal towns brace for the storm'),
]);

describe('TitleIndex', () => {
  it('scores exact words best and typo-ed words worse, every word required', () => {
    const exact = index.fuzzy('pakistan justice');
    expect(exact.map((m) => m.article.id)).toEqual(['kabul']);
    const typo = index.fuzzy('pakistn justise');
    expect(typo.map((m) => m.article.id)).toEqual(['kabul']);
    expect(typo[0].score).toBeGreaterThan(exact[0].score);
    expect(index.fuzzy('pakistan weather')).toEqual([]);
    expect(index.fuzzy('  ')).toEqual([]);
  });

  it('ranks titles by how well they match, ties in index order', () => {
    expect(index.fuzzy('storm').map((m) => m.article.id)).toEqual(['storm', 'coast']);
    expect(index.fuzzy('coast').map((m) => m.article.id)).toEqual(['storm', 'coast']);
  });

  it('takes literal matches of title or id first, then fuzzy ones when few', () => {
    expect(index.literal('COAST', 5).map((a) => a.id)).toEqual(['storm', 'coast']);
    expect(index.find('kabul', 5).map((a) => a.id)).toEqual(['kabul']);
    // "afganistan" is one letter from "afghanistan" and still within fuse.js's reach of "pakistan"
    expect(index.find('afganistan', 5).map((a) => a.id)).toEqual(['kabul', 'storm']);
    expect(index.find('afganistan', 1).map((a) => a.id)).toEqual(['kabul']);
    expect(index.find('', 2).map((a) => a.id)).toEqual(['storm', 'kabul']);
  });
});
