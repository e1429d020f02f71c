import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/articles/parse.ts';
import { TRUST_SIGNALS, trustScore } from '../src/search/confidence.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { English, english } from '../src/search/english.ts';
import { ANSWERABLE_MODEL, TRUST_MODEL } from '../src/search/tuning.ts';
import type { Article } from '../src/types.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED_ID = '000_bb9a71c91ac491ea';
const seed = parseArticle(readFileSync(resolve(ROOT, 'seeds', `${SEED_ID}.txt`), 'utf8'), { id: SEED_ID });
const engine = SearchEngine.build([seed]);

function article(id: string, paragraphs: string[]): Article {
  return { id, title: id, date: null, source: id, paragraphs: paragraphs.map((text, i) => ({ index: i + 1, text })) };
}

describe('the English model (src/search/english.txt)', () => {
  it('knows English words, how common they are, and related stems', () => {
    const en = english();
    expect(en.has('thanks')).toBe(true);
    expect(en.has('fonalist')).toBe(false);
    // everyday words are common, specialised ones rare, names unknown
    expect(en.zipf('today')).toBeGreaterThan(en.zipf('embassy'));
    expect(en.zipf('embassy')).toBeGreaterThan(0);
    expect(en.zipf('nizamani')).toBe(0);
    expect(en.related('shut').near).toContain('close');
    expect(en.related('lawyer').far).toContain('solicitor');
    expect(en.related('nizamani')).toEqual({ near: [], far: [] });
  });

  it('parses its text format', () => {
    const en = English.parse('# comment\nz 52 cat dog\nz 0 felid\nr cat feline,kitti anim\nr dog - anim\n');
    expect(en.size).toBe(3);
    expect(en.zipf('cat')).toBe(5.2);
    expect(en.has('felid')).toBe(true);
    expect(en.zipf('felid')).toBe(0);
    expect(en.related('cat')).toEqual({ near: ['feline', 'kitti'], far: ['anim'] });
    expect(en.related('dog')).toEqual({ near: [], far: ['anim'] });
  });
});

describe('trust: answers, abstentions and what the confidence means', () => {
  it('has one model weight per signal', () => {
    expect(TRUST_MODEL.weights).toHaveLength(TRUST_SIGNALS.length);
    expect(ANSWERABLE_MODEL.weights).toHaveLength(TRUST_SIGNALS.length);
    expect(trustScore(TRUST_SIGNALS.map(() => 0))).toBeGreaterThan(0);
    expect(trustScore(TRUST_SIGNALS.map(() => 0))).toBeLessThan(1);
  });

  it('does not take a real English word the articles lack as evidence once corrected (soft spell guard)', () => {
    // "insured" is English and the article lacks it: still corrected to "injured" for ranking, but no evidence
    const insured = engine.rank('Who was insured?')!.query.terms.find((t) => t.word === 'insured');
    expect(insured?.corrected).toBe('injured');
    expect(insured?.evidence).toBe(0);
    // a typo (not an English word) of a word the article has is corrected and counts in full
    const typo = engine.rank('Who sumoned the Afghan Charge d’affaires?')!.query.terms.find((t) => t.word === 'sumoned');
    expect(typo?.corrected).toBe('summoned');
    expect(typo?.evidence).toBe(1);
    const r = engine.answer('Who sumoned the Afghan Charge d’affaires?');
    expect(r.kind).toBe('answer');
    if (r.kind === 'answer') expect(r.best.passage).toContain('summoned the Afghan Charge d');
    // words no article has are named when it abstains
    const none = engine.answer('Where do reindeers live?');
    expect(none.kind).toBe('none');
    if (none.kind === 'none') expect(none.missing).toContain('reindeers');
  });

  it('abstains on general-knowledge questions and chit-chat against a news story', () => {
    for (const q of ['What is the speed of light?', 'How do vaccines work?', 'Who won the football world cup?', 'tell me a joke']) {
      expect(engine.answer(q).kind, q).toBe('none');
    }
  });

  it('finds a passage through a word related in meaning (WordNet), not only the same word', () => {
    const library = SearchEngine.build([
      article('shops', [
        'The council said the market hall would close in March after years of losses.',
        'Traders were offered new stalls on the high street instead.',
        'The hall opened in 1890 and was rebuilt after a fire in 1950.',
      ]),
    ]);
    const r = library.answer('When will the market hall shut?', { alternatives: 0 });
    const shown = r.kind === 'answer' ? r.best : r.closest;
    expect(shown?.paragraph.index).toBe(1);
  });

  it('leaves out relatives too common in a large library to be evidence (RELATED_WORDS.commonShare)', () => {
    // "close" is a near relative of "shut"; in 60 paragraphs out of 100 it says nothing
    const filler = Array.from({ length: 100 }, (_, i) => (i < 60 ? `Shop ${i} will close early on day ${i}.` : `Stall ${i} sells fruit on day ${i}.`));
    const big = SearchEngine.build([article('big', filler)]);
    const words = (e: SearchEngine, q: string) =>
      e
        .rank(q)!
        .query.terms.filter((t) => t.expansion)
        .map((t) => t.word);
    expect(words(big, 'When will the hall shut?')).not.toContain('close');
    const small = SearchEngine.build([article('small', filler.slice(55, 65))]);
    expect(words(small, 'When will the hall shut?')).toContain('close');
  });

  it('expands no everyday word (RELATED_WORDS.minRarity): its relatives would match any story', () => {
    const story = SearchEngine.build([article('story', ['The team won the cup after a long season.', 'Fans bought tickets for the final.'])]);
    const relativesOf = (q: string, word: string) =>
      story
        .rank(q)!
        .query.terms.filter((t) => t.expansion && story.rank(q)!.query.terms[t.of].word === word)
        .map((t) => t.word);
    // "got" has dozens of senses ("win", "buy"…); "purchased" is rare enough to stand for "bought"
    expect(relativesOf('Who got the cup?', 'got')).toEqual([]);
    expect(relativesOf('Who purchased tickets?', 'purchased')).toContain('buy');
  });

  it('gives a higher confidence to a question whose specific words match than to one matched by everyday words', () => {
    const specific = engine.answer('Who summoned the Afghan Charge d’affaires?');
    const everyday = engine.answer('What happened today?');
    const conf = (r: ReturnType<SearchEngine['answer']>) => (r.kind === 'answer' ? r.best.confidence : (r.closest?.confidence ?? 0));
    expect(conf(specific)).toBeGreaterThan(conf(everyday));
  });

  it('says why it abstains, which words no article has, and what to try', () => {
    const r = engine.answer('What is the speed of light?');
    expect(r.kind).toBe('none');
    if (r.kind !== 'none') return;
    expect(r.closest).toBeDefined();
    expect(r.plausible).toBe(false);
    expect(r.missing).toEqual(expect.arrayContaining(['speed', 'light']));
    expect(r.suggestion).toMatch(/no article mentions “speed”/i);
    expect(r.reason).toMatch(/question/);
  });
});
