import { describe, expect, it } from 'vitest';
import { prefix5 } from '../src/search/vocabulary.ts';
import { stem } from '../src/text/porter2.ts';
import { CachedStemmer, stemWord } from '../src/text/stem.ts';
import { STOP_WORDS, SUMMARY_STOP_WORDS } from '../src/text/stop-words.ts';
import { normalise, rawWords, words } from '../src/text/words.ts';

describe('normalise', () => {
  it('lowercases and folds curly quotes and diacritics', () => {
    expect(normalise('Café’s “Naïve” CRÈME')).toBe('cafe\'s "naive" creme');
    expect(normalise('Straße Œuvre Ørsted')).toBe('strasse oeuvre orsted');
  });
  it('leaves plain ASCII as lowercase', () => {
    expect(normalise('Super Bowl 50')).toBe('super bowl 50');
  });
});

describe('rawWords and words', () => {
  it('splits on anything that is not a letter or digit', () => {
    expect(rawWords('Pakistan’s embassy, in Kabul (2022)!')).toEqual(['Pakistan', 's', 'embassy', 'in', 'Kabul', '2022']);
    expect(words('Pakistan’s Mazar-i-Sharif')).toEqual(['pakistan', 's', 'mazar', 'i', 'sharif']);
  });
  it('keeps letters beyond ASCII inside words', () => {
    expect(words('São Paulo, Zürich')).toEqual(['sao', 'paulo', 'zurich']);
    expect(rawWords('naïve café')).toEqual(['naïve', 'café']);
  });
  it('returns nothing for punctuation only', () => {
    expect(rawWords('?!… — ...')).toEqual([]);
  });
});

describe('stop words', () => {
  it("are NLTK's English list, wh-words and auxiliaries included", () => {
    expect(STOP_WORDS.size).toBe(179);
    for (const w of ['what', 'who', 'when', 'is', 'was', 'the', 'of', "don't", 's']) expect(STOP_WORDS.has(w)).toBe(true);
    for (const w of ['embassy', 'attack', 'kabul', 'name']) expect(STOP_WORDS.has(w)).toBe(false);
  });
  it("the summarizer's list also drops the words every news story is full of", () => {
    for (const w of ['said', 'told', 'according', 'year', 'it’s']) expect(SUMMARY_STOP_WORDS.has(w)).toBe(true);
    for (const w of ['said', 'year']) expect(STOP_WORDS.has(w)).toBe(false);
  });
});

describe('Porter2 stemmer', () => {
  // Outputs of the reference Snowball English stemmer.
  const known: [string, string][] = [
    ['consign', 'consign'],
    ['consigned', 'consign'],
    ['consigning', 'consign'],
    ['consignment', 'consign'],
    ['consist', 'consist'],
    ['consisted', 'consist'],
    ['consistency', 'consist'],
    ['consistent', 'consist'],
    ['consistently', 'consist'],
    ['consisting', 'consist'],
    ['consolation', 'consol'],
    ['consolatory', 'consolatori'],
    ['console', 'consol'],
    ['consolidate', 'consolid'],
    ['consolingly', 'consol'],
    ['conspicuous', 'conspicu'],
    ['conspiracy', 'conspiraci'],
    ['conspirator', 'conspir'],
    ['constable', 'constabl'],
    ['constancy', 'constanc'],
    ['knack', 'knack'],
    ['knackeries', 'knackeri'],
    ['kneaded', 'knead'],
    ['kneeling', 'kneel'],
    ['knightly', 'knight'],
    ['knitting', 'knit'],
    ['knives', 'knive'],
    ['knocker', 'knocker'],
    ['generously', 'generous'],
    ['generation', 'generat'],
    ['communication', 'communic'],
    ['arsenal', 'arsenal'],
    ['skies', 'sky'],
    ['dying', 'die'],
    ['news', 'news'],
    ['early', 'earli'],
    ['gently', 'gentl'],
    ['only', 'onli'],
    ['running', 'run'],
    ['hopping', 'hop'],
    ['hoping', 'hope'],
    ['filing', 'file'],
    ['ties', 'tie'],
    ['cries', 'cri'],
    ['caresses', 'caress'],
    ['agreed', 'agre'],
    ['feed', 'feed'],
    ['proceed', 'proceed'],
    ['succeeded', 'succeed'],
    ['herring', 'herring'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['abilities', 'abil'],
    ['abnormal', 'abnorm'],
    ['abolished', 'abolish'],
    ['abominable', 'abomin'],
    ['luxuriating', 'luxuri'],
    ['sayings', 'say'],
    ['international', 'intern'],
    ['beautiful', 'beauti'],
    ['electricity', 'electr'],
    ['organization', 'organ'],
    ['quickly', 'quick'],
    ['fluently', 'fluentli'],
    // apostrophes, consonant y, the special suffix rules of steps 1b, 2, 4 and 5
    ["cat's", 'cat'],
    ["dogs'", 'dog'],
    ['enjoying', 'enjoy'],
    ['toyed', 'toy'],
    ['crying', 'cri'],
    ['yesterday', 'yesterday'],
    ['happily', 'happili'],
    ['deeply', 'deepli'],
    ['exceedingly', 'exceed'],
    ['yelling', 'yell'],
    ['controlling', 'control'],
    ['archaeology', 'archaeolog'],
    ['hopefulness', 'hope'],
    ['sensational', 'sensat'],
    ['rationalization', 'ration'],
    ['adoption', 'adopt'],
    ['opinion', 'opinion'],
    ['cylinders', 'cylind'],
  ];
  it.each(known)('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
  it('leaves short words, numbers and non-ASCII words alone', () => {
    expect(stem('is')).toBe('is');
    expect(stem('1990s')).toBe('1990s');
    expect(stem('zürich')).toBe('zürich');
  });
  it('survives words that step 0 empties', () => {
    expect(stem("a's'")).toBe('a');
    expect(stem("''s'")).toBe('');
  });
  it('stems words of any length', () => {
    expect(stem('re'.repeat(40) + 'consolidated')).toBe('re'.repeat(40) + 'consolid');
    expect(stem('consolidated')).toBe('consolid');
  });
  it('maps irregular verb forms to their base before stemming', () => {
    expect(stemWord('took')).toBe('take');
    expect(stemWord('taken')).toBe('take');
    expect(stemWord('flown')).toBe(stem('fly'));
    expect(stemWord('guards')).toBe('guard');
  });
  it('caches per distinct word with the same results', () => {
    const s = new CachedStemmer();
    for (const w of ['consolidated', 'took', 'consolidated', 'took', 'guards']) expect(s.stem(w)).toBe(stemWord(w));
  });
});

describe('prefix5', () => {
  it('keeps the first five characters', () => {
    expect(prefix5('statement')).toBe('state');
    expect(prefix5('war')).toBe('war');
  });
});
