import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleFileCache } from '../src/articles/load.ts';
import { watchFolder } from '../src/articles/watch.ts';
import { Library, LibraryStore, openLibrary } from '../src/library/library.ts';
import { reloadLibrary, watchLibrary } from '../src/library/reload.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { askText } from './helpers/ask.ts';
import { useTempDir } from './helpers/tmp.ts';

const ids = (library: Library) => library.articles.map((a) => a.id).sort();

describe('reloadLibrary', () => {
  const tempDir = useTempDir();

  it('adds, updates and removes articles', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-01-01 Alpha story.');
    put('b.txt', 'date 2023-01-02 Beta story.');
    const before = await openLibrary(dir);
    put('a.txt', 'date 2023-01-01 Alpha story, corrected.');
    put('c.txt', 'date 2023-01-03 Gamma story.');
    rmSync(path.join(dir, 'b.txt'));
    const reload = await reloadLibrary(dir, before);
    expect(reload).toMatchObject({ added: ['c'], updated: ['a'], removed: ['b'], kept: [] });
    expect(ids(reload.library!)).toEqual(['a', 'c']);
    expect(reload.library!.article('a')!.paragraphs[0].text).toBe('Alpha story, corrected.');
    expect(ids(before)).toEqual(['a', 'b']);
  });

  it('keeps the summaries of the articles kept, and summarises a changed article anew', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-01-01 The river flooded the old town. Three days of rain came before it.');
    put('b.txt', 'date 2023-01-02 A comet was seen over the harbour. Fishermen saw it first.');
    const before = await openLibrary(dir);
    const kept = before.summarize(before.article('a')!);
    before.summarize(before.article('b')!);
    put('b.txt', 'date 2023-01-02 A meteor was seen over the harbour. Fishermen saw it first.');
    const after = (await reloadLibrary(dir, before)).library!;
    expect(after.summarize(after.article('a')!)).toBe(kept);
    expect(after.findArticles('meteor')).toEqual([after.article('b')]);
    expect(after.summarize(after.article('b')!).sentences.join(' ')).toContain('meteor');
    // the library in service keeps its own answers meanwhile
    expect(before.summarize(before.article('b')!).sentences.join(' ')).toContain('comet');
  });

  it('finds the new version of an article whose title did not change', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-01-01 The river flooded the old town. Three days of rain came before it.');
    put('b.txt', 'date 2023-01-02 A comet was seen over the harbour. Fishermen saw it first.');
    const before = await openLibrary(dir);
    put('a.txt', 'date 2023-01-01 The river flooded the old town. Five days of rain came before it.');
    const after = (await reloadLibrary(dir, before)).library!;
    const found = after.findArticles('river flooded');
    expect(found).toEqual([after.article('a')]);
    expect(found[0]).toBe(after.article('a'));
    expect(found[0]).not.toBe(before.article('a'));
    expect(after.findArticles('rivr')[0]).toBe(after.article('a'));
  });

  it('keeps the last good version of a file that became unusable, and says why', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-01-01 Alpha story.');
    const before = await openLibrary(dir);
    put('a.txt', Buffer.from([0xff, 0xfe, 0x00]));
    const reload = await reloadLibrary(dir, before);
    expect(reload.kept).toEqual([{ file: path.join(dir, 'a.txt'), reason: 'it is not text (it contains NUL bytes)' }]);
    expect(reload.library!.article('a')!.paragraphs[0].text).toBe('Alpha story.');
  });

  it('updates the index rather than rebuilding it, answering as a fresh start on the same files would', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-01-01 The river flooded the old town after three days of rain.');
    put('b.txt', 'date 2023-01-02 A comet was seen over the harbour by fishermen.');
    put('d.txt', 'date 2023-01-04 The mayor opened a new bridge over the river.');
    // enough other articles that a few changes are a small share of the index
    for (let i = 0; i < 20; i++) put(`e${i}.txt`, `date 2023-02-0${1 + (i % 9)} Market report ${i}: prices of wheat and rice rose again.`);
    const cache = new ArticleFileCache();
    const before = await openLibrary(dir, cache);
    put('c.txt', 'date 2023-01-03 Fishermen in the harbour counted seventeen whales.');
    put('b.txt', 'date 2023-01-02 A meteor was seen over the harbour by fishermen.');
    put('d.txt', Buffer.from([0xff, 0xfe, 0x00])); // unusable: its last good version stays
    rmSync(path.join(dir, 'a.txt'));
    const reload = await reloadLibrary(dir, before, cache);
    expect(reload).toMatchObject({ added: ['c'], updated: ['b'], removed: ['a'] });
    const engine = reload.library!.engine;
    expect(engine.corpus.vocab.lexicon).toBe(before.engine.corpus.vocab.lexicon); // updated, not rebuilt
    expect(engine.corpus.articles.map((a) => a.id).slice(0, 3)).toEqual(['b', 'c', 'd']); // in file order
    const fresh = SearchEngine.build(engine.corpus.articles);
    for (const q of ['Who saw the meteor?', 'How many whales?', 'river bridge', 'flooded town', 'comet', 'price of rice']) {
      expect(askText(reload.library!, q)).toEqual(fresh.answer(q));
    }
    // the library made in slices lists and finds articles as one made at once
    const whole = new Library(engine.corpus.articles, reload.library!.problems, fresh);
    expect(reload.library!.articles).toEqual(whole.articles);
    for (const q of ['', 'market', 'harbor', 'fishermen whales', 'report 1']) expect(reload.library!.findArticles(q)).toEqual(whole.findArticles(q));
  });

  it('builds nothing when nothing changed', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'Alpha story.');
    const reload = await reloadLibrary(dir, await openLibrary(dir));
    expect(reload.library).toBeUndefined();
  });
});

