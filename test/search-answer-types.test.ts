import { describe, expect, it } from 'vitest';
import {
  TYPE_COUNT,
  TYPE_DATE,
  TYPE_DURATION,
  TYPE_LENGTH,
  TYPE_MONEY,
  TYPE_ORGANISATION,
  TYPE_PERCENT,
  TYPE_PERSON,
  TYPE_PLACE,
  TYPE_REASON,
  questionTypes,
  textTypes,
} from '../src/search/answer-types.ts';
import { Corpus } from '../src/search/corpus.ts';
import { DEFAULT_WEIGHTS, SearchEngine } from '../src/search/engine.ts';
import type { Article } from '../src/types.ts';

const has = (mask: number, type: number): boolean => (mask & type) !== 0;

function article(id: string, title: string, paragraphs: string[]): Article {
  return { id, title, date: null, source: 'test', paragraphs: paragraphs.map((text, i) => ({ index: i + 1, text })) };
}

describe('answer types', () => {
  it('reads what a question asks for from its wording', () => {
    expect(has(questionTypes('How far underground is the tunnel?'), TYPE_LENGTH)).toBe(true);
    expect(has(questionTypes('How long will the review take?'), TYPE_DURATION)).toBe(true);
    expect(has(questionTypes('How much will tickets cost?'), TYPE_MONEY)).toBe(true);
    expect(has(questionTypes('What is the price of a ticket?'), TYPE_MONEY)).toBe(true);
    expect(has(questionTypes('How many phones were found?'), TYPE_COUNT)).toBe(true);
    expect(has(questionTypes('When will the bridge open?'), TYPE_DATE)).toBe(true);
    expect(has(questionTypes('Which company won the contract?'), TYPE_ORGANISATION)).toBe(true);
    expect(has(questionTypes('Where is the least pest-ridden place?'), TYPE_PLACE)).toBe(true);
    expect(has(questionTypes('Why did the council refuse?'), TYPE_REASON)).toBe(true);
    expect(has(questionTypes('Who bought Homebase?'), TYPE_PERSON)).toBe(true);
    expect(questionTypes('What does the report say about the river?')).toBe(0);
  });

  it('takes the kind asked for from the first question word, not from a relative clause', () => {
    expect(questionTypes('When will we find out who gets the old frigates?')).toBe(TYPE_DATE);
    expect(questionTypes('Which company runs the car park where he got fined?')).toBe(TYPE_ORGANISATION);
    expect(questionTypes('What happens to people who fail the test?')).toBe(0);
    // a noun that names an amount counts after "what" or "how", not after "which judges"
    expect(questionTypes("What's the total price tag for the rebuild?")).toBe(TYPE_MONEY);
    expect(questionTypes('Which judges heard the parking fine appeal?')).toBe(0);
    expect(has(questionTypes('In which year did the bridge open?'), TYPE_DATE)).toBe(true);
  });

  it('finds the kinds of answer a sentence holds', () => {
    expect(has(textTypes('Tickets will cost £15 each.'), TYPE_MONEY)).toBe(true);
    expect(has(textTypes('The well reaches a depth of 2km.'), TYPE_LENGTH)).toBe(true);
    expect(has(textTypes('Prices rose by 12% last year.'), TYPE_PERCENT)).toBe(true);
    expect(has(textTypes('The car park is run by ParkingEye Ltd.'), TYPE_ORGANISATION)).toBe(true);
    expect(has(textTypes('The match was played in Leeds.'), TYPE_PLACE)).toBe(true);
    expect(has(textTypes('It closed because of the floods.'), TYPE_REASON)).toBe(true);
    expect(has(textTypes('The work will take a decade.'), TYPE_DURATION)).toBe(true);
    expect(has(textTypes('It opens on Monday.'), TYPE_DATE)).toBe(true);
    // a capitalised word opening the sentence is no place; "may" in lower case is no month
    expect(has(textTypes('Leeds won in the end.'), TYPE_PLACE)).toBe(false);
    expect(has(textTypes('It may rain.'), TYPE_DATE)).toBe(false);
    expect(textTypes('Nothing to see here.')).toBe(0);
  });

  it('gives each indexed sentence the types of its text', () => {
    const sentences = ['Tickets will cost £15 each.', 'The match was played in Leeds on Monday.', 'It rained because of the storm.', 'Nothing to see here.'];
    const corpus = Corpus.build([article('a', 'A story', [sentences.slice(0, 2).join(' '), sentences.slice(2).join(' ')])]);
    expect([...corpus.sentTypes]).toEqual(sentences.map(textTypes));
  });
});

