import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/articles/parse.ts';
import type { Ranking } from '../src/search/engine.ts';
import { SearchEngine } from '../src/search/engine.ts';
import type { Article } from '../src/types.ts';
import { seededRandom } from './helpers/random.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED_ID = '000_bb9a71c91ac491ea';
const seed = parseArticle(readFileSync(resolve(ROOT, 'seeds', `${SEED_ID}.txt`), 'utf8'), { id: SEED_ID, file: `/articles/${SEED_ID}.txt` });
const seedWords = seed.paragraphs.flatMap((p) => p.text.split(/\s+/));
/** Rare words that come and go with the articles that hold them (and their typos, asked below). */
const RARE = ['Kilimanjaro', 'Zanzibar', 'quokkas', 'xylophone', 'marmalade', 'tangerines', 'basilica', 'hurricanes', '1987', 'seventeen'];
/** Made-up words, each in an article or two at a time, so that words often leave the corpus. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'dal', 'sor'];
const COINED = Array.from({ length: 64 }, (_, i) => SYLLABLES[i % 8] + SYLLABLES[(i >> 3) % 8] + SYLLABLES[(i * 5 + 3) % 8]);

const QUESTIONS = [
  'Who was injured in the attack?',
  'afghan foregin minister',
  'What did the embassy say?',
  'When was the embassy attacked in Kabul?',
  'How many guards were hurt?',
  'Who condemned the attack on the embassy?',
  'What happened to the security guard?',
  'kilimanjar zanzibr',
  'Where were the quoka seen?',
  'Who played the xylophne in 1987?',
  'marmelade and tangerin',
  'What did the basilca survive?',
  'How many huricanes were there?',
  'seventeen',
  'terrorism',
  ...COINED.slice(0, 12).map((w) => `What about the ${w.slice(1)} and ${w}s?`),
];

type Rand = ReturnType<typeof seededRandom>;

function sentence(rand: Rand): string {
  const word = () => {
    const r = rand.next();
    return r < 0.06 ? rand.pick(RARE) : r < 0.12 ? rand.pick(COINED) : rand.pick(seedWords);
  };
  const words = Array.from({ length: 4 + rand.int(12) }, word);
  return words.join(' ');
}

function paragraphs(rand: Rand, n: number) {
  return Array.from({ length: n }, (_, i) => ({ index: i + 1, text: `${sentence(rand)}. ${sentence(rand)}! ${sentence(rand)}?` }));
}

let made = 0;
function newArticle(rand: Rand): Article {
  const id = `gen-${String(rand.int(1000)).padStart(3, '0')}-${made++}`;
  return { id, file: `/articles/${id}.txt`, title: `Generated ${sentence(rand)}`, date: null, source: 'test', paragraphs: paragraphs(rand, 1 + rand.int(6)) };
}

/** A new version of `a`: a paragraph rewritten, added or dropped, or the title changed. */
function changed(a: Article, rand: Rand): Article {
  const ps = a.paragraphs.map((p) => ({ ...p }));
  const what = rand.int(4);
  if (what === 0 || ps.length === 1) ps[rand.int(ps.length)].text = paragraphs(rand, 1)[0].text;
  else if (what === 1) ps.push(...paragraphs(rand, 1 + rand.int(2)));
  else if (what === 2) ps.splice(rand.int(ps.length), 1);
  else return { ...a, title: `${a.title} (updated)` };
  return { ...a, paragraphs: ps.map((p, i) => ({ ...p, index: i + 1 })) };
}

const byFile = (a: Article, b: Article) => (a.file! < b.file! ? -1 : a.file! > b.file! ? 1 : 0);

/** A query as far as answering goes: its terms without the lexicon's ids (which are only names). */
function comparable(ranking: Ranking | null) {
  if (!ranking) return null;
  const { query, ranked } = ranking;
  return {
    terms: query.terms.map(({ stem, prefix, ...rest }) => ({ ...rest, known: stem >= 0, prefixKnown: prefix >= 0 })),
    sequence: query.sequence,
    mass: query.mass,
    prefixMass: query.prefixMass,
    articleMass: query.articleMass,
    ranked,
  };
}

