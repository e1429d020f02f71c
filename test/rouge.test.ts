import { describe, it, expect } from 'vitest';
import { porterStem, rouge, rougeL, rougeN, rougeTokens, summaryLevelLcs } from '../bench/lib/rouge.ts';

describe('Porter stemmer (nltk NLTK_EXTENSIONS)', () => {
  it('stems as nltk does', () => {
    const cases: Record<string, string> = {
      caresses: 'caress',
      ponies: 'poni',
      ties: 'tie',
      cats: 'cat',
      running: 'run',
      hopping: 'hop',
      falling: 'fall',
      filing: 'file',
      agreed: 'agre',
      plastered: 'plaster',
      happy: 'happi',
      enjoy: 'enjoy',
      relational: 'relat',
      conditional: 'condit',
      generously: 'gener',
      happiness: 'happi',
      dying: 'die',
      news: 'news',
      was: 'wa',
      controlling: 'control',
      electricity: 'electr',
      adjustment: 'adjust',
      feed: 'feed',
      cried: 'cri',
      died: 'die',
      geology: 'geolog',
    };
    for (const [w, s] of Object.entries(cases)) expect([w, porterStem(w)]).toEqual([w, s]);
  });
});

describe('rouge-score tokenizer', () => {
  it('lowercases, splits on non-alphanumerics and stems only tokens longer than 3 characters', () => {
    expect(rougeTokens("The cat's 3.5 running-dogs, U.S. was")).toEqual(['the', 'cat', 's', '3', '5', 'run', 'dog', 'u', 's', 'was']);
    expect(rougeTokens('  ¡Olé!  ')).toEqual(['ol']);
    expect(rougeTokens('')).toEqual([]);
  });
});

describe('ROUGE-N', () => {
  it('computes ROUGE-1 by hand', () => {
    // target: the cat sat on the mat (6 tokens); prediction: the cat on mat (4 tokens)
    // overlap: the(min 2,1)=1, cat 1, on 1, mat 1 → 4; P = 4/4, R = 4/6, F = 2·1·(2/3)/(5/3) = 0.8
    const s = rougeN('the cat sat on the mat', 'the cat on mat', 1);
    expect(s.precision).toBeCloseTo(1, 10);
    expect(s.recall).toBeCloseTo(4 / 6, 10);
    expect(s.fmeasure).toBeCloseTo(0.8, 10);
  });

  it('computes ROUGE-2 by hand, with clipped counts', () => {
    // target bigrams: the cat, cat sat, sat on, on the, the mat (5)
    // prediction bigrams: the cat, cat on, on mat (3); overlap: the cat → 1
    const s = rougeN('the cat sat on the mat', 'the cat on mat', 2);
    expect(s.precision).toBeCloseTo(1 / 3, 10);
    expect(s.recall).toBeCloseTo(1 / 5, 10);
    expect(s.fmeasure).toBeCloseTo((2 * (1 / 3) * (1 / 5)) / (1 / 3 + 1 / 5), 10);
    // repeated n-grams count at most as often as in the other text
    const r = rougeN('the the the', 'the the', 1);
    expect(r.precision).toBe(1);
    expect(r.recall).toBeCloseTo(2 / 3, 10);
  });

  it('stems before matching and gives 0 for no overlap or empty text', () => {
    expect(rougeN('Running dogs', 'run dog', 1).fmeasure).toBe(1);
    expect(rougeN('alpha beta', 'gamma delta', 1).fmeasure).toBe(0);
    expect(rougeN('', 'gamma', 1).fmeasure).toBe(0);
    expect(rougeN('alpha', '', 2).fmeasure).toBe(0);
  });
});

describe('ROUGE-L and ROUGE-Lsum', () => {
  it('plain ROUGE-L uses one LCS', () => {
    // LCS of "a b c d e" and "a c e b" is a c e (3): P = 3/4, R = 3/5
    const s = rougeL('a b c d e', 'a c e b');
    expect(s.precision).toBeCloseTo(3 / 4, 10);
    expect(s.recall).toBeCloseTo(3 / 5, 10);
  });

  it('ROUGE-Lsum takes the union LCS per reference sentence (the ROUGE paper example)', () => {
    // Lin 2004, §3.2: r = w1 w2 w3 w4 w5; c1 = w1 w2 w6 w7 w8; c2 = w1 w3 w8 w9 w5
    // union LCS = w1 w2 w3 w5 → 4 hits; but w1 occurs once in the reference and twice in the
    // candidates, so the counts allow 4: R = 4/5, P = 4/10.
    const s = rouge('w1 w2 w3 w4 w5', 'w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5').rougeLsum;
    expect(s.recall).toBeCloseTo(4 / 5, 10);
    expect(s.precision).toBeCloseTo(4 / 10, 10);
  });

  it('does not count a token twice across reference sentences', () => {
    // two reference sentences "a b" and "a b"; one candidate "a b": each reference sentence
    // has LCS a b, but the candidate has only one a and one b → 2 hits. R = 2/4, P = 2/2.
    const s = summaryLevelLcs(
      [
        ['a', 'b'],
        ['a', 'b'],
      ],
      [['a', 'b']],
    );
    expect(s.recall).toBeCloseTo(0.5, 10);
    expect(s.precision).toBeCloseTo(1, 10);
    expect(s.fmeasure).toBeCloseTo(2 / 3, 10);
  });

  it('splits sentences on newlines and ignores empty lines', () => {
    const a = rouge('the cat sat\nthe dog ran', 'the dog ran\n\nthe cat sat').rougeLsum;
    expect(a.fmeasure).toBeCloseTo(1, 10);
    // ROUGE-1/2 ignore line breaks
    const b = rouge('the cat sat', 'the\ncat\nsat');
    expect(b.rouge1.fmeasure).toBe(1);
    expect(b.rouge2.fmeasure).toBe(1);
  });
});