describe('answer-type and headline features', () => {
  // The lede repeats the headline's words; the answer is a later sentence, holding an amount of money.
  const story = article('bridge', 'New Tyne bridge to open in spring', [
    'A new bridge across the Tyne will open in spring, the new bridge being the first across the Tyne in years.',
    'The new Tyne bridge used 300 workers and £5m of steel.',
    'Councillors said the project will cost £40m, paid for by the government.',
  ]);
  const other = article('park', 'Park reopens', ['The park reopened after a long wait.', 'Its new cafe will cost less than the old one.']);
  const engine = SearchEngine.build([story, other]);
  const q = 'How much will the new Tyne bridge cost?';

  it('prefers the sentence holding the amount of money asked for over the lede', () => {
    const answer = engine.answer(q);
    const best = answer.kind === 'answer' ? answer.best : answer.closest;
    expect(best?.paragraph.index).toBe(3);
    expect(best?.sentence).toContain('£40m');
    // without the two features a paragraph that repeats the headline's words wins: they are what moves the answer
    const without = engine.rank(q, { weights: { ...DEFAULT_WEIGHTS, fresh: 0, quantityNear: 0, otherTypeNear: 0 } })!;
    expect(engine.corpus.paraArticle[without.ranked[0].p]).toBe(0);
    expect(engine.corpus.paraIndex[without.ranked[0].p] + 1).not.toBe(3);
  });

  it('counts only question words that are not headline or lede words', () => {
    const ranked = engine.rank(q, { limit: 10 })!.ranked;
    const byIndex = new Map(ranked.filter((r) => engine.corpus.paraArticle[r.p] === 0).map((r) => [engine.corpus.paraIndex[r.p] + 1, r.features]));
    // the lede: every question word it holds is a headline word
    expect(byIndex.get(1)?.fresh).toBe(0);
    expect(byIndex.get(1)?.quantityNear).toBe(0);
    // money, but next to headline words only ("new Tyne bridge")
    expect(byIndex.get(2)?.quantityNear).toBe(0);
    // money next to "cost", which the headline and lede lack
    expect(byIndex.get(3)?.quantityNear).toBe(1);
    expect(byIndex.get(3)!.fresh).toBeGreaterThan(0);
  });

  it('scores the best sentence holding the kind of answer asked for (typedSentence), though it holds only headline words', () => {
    const hospital = article('hospital', 'Bridgwater hospital to be rebuilt', [
      'The Bridgwater community hospital will be rebuilt, and the new hospital will have more beds.',
      'Campaigners fought for the hospital for years.',
      'The hospital should be finished by autumn 2014.',
    ]);
    const e = SearchEngine.build([hospital, other]);
    const when = 'When will the new Bridgwater hospital be ready?';
    const ranked = e.rank(when, { limit: 10 })!.ranked.filter((r) => e.corpus.paraArticle[r.p] === 0);
    const order = ranked.map((r) => e.corpus.paraIndex[r.p] + 1);
    const features = new Map(ranked.map((r, i) => [order[i], r.features.typedSentence]));
    expect(features.get(3)).toBeGreaterThan(0);
    expect(features.get(2)).toBe(0); // "for years" is a duration, not the date asked for
    expect(features.get(1)).toBe(0);
    // both share one word with the question: the dated one answers
    expect(order.indexOf(3)).toBeLessThan(order.indexOf(2));
  });

  it('counts dates, places and reasons for otherTypeNear, not the names any sentence holds', () => {
    const club = article('club', 'Hereford United expelled', [
      'Hereford United have been expelled from the Conference.',
      'The club told the BBC it would appeal against the ruling.',
      'The appeal will be heard in March.',
    ]);
    const e = SearchEngine.build([club, other]);
    const near = (q: string, index: number) =>
      e.rank(q, { limit: 10 })!.ranked.find((r) => e.corpus.paraArticle[r.p] === 0 && e.corpus.paraIndex[r.p] + 1 === index)?.features.otherTypeNear;
    // "BBC" reads as an organisation, as almost every sentence holds some acronym or title
    expect(near('Who will hear the club appeal?', 2)).toBe(0);
    expect(near('When will the appeal be heard?', 3)).toBe(1);
  });
});
