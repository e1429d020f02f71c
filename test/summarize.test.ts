import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/types.ts';
import { DEFAULT_SUMMARY_SENTENCES, DEFAULT_TUNING, MAX_SUMMARY_SENTENCES, defaultBudget, summarize, summarizeWith } from '../src/summary/summarize.ts';
import { parseArticle } from '../src/articles/parse.ts';

const SEED_ID = '000_bb9a71c91ac491ea';
const seedText = readFileSync(fileURLToPath(new URL(`../seeds/${SEED_ID}.txt`, import.meta.url)), 'utf8');
const seed = parseArticle(seedText, { id: SEED_ID });

function article(paragraphs: string[], sections: (string | undefined)[] = []): Article {
  return {
    id: 'a',
    title: 't',
    date: null,
    source: 's',
    paragraphs: paragraphs.map((text, i) => (sections[i] === undefined ? { index: i + 1, text } : { index: i + 1, text, section: sections[i] })),
  };
}

const countWords = (s: string[]): number => s.join(' ').split(/\s+/).filter(Boolean).length;

/** Each sentence is in its paragraph, the paragraphs are in order, and so are positions in a paragraph. */
function expectFaithful(a: Article, sentences: string[], paragraphs: number[]): void {
  expect(paragraphs.length).toBe(sentences.length);
  let lastPara = 0;
  let lastPos = -1;
  for (let i = 0; i < sentences.length; i++) {
    const p = a.paragraphs.find((x) => x.index === paragraphs[i]);
    expect(p, `paragraph ${paragraphs[i]}`).toBeDefined();
    const pos = p!.text.indexOf(sentences[i]);
    expect(pos, sentences[i]).toBeGreaterThanOrEqual(0);
    expect(paragraphs[i]).toBeGreaterThanOrEqual(lastPara);
    if (paragraphs[i] === lastPara) expect(pos).toBeGreaterThan(lastPos);
    lastPara = paragraphs[i];
    lastPos = pos;
  }
}

const LONG = [
  'The city council approved a new budget on Monday after months of debate over school funding.',
  'The vote was close, with seven members in favour and six against the plan.',
  'Supporters said the budget protects teachers and keeps libraries open on weekends.',
  '“This is a good day for our children,” said the mayor, who had pushed for the plan.',
  'Opponents warned that the spending would force higher property taxes next year.',
  'The budget takes effect in July and will be reviewed again in the autumn.',
  'Residents can read the full document on the council website from Tuesday.',
  'A public meeting on the new bus routes is planned for next month.',
  'The council also named a new head of its finance committee.',
  'Local businesses welcomed the decision but asked for lower parking fees.',
];

