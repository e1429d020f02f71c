import { describe, expect, it } from 'vitest';
import { WordStems, sentenceOf, splitParagraph } from '../src/search/best-sentence.ts';
import { Corpus } from '../src/search/corpus.ts';
import { splitSentences } from '../src/text/sentences.ts';
import { rawWords } from '../src/text/words.ts';
import type { Article } from '../src/types.ts';

function article(id: string, texts: string[]): Article {
  return { id, title: id, source: 'Test', date: null, paragraphs: texts.map((text, i) => ({ index: i + 1, text })) };
}

/** What splitParagraph must give: each sentence's words looked up one by one in the vocabulary. */
function expected(text: string, corpus: Corpus): { sentences: string[]; stems: number[][] } {
  const sentences = splitSentences(text);
  const stems = sentences.map((s) => rawWords(s).flatMap((w) => ((corpus.vocab.lookupRaw(w)?.stem ?? -1) >= 0 ? [corpus.vocab.lookupRaw(w)!.stem] : [])));
  return { sentences, stems };
}

function actual(text: string, words: WordStems): { sentences: string[]; stems: number[][] } {
  const split = splitParagraph(text, words);
  const count = split.spans.length / 2;
  const sentences = Array.from({ length: count }, (_, s) => sentenceOf(split, s));
  const stems = sentences.map((_, s) => [...split.stems.subarray(split.stemStart[s], split.stemStart[s + 1])]);
  return { sentences, stems };
}

describe('splitParagraph', () => {
  const texts = [
    'The embassy in Kabul was attacked on Friday. A guard was hurt, officials said! Was the EMBASSY closed? No.',
    '  Café owners in Zürich said the café’s prices rose 5% in 2021…  \n\n Pakistan’s Foreign Office   condemned it. ',
    'Pakistan Pakistan pakistan PAKISTAN’s guard guards guarded.',
    '',
    '   ',
  ];
  const corpus = Corpus.build([article('a', texts)]);

  it('gives each sentence the stems the vocabulary gives its words, as written or seen before', () => {
    const words = new WordStems(corpus.vocab);
    for (let round = 0; round < 2; round++) for (const text of texts) expect(actual(text, words)).toEqual(expected(text, corpus));
  });

  it('leaves out words the vocabulary does not hold', () => {
    const words = new WordStems(corpus.vocab);
    const text = 'Zanzibar embassy qwertyuiop. The guard.';
    expect(actual(text, words)).toEqual(expected(text, corpus));
    expect(actual(text, words).stems[0]).toEqual([corpus.vocab.lookupRaw('embassy')!.stem]);
  });

  it('starts over when its table holds too many characters, and still finds every word', () => {
    const words = new WordStems(corpus.vocab, 40);
    for (let round = 0; round < 3; round++) for (const text of texts) expect(actual(text, words)).toEqual(expected(text, corpus));
  });

  it('keeps finding every word as its table grows', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `Word${i} w${i}x said${i}. Then${i} more${i} went.`);
    const big = Corpus.build([article('b', many)]);
    const words = new WordStems(big.vocab);
    for (const text of many) actual(text, words);
    for (const text of many.slice(0, 200)) expect(actual(text, words)).toEqual(expected(text, big));
  });
});