describe('watchLibrary', () => {
  const tempDir = useTempDir();

  it('swaps a new library into the store when a file is added, changed or removed', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-01-01 The river flooded the old town.');
    const store = new LibraryStore(await openLibrary(dir));
    const swaps: Library[] = [];
    store.onReplace((library) => swaps.push(library));
    const watch = watchLibrary(dir, store, { debounceMs: 20 });
    try {
      put('b.txt', 'date 2023-02-01 A comet was seen over the harbour.');
      await expect.poll(() => ids(store.current), { timeout: 5000 }).toEqual(['a', 'b']);
      expect(askText(store.current, 'comet harbour').kind).toBe('answer');

      put('b.txt', 'date 2023-02-01 A meteor was seen over the harbour.');
      await expect.poll(() => store.current.article('b')?.paragraphs[0].text, { timeout: 5000 }).toContain('meteor');

      rmSync(path.join(dir, 'a.txt'));
      await expect.poll(() => ids(store.current), { timeout: 5000 }).toEqual(['b']);
      expect(swaps.length).toBeGreaterThanOrEqual(3);
    } finally {
      watch.close();
    }
  });
});

describe('reloading only the files a watch named', () => {
  const tempDir = useTempDir();

  it('reads the named files (a sidecar standing for its article) and trusts the cache for the others', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-01-01 Alpha story.');
    put('b.txt', 'date 2023-01-02 Beta story.');
    const cache = new ArticleFileCache();
    const before = await openLibrary(dir, cache);
    put('a.txt', 'date 2023-01-01 Alpha story, corrected.');
    put('b.meta.json', JSON.stringify({ source: 'Dawn' }));
    put('c.txt', 'date 2023-01-03 Gamma story.');
    const first = await reloadLibrary(dir, before, cache, new Set(['b.meta.json', 'c.txt', '.c.txt.tmp']));
    // a.txt changed too, but the watch did not name it: not looked at
    expect(first).toMatchObject({ added: ['c'], updated: ['b'], removed: [] });
    expect(first.library!.article('b')!.source).toBe('Dawn');
    rmSync(path.join(dir, 'c.txt'));
    const second = await reloadLibrary(dir, first.library!, cache, new Set(['a.txt', 'c.txt']));
    expect(second).toMatchObject({ added: [], updated: ['a'], removed: ['c'] });
    expect(ids(second.library!)).toEqual(['a', 'b']);
    // without names, the whole folder is read as before
    put('d.txt', 'date 2023-01-04 Delta story.');
    expect((await reloadLibrary(dir, second.library!, cache, null)).added).toEqual(['d']);
  });

  it('reads the whole folder when the cache has not read it yet', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-01-01 Alpha story.');
    const before = await openLibrary(dir);
    put('b.txt', 'date 2023-01-02 Beta story.');
    const reload = await reloadLibrary(dir, before, new ArticleFileCache(), new Set(['nothing.txt']));
    expect(reload.added).toEqual(['b']);
  });
});

describe('watchFolder', () => {
  const tempDir = useTempDir();

  it('runs once per burst and never runs two at once', async () => {
    const { dir } = tempDir();
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const watch = watchFolder(
      dir,
      async () => {
        running++;
        overlapped ||= running > 1;
        await new Promise((r) => setTimeout(r, 30));
        running--;
        runs++;
      },
      { debounceMs: 20 },
    );
    try {
      for (let i = 0; i < 20; i++) writeFileSync(path.join(dir, `f${i}.txt`), 'x');
      await expect.poll(() => runs, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      writeFileSync(path.join(dir, 'late.txt'), 'x');
      await expect.poll(() => runs, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
      expect(overlapped).toBe(false);
      expect(runs).toBeLessThan(21);
    } finally {
      watch.close();
    }
  });
});

describe('reloading with an ArticleFileCache', () => {
  const tempDir = useTempDir();

  it('reads again only the files (or sidecars) that changed, keeping the others as they were', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-01-01 Alpha story.');
    put('b.txt', 'date 2023-01-02 Beta story.');
    const cache = new ArticleFileCache();
    const before = await openLibrary(dir, cache);
    put('b.meta.json', JSON.stringify({ source: 'Dawn' }));
    const reload = await reloadLibrary(dir, before, cache);
    expect(reload.updated).toEqual(['b']);
    expect(reload.library!.article('b')!.source).toBe('Dawn');
    // the unchanged article is the very same object: it was not read again
    expect(reload.library!.article('a')).toBe(before.article('a'));
    rmSync(path.join(dir, 'a.txt'));
    const second = await reloadLibrary(dir, reload.library!, cache);
    expect(second.removed).toEqual(['a']);
  });
});