describe('summarize', () => {
  it('exports the sentence limits', () => {
    expect(DEFAULT_SUMMARY_SENTENCES).toBe(3);
    expect(MAX_SUMMARY_SENTENCES).toBe(8);
  });

  it('gives the default number of sentences, whole, from the article, in article order', () => {
    const a = article([LONG.slice(0, 4).join(' '), LONG.slice(4).join(' ')]);
    const s = summarize(a);
    expect(s.article).toBe(a);
    expect(s.sentences.length).toBe(DEFAULT_SUMMARY_SENTENCES);
    expectFaithful(a, s.sentences, s.paragraphs);
    expect(s.words).toBe(countWords(s.sentences));
    for (const x of s.sentences) expect(LONG).toContain(x);
  });

  it('honours a sentence count from 1 to 8, and clamps outside it', () => {
    const a = article(LONG);
    for (let n = 1; n <= MAX_SUMMARY_SENTENCES; n++) {
      const s = summarize(a, { sentences: n, maxWords: 10_000 });
      expect(s.sentences.length).toBe(n);
      expectFaithful(a, s.sentences, s.paragraphs);
    }
    expect(summarize(a, { sentences: 0 }).sentences.length).toBe(1);
    expect(summarize(a, { sentences: 99, maxWords: 10_000 }).sentences.length).toBe(MAX_SUMMARY_SENTENCES);
  });

  it('starts with the lede', () => {
    const s = summarize(article(LONG), { sentences: 1 });
    expect(s.sentences).toEqual([LONG[0]]);
    expect(s.paragraphs).toEqual([1]);
  });

  it('keeps within the word budget, skipping a sentence that would overflow', () => {
    const a = article(LONG);
    for (const maxWords of [20, 30, 45, 60]) {
      const s = summarize(a, { sentences: 5, maxWords });
      expect(s.words).toBeLessThanOrEqual(maxWords);
      expect(s.words).toBe(countWords(s.sentences));
      expectFaithful(a, s.sentences, s.paragraphs);
    }
    // the default budget: 29 words a sentence, at least 50
    expect(defaultBudget(3)).toBe(87);
    expect(defaultBudget(1)).toBe(50);
    expect(summarize(a).words).toBeLessThanOrEqual(defaultBudget(3));
  });

  it('is never empty: with a budget no sentence fits, the shortest sentence is given', () => {
    const s = summarize(article(LONG), { maxWords: 3 });
    expect(s.sentences.length).toBe(1);
    expect(LONG).toContain(s.sentences[0]);
  });

  it('gives every sentence of a short article, and nothing for an empty one', () => {
    const a = article(['Only one sentence here.']);
    expect(summarize(a).sentences).toEqual(['Only one sentence here.']);
    const empty = article([]);
    const s = summarize(empty);
    expect(s.sentences).toEqual([]);
    expect(s.paragraphs).toEqual([]);
    expect(s.words).toBe(0);
  });

  it('prefers a sentence that says something new over one that repeats the lede', () => {
    const a = article([
      'A fire destroyed the old mill in Millbrook on Sunday night, officials said.',
      'The old mill in Millbrook was destroyed by a fire on Sunday night.',
      'Nobody was hurt, and the owners plan to rebuild the mill as a museum.',
    ]);
    const s = summarize(a, { sentences: 2 });
    expect(s.paragraphs).toEqual([1, 3]);
  });

  it('reaches into later sections of an article with subheadings', () => {
    const a = article(
      [...LONG.slice(0, 6), 'Two schools will close in June because of the cuts.', 'Parents plan a protest.'],
      [undefined, undefined, undefined, undefined, undefined, undefined, 'Schools to close', 'Schools to close'],
    );
    const s = summarize(a);
    expect(s.sentences[0]).toBe(LONG[0]);
    expect(s.sentences).toContain('Two schools will close in June because of the cuts.');
    expectFaithful(a, s.sentences, s.paragraphs);
  });

  describe('the seed article', () => {
    const s = summarize(seed);

    it('is summarized faithfully within the default limits', () => {
      expect(s.sentences.length).toBe(DEFAULT_SUMMARY_SENTENCES);
      expectFaithful(seed, s.sentences, s.paragraphs);
      expect(s.words).toBeLessThanOrEqual(defaultBudget(DEFAULT_SUMMARY_SENTENCES));
    });

    it('opens with the lede', () => {
      expect(s.sentences[0]).toMatch(/^Afghanistan has assured Pakistan/);
      expect(s.paragraphs[0]).toBe(1);
    });

    it('tells what happened to the guard: flown to Peshawar', () => {
      expect(s.sentences.some((x) => /Peshawar/.test(x) && /guard/i.test(x))).toBe(true);
    });

    it('tells that the embassy stays open', () => {
      expect(s.sentences.some((x) => /no plans to close the embassy/.test(x))).toBe(true);
    });
  });
});

describe('summarize beyond the first sentences', () => {
  it('reaches past the candidate window when the budget skips the early sentences', () => {
    const long = 'This opening sentence is deliberately long so that it cannot fit in a small budget of words at all. ';
    const paragraphs = [...Array(12)].map(() => long.trim());
    paragraphs.push('Short end one.', 'Short end two.');
    const a = article(paragraphs);
    const s = summarize(a, { sentences: 3, maxWords: 8 });
    expect(s.sentences).toEqual(['Short end one.', 'Short end two.']);
    expect(s.paragraphs).toEqual([13, 14]);
  });
});

describe('summaries of one article, asked for again', () => {
  it('are what a first summary of that article would be, whatever was asked before (sentences are read once per article)', () => {
    const fresh = () => parseArticle(seedText, { id: SEED_ID });
    const reused = fresh();
    // A tuning that marks most sentences as fragments, then other lengths: nothing carries over.
    summarizeWith(reused, {}, { ...DEFAULT_TUNING, minWords: 40 });
    for (const sentences of [5, 1, DEFAULT_SUMMARY_SENTENCES, MAX_SUMMARY_SENTENCES]) {
      expect({ ...summarize(reused, { sentences }), article: null }).toEqual({ ...summarize(fresh(), { sentences }), article: null });
    }
    expect({ ...summarizeWith(reused, {}, { ...DEFAULT_TUNING, minWords: 40 }), article: null }).toEqual({
      ...summarizeWith(fresh(), {}, { ...DEFAULT_TUNING, minWords: 40 }),
      article: null,
    });
  });
});
