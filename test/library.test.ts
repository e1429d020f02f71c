import { describe, expect, it } from 'vitest';
import { Library, LibraryStore, NoArticlesError, openLibrary } from '../src/library/library.ts';
import type { Article } from '../src/types.ts';
import { useTempDir } from './helpers/tmp.ts';

function article(id: string, title: string, date: string | null): Article {
  return { id, title, date, source: `${id}.txt`, paragraphs: [{ index: 1, text: `${title} happened today.` }] };
}

const articles = [
  article('storm', 'Storm hits the coast of Pakistan', '2023-01-02'),
  article('markets', 'Markets fall as inflation rises in Europe', '2024-05-01'),
  article('undated', 'Elections called in Spain', null),
  article('kabul', 'Afghanistan has assured Pakistan it will bring the attackers to justice', '2022-12-03'),
];

describe('Library', () => {
  const library = new Library(articles);

  it('orders articles newest first, undated last', () => {
    expect(library.articles.map((a) => a.id)).toEqual(['markets', 'storm', 'kabul', 'undated']);
    expect(library.newest()?.id).toBe('markets');
    expect(library.paragraphCount).toBe(4);
  });

  it('finds articles by title words fuzzily, every word must match', () => {
    expect(library.findArticles('inflaton europe').map((a) => a.id)).toEqual(['markets']);
    expect(library.findArticles('pakistan').map((a) => a.id).sort()).toEqual(['kabul', 'storm']);
    expect(library.findArticles('pakistan storm').map((a) => a.id)).toEqual(['storm']);
    expect(library.findArticles('weather')).toEqual([]);
  });

  it('puts literal matches first, newest first, then fuzzy ones; answers a repeated query from memory', () => {
    expect(library.findArticles('Pakistan').map((a) => a.id)).toEqual(['storm', 'kabul']);
    expect(library.findArticles('pakistn', 1).map((a) => a.id)).toHaveLength(1);
    expect(library.findArticles('spain')).toBe(library.findArticles('  SPAIN '));
  });

  it('summarizes an article once per sentence count', () => {
    const kabul = library.article('kabul')!;
    expect(library.summarize(kabul, { sentences: 1 })).toBe(library.summarize(kabul, { sentences: 1 }));
    expect(library.summarize(kabul, { sentences: 1 }).sentences).toEqual(['Afghanistan has assured Pakistan it will bring the attackers to justice happened today.']);
  });

  it('lists the newest articles for an empty query, within the limit', () => {
    expect(library.findArticles('  ', 2).map((a) => a.id)).toEqual(['markets', 'storm']);
  });

  it('resolves an id, a title in any case, or a clear fuzzy match; not an ambiguous or loose one', () => {
    expect(library.resolveArticle('storm')?.id).toBe('storm');
    expect(library.resolveArticle('ELECTIONS CALLED IN SPAIN')?.id).toBe('undated');
    expect(library.resolveArticle('afganistan justice')?.id).toBe('kabul');
    expect(library.resolveArticle('mark')?.id).toBe('markets');
    expect(library.resolveArticle('pakistan')).toBeUndefined();
    expect(library.resolveArticle('weather in london')).toBeUndefined();
    expect(library.resolveArticle('')).toBeUndefined();
  });
});

describe('LibraryStore', () => {
  it('swaps the whole library at once and tells listeners', () => {
    const first = new Library(articles.slice(0, 1));
    const second = new Library(articles);
    const store = new LibraryStore(first);
    const seen: Library[] = [];
    const stop = store.onReplace((lib) => seen.push(lib));
    const held = store.current;
    store.replace(second);
    expect(held.articles).toHaveLength(1);
    expect(store.current).toBe(second);
    expect(seen).toEqual([second]);
    stop();
    store.replace(first);
    expect(seen).toEqual([second]);
  });
});

describe('openLibrary', () => {
  const tempDir = useTempDir();

  it('is a clear error when no article can be loaded', async () => {
    const { dir, put } = tempDir();
    put('bad.txt', 'date 2023-02-30 Bad.');
    await expect(openLibrary(dir)).rejects.toThrow(NoArticlesError);
    await expect(openLibrary(dir)).rejects.toThrow(/No article could be loaded from .*bad\.txt: the date 2023-02-30 does not exist/);
  });

  it('keeps serving the good articles and remembers the problems', async () => {
    const { dir, put } = tempDir();
    put('good.txt', 'A good article.');
    put('bad.txt', '');
    const library = await openLibrary(dir);
    expect(library.articles.map((a) => a.id)).toEqual(['good']);
    expect(library.problems).toEqual([{ file: expect.stringMatching(/bad\.txt$/), reason: 'it is empty' }]);
  });
});