/** Everything corpus-wide that answering reads, keyed by text rather than by the lexicon's ids. */
function statistics(engine: SearchEngine, words: readonly string[]) {
  const c = engine.corpus;
  const { stemList, prefixList } = c.vocab.lexicon;
  const postings = (index: typeof c.stemIndex, names: readonly string[]) => {
    const out: Record<string, number[]> = {};
    for (let t = 0; t < index.termCount; t++) {
      const a = index.offsets[t],
        b = index.offsets[t + 1];
      if (b > a) out[names[t]] = [...index.docs.subarray(a, b), ...index.tfs.subarray(a, b)];
    }
    return out;
  };
  const articleDf: Record<string, number> = {};
  c.articleDf.forEach((n, t) => {
    if (n > 0) articleDf[stemList[t]] = n;
  });
  const counts = (freq: Float64Array, names: readonly string[]) => {
    const out: Record<string, number> = {};
    freq.forEach((n, i) => {
      if (n > 0) out[names[i]] = n;
    });
    return out;
  };
  return {
    articles: c.articles.map((a) => a.id),
    paragraphs: c.paragraphCount,
    tokens: [...c.stems].map((t) => stemList[t]),
    flags: c.flags,
    tokStart: c.tokStart,
    sentStart: c.sentStart,
    sentTok: c.sentTok,
    sentTypes: c.sentTypes,
    headline: c.articles.map((_, a) => [...c.headlineOf(a)].map((t) => stemList[t]).sort()),
    avgSentenceLen: c.avgSentenceLen,
    stemPostings: postings(c.stemIndex, stemList),
    prefixPostings: postings(c.prefixIndex, prefixList),
    docLen: [c.stemIndex.docLen, c.prefixIndex.docLen],
    avgLen: [c.stemIndex.avgLen, c.prefixIndex.avgLen, c.stemIndex.docCount, c.prefixIndex.docCount],
    articleDf,
    articleLen: c.articleLen,
    avgArticleLen: c.avgArticleLen,
    wordFreq: counts(c.vocab.wordFreq, c.vocab.wordList),
    stemFreq: counts(c.vocab.stemFreq, stemList),
    prefixFreq: counts(c.vocab.prefixFreq, prefixList),
    dictionary: words.map((w) => engine.spell!.frequency(w)),
  };
}

function expectSameAsFresh(engine: SearchEngine, articles: readonly Article[]): void {
  const fresh = SearchEngine.build(articles);
  const lexicons = [engine.corpus.vocab.lexicon, fresh.corpus.vocab.lexicon];
  const words = [...new Set(lexicons.flatMap((l) => [...l.wordList, ...l.stemList]))];
  expect(statistics(engine, words)).toEqual(statistics(fresh, words));
  const scopes: (string | undefined)[] = [undefined, articles[articles.length >> 1]?.id];
  for (const q of QUESTIONS) {
    for (const articleId of scopes) {
      expect(comparable(engine.rank(q, { articleId, limit: 12 }))).toEqual(comparable(fresh.rank(q, { articleId, limit: 12 })));
      expect(engine.answer(q, { articleId })).toEqual(fresh.answer(q, { articleId }));
    }
  }
}

