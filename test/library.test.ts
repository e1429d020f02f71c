import { describe, expect, it } from 'vitest';
import { articleRef } from '../src/library/article-ref.ts';
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
    expect(
      library
        .findArticles('pakistan')
        .map((a) => a.id)
        .sort(),
    ).toEqual(['kabul', 'storm']);
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
    const id = (query: string) => {
      const lookup = library.resolveArticle(query);
      return lookup.ok ? lookup.article.id : lookup.problem;
    };
    expect(id('storm')).toBe('storm');
    expect(id('ELECTIONS CALLED IN SPAIN')).toBe('undated');
    expect(id('afganistan justice')).toBe('kabul');
    expect(id('mark')).toBe('markets');
    expect(id('weather in london')).toBe('unknown');
    expect(id('')).toBe('unknown');
    expect(library.resolveArticle('  pakistan ')).toEqual({ ok: false, problem: 'ambiguous', query: 'pakistan', candidates: [library.article('storm'), library.article('kabul')] });
  });

  it('names fuzzy near-ties as ambiguous, best first', () => {
    const twins = new Library([article('a', 'Flood warning for the valley', null), article('b', 'Flood warnings for the valleys', null)]);
    const lookup = twins.resolveArticle('flod warnin');
    expect(lookup).toMatchObject({ ok: false, problem: 'ambiguous', query: 'flod warnin' });
    expect(lookup.ok === false && lookup.problem === 'ambiguous' && lookup.candidates.map((a) => a.id).sort()).toEqual(['a', 'b']);
  });

  it('finds an article by its id or by the hashed reference buttons carry, and nothing by a guess', () => {
    const long = article('l'.repeat(200), 'A long id', null);
    const odd = article('a:b', 'An id with a colon', null);
    const refs = new Library([...articles, long, odd]);
    expect(refs.articleByRef('storm')?.id).toBe('storm');
    expect(refs.articleByRef(articleRef(long.id))?.id).toBe(long.id);
    expect(refs.articleByRef(articleRef('a:b'))?.id).toBe('a:b');
    expect(refs.articleByRef('~AAAAAAAAAAAA')).toBeUndefined();
    expect(refs.articleByRef('Storm')).toBeUndefined();
    expect(refs.resolveArticle(articleRef(long.id))).toEqual({ ok: true, article: long });
  });

  it('checks questions once, with a reason a person can act on', () => {
    expect(library.question('  Who condemned the attack?\n')).toEqual({ ok: true, question: 'Who condemned the attack?' });
    for (const q of ['', '   ', '?!', 'what is it', 'x'.repeat(301)]) {
      const check = library.question(q);
      expect(check.ok).toBe(false);
      if (!check.ok) {
        expect(check.problem).toBe('rejected');
        expect(check.error).toMatch(/\.$/);
      }
    }
  });

  it('gives the same answer again for the same question and options, with its sentences as plain fields', () => {
    const check = library.question('Did inflation rise in Europe?');
    if (!check.ok) throw new Error(check.error);
    const first = library.ask(check.question);
    expect(first.kind).toBe('answer');
    if (first.kind !== 'answer') return;
    expect(first.best.article.id).toBe('markets');
    expect(Object.getOwnPropertyDescriptor(first.best, 'sentence')?.value).toBe('Markets fall as inflation rises in Europe happened today.');
    expect(library.ask(check.question)).toBe(first);
    expect(first).toEqual(library.engine.answer(check.question));
    // another scope or number of alternatives is another answer
    const scoped = library.ask(check.question, { articleId: 'storm' });
    expect(scoped).not.toBe(first);
    expect(scoped.kind === 'answer' ? scoped.best.article.id : scoped.closest?.article.id).not.toBe('markets');
    expect(library.ask(check.question, { alternatives: 0 }).alternatives).toEqual([]);
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
