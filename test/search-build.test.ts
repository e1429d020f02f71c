import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/articles/parse.ts';
import { Corpus } from '../src/search/corpus.ts';
import { SearchEngine } from '../src/search/engine.ts';
import type { Article } from '../src/types.ts';
import { seededRandom } from './helpers/random.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED_ID = '000_bb9a71c91ac491ea';
const seed = parseArticle(readFileSync(resolve(ROOT, 'seeds', `${SEED_ID}.txt`), 'utf8'), { id: SEED_ID });

/** The seed plus generated articles that reuse its words in other orders and cases. */
function library(): Article[] {
  const rand = seededRandom(7);
  const words = seed.paragraphs.flatMap((p) => p.text.split(/\s+/));
  const articles: Article[] = [seed];
  for (let a = 0; a < 30; a++) {
    const paragraphs = Array.from({ length: 1 + rand.int(6) }, (_, i) => {
      const sentence = () => Array.from({ length: 4 + rand.int(14) }, () => rand.pick(words)).join(' ');
      return { index: i + 1, text: `${sentence()}. ${sentence()}! ${sentence()}?` };
    });
    articles.push({ id: `gen-${a}`, title: `Generated ${a}`, date: null, source: 'test', paragraphs });
  }
  return articles;
}

/** Everything a corpus holds that answering reads. */
function contents(c: Corpus) {
  return {
    tokStart: c.tokStart,
    stems: c.stems,
    flags: c.flags,
    sentStart: c.sentStart,
    sentTok: c.sentTok,
    sentTypes: c.sentTypes,
    headlines: c.articles.map((_, a) => [...c.headlineOf(a)]),
    stemIndex: c.stemIndex,
    prefixIndex: c.prefixIndex,
    articleDf: c.articleDf,
    articleLen: c.articleLen,
    words: c.vocab.wordList,
    freq: c.vocab.wordFreq,
    wordStem: c.vocab.wordStem,
    stems2: c.vocab.stemList,
  };
}

describe('building in slices', () => {
  const articles = library();

  it('gives the same corpus as one build, however small the slices', async () => {
    const whole = Corpus.build(articles);
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    for (const sliceChars of [1, 500, 5_000]) {
      const sliced = await Corpus.buildInSlices(articles, pause, sliceChars);
      expect(contents(sliced)).toEqual(contents(whole));
    }
    // one pause per article at the smallest slices, plus the later stages
    expect(pauses).toBeGreaterThan(articles.length);
  });

  it('answers exactly as the engine built in one go, pausing between its stages', async () => {
    let pauses = 0;
    const sliced = await SearchEngine.buildInSlices(articles, {}, async () => {
      pauses++;
    });
    // the text (one slice here), the two indexes, then the corrector
    expect(pauses).toBe(4);
    const whole = SearchEngine.build(articles);
    for (const q of ['Who was injured in the attack?', 'afghan foregin minister', 'What did the embassy say?']) {
      expect(sliced.answer(q)).toEqual(whole.answer(q));
    }
  });

  it('builds an empty corpus', async () => {
    expect((await Corpus.buildInSlices([], async () => {})).paragraphCount).toBe(0);
  });
});