describe('incremental index updates', () => {
  it('answers and counts exactly as a fresh build after random adds, changes and removals', async () => {
    const rand = seededRandom(2026);
    let articles: Article[] = [seed, ...Array.from({ length: 24 }, () => newArticle(rand))].sort(byFile);
    let engine = SearchEngine.build(articles);
    // held, so that each update writes over its arrays (reused, not zeroed) rather than into new ones
    let older: SearchEngine | undefined;
    let spliced = 0;
    let reused = 0;
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    for (let step = 0; step < 30; step++) {
      const next = [...articles];
      for (let op = 0, ops = 1 + (rand.next() < 0.25 ? rand.int(3) : 0); op < ops; op++) {
        const kind = next.length < 3 ? 0 : rand.int(3);
        if (kind === 0) next.push(newArticle(rand));
        else if (kind === 1) {
          const i = rand.int(next.length);
          next[i] = changed(next[i], rand);
        } else next.splice(rand.int(next.length), 1);
      }
      next.sort(byFile);
      const before = engine;
      const answersBefore = QUESTIONS.map((q) => before.answer(q));
      const olderArrays = older?.corpus.arrays();
      engine = await before.update(next, pause);
      if (engine.corpus.vocab.lexicon === before.corpus.vocab.lexicon) spliced++;
      if (olderArrays && engine.corpus.stemIndex.docs.buffer === olderArrays['stems.docs'].buffer) reused++;
      expectSameAsFresh(engine, next);
      // the engine in service before the update still answers as it did
      expect(QUESTIONS.map((q) => before.answer(q))).toEqual(answersBefore);
      articles = next;
      older = before;
    }
    expect(spliced).toBeGreaterThan(20);
    expect(reused).toBeGreaterThan(10);
    expect(pauses).toBeGreaterThan(30);
  });

  it('forgets a word for spelling correction once no article holds it', async () => {
    const rand = seededRandom(5);
    const other = newArticle(rand);
    const rare: Article = {
      id: 'rare',
      file: '/articles/rare.txt',
      title: 'Mountains',
      date: null,
      source: 'test',
      paragraphs: [{ index: 1, text: 'Climbers reached the summit of Aconcagua at dawn.' }],
    };
    const engine = SearchEngine.build([other, seed].sort(byFile));
    const withRare = await engine.update([other, rare, seed].sort(byFile), async () => {});
    expect(withRare.spell!.correct('aconcgua')?.word).toBe('aconcagua');
    expect(withRare.answer('When was the summit of aconcgua reached?')).toMatchObject({ kind: 'answer', best: { article: { id: 'rare' } } });
    const without = await withRare.update([other, seed].sort(byFile), async () => {});
    expect(without.corpus.vocab.lexicon).toBe(withRare.corpus.vocab.lexicon); // updated, not rebuilt
    expect(without.spell!.correct('aconcgua')).toBeNull();
    expect(without.corpus.vocab.lookup('aconcagua')).toBeUndefined();
    expect(withRare.spell!.correct('aconcgua')?.word).toBe('aconcagua'); // the older engine is unchanged
  });

  it('reuses the arrays of the engine two updates back, which then answers as the newer one', async () => {
    const rand = seededRandom(11);
    const base = [seed, newArticle(rand), newArticle(rand), newArticle(rand)].sort(byFile);
    const grown = [...base, newArticle(rand)].sort(byFile);
    const noPause = async () => {};
    const first = SearchEngine.build(base);
    const arrays = first.corpus.arrays();
    const second = await first.update(grown, noPause);
    const third = await second.update(base, noPause);
    // the same length as the first's: the copy went into its buffers
    expect(third.corpus.stems.buffer).toBe(arrays.stems.buffer);
    expect(third.corpus.stemIndex.docs.buffer).toBe(arrays['stems.docs'].buffer);
    expectSameAsFresh(third, base);
    expectSameAsFresh(second, grown);
    // the first engine is retired: a caller still holding it gets the second's answers, never a half-written index
    expect(first.corpus).toBe(second.corpus);
    for (const q of QUESTIONS) expect(first.answer(q)).toEqual(second.answer(q));
    expectSameAsFresh(await first.update(base, noPause), base);
  });

  it('reads an added or removed article longer than a piece in parts, counting as a fresh build', async () => {
    const rand = seededRandom(19);
    // many articles, so that the long one is a small enough share to be added by an update, not a rebuild
    const base = [seed, ...Array.from({ length: 200 }, () => newArticle(rand))].sort(byFile);
    const long: Article = { ...newArticle(rand), paragraphs: paragraphs(rand, 170) };
    expect(long.paragraphs.reduce((n, p) => n + p.text.length, 0)).toBeGreaterThan(16_000);
    const grown = [...base, long].sort(byFile);
    const before = SearchEngine.build(base);
    const added = await before.update(grown, async () => {});
    expect(added.corpus.vocab.lexicon).toBe(before.corpus.vocab.lexicon); // updated, not rebuilt
    expectSameAsFresh(added, grown);
    const removed = await added.update(base, async () => {});
    expect(removed.corpus.vocab.lexicon).toBe(before.corpus.vocab.lexicon);
    expectSameAsFresh(removed, base);
  });

  it('answers as fresh builds when questions alternate between an engine and the one updated from it, which share scratch space', async () => {
    const rand = seededRandom(17);
    const base = [seed, newArticle(rand), newArticle(rand)].sort(byFile);
    const grown = [...base, newArticle(rand), newArticle(rand)].sort(byFile);
    const before = SearchEngine.build(base);
    const after = await before.update(grown, async () => {});
    const [freshBefore, freshAfter] = [SearchEngine.build(base), SearchEngine.build(grown)];
    // misspelt questions leave the context scorer's scores to be cleared by the next question, whichever engine asks it
    for (const q of QUESTIONS) {
      expect(before.answer(q)).toEqual(freshBefore.answer(q));
      expect(after.answer(q)).toEqual(freshAfter.answer(q));
      expect(after.answer(q, { articleId: seed.id })).toEqual(freshAfter.answer(q, { articleId: seed.id }));
      expect(before.answer(q, { articleId: seed.id })).toEqual(freshBefore.answer(q, { articleId: seed.id }));
    }
  });

  it('hands its arrays to one engine updated from it, not to two updated from it at once', async () => {
    const rand = seededRandom(23);
    const base = [seed, newArticle(rand), newArticle(rand), newArticle(rand)].sort(byFile);
    const [one, other] = [[...base, newArticle(rand)].sort(byFile), [...base, newArticle(rand)].sort(byFile)];
    const noPause = async () => {};
    const first = SearchEngine.build(base);
    const arrays = first.corpus.arrays();
    const [a, b] = await Promise.all([first.update(one, noPause), first.update(other, noPause)]);
    const [aNext, bNext] = [await a.update(base, noPause), await b.update(base, noPause)];
    expect(aNext.corpus.stems.buffer).toBe(arrays.stems.buffer);
    expect(bNext.corpus.stems.buffer).not.toBe(arrays.stems.buffer);
    expectSameAsFresh(aNext, base);
    expectSameAsFresh(bNext, base);
  });

  it('updates an engine built in slices, then rebuilds into the buffers of the retired one, answering as fresh builds', async () => {
    const rand = seededRandom(13);
    const base = [seed, newArticle(rand), newArticle(rand), newArticle(rand)].sort(byFile);
    const grown = [...base, newArticle(rand)].sort(byFile);
    const reordered = [...base].reverse();
    const noPause = async () => {};
    const first = await SearchEngine.buildInSlices(base, {}, noPause);
    const answersBefore = QUESTIONS.map((q) => first.answer(q));
    const arrays = first.corpus.arrays();
    // its first update has no retired engine: it writes into buffers reserved at the build
    const second = await first.update(grown, noPause);
    expect(second.corpus.stemIndex.docs.buffer).not.toBe(arrays['stems.docs'].buffer);
    expectSameAsFresh(second, grown);
    expect(QUESTIONS.map((q) => first.answer(q))).toEqual(answersBefore);
    // kept articles in another order: a full build, into the first engine's buffers
    const third = await second.update(reordered, noPause);
    expect(third.corpus.vocab.lexicon).not.toBe(second.corpus.vocab.lexicon);
    expect(third.corpus.stemIndex.docs.buffer).toBe(arrays['stems.docs'].buffer);
    expectSameAsFresh(third, reordered);
    expectSameAsFresh(second, grown);
  });

  it('returns the same engine when no article changed, and rebuilds when the order of the articles changed', async () => {
    const rand = seededRandom(9);
    const articles = [seed, newArticle(rand), newArticle(rand)];
    const engine = SearchEngine.build(articles);
    expect(await engine.update([...articles], async () => {})).toBe(engine);
    const reordered = await engine.update([...articles].reverse(), async () => {});
    expect(reordered.corpus.vocab.lexicon).not.toBe(engine.corpus.vocab.lexicon);
    expectSameAsFresh(reordered, [...articles].reverse());
  });
});
