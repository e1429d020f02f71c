import { describe, it, expect } from 'vitest';
import { ABBREVIATIONS } from '../src/text/abbreviations.ts';
import { gapEndsSentence, isIndexAbbreviation, splitSentences } from '../src/text/sentences.ts';
import { seededRandom } from './helpers/random.ts';

/** The words of the sentences, joined, are the words of the text: nothing dropped or invented. */
function expectLossless(text: string, sentences: string[]): void {
  expect(sentences.join(' ').split(/\s+/)).toEqual(text.trim().split(/\s+/));
  for (const s of sentences) expect(s).toBe(s.trim());
}

function check(text: string, expected: string[]): void {
  const got = splitSentences(text);
  expect(got).toEqual(expected);
  expectLossless(text, got);
}

describe('splitSentences', () => {
  it('splits on end punctuation followed by a capital', () => {
    check('The guard was hurt. He was flown home! Was the embassy closed? No.', ['The guard was hurt.', 'He was flown home!', 'Was the embassy closed?', 'No.']);
  });

  it('handles empty and whitespace-only text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n ')).toEqual([]);
    expect(splitSentences('No end punctuation here')).toEqual(['No end punctuation here']);
  });

  it('ends a sentence inside closing quotes, curly and straight', () => {
    check('He said: “It is over.” Then he left.', ['He said: “It is over.”', 'Then he left.']);
    check('‘I had a taste of it at Hearts and really enjoyed it. I’m fortunate.’ Locke smiled.', [
      '‘I had a taste of it at Hearts and really enjoyed it.',
      'I’m fortunate.’',
      'Locke smiled.',
    ]);
    check("'We will see,' he said. 'Maybe.' Then nothing.", ["'We will see,' he said.", "'Maybe.'", 'Then nothing.']);
    check('“Why?” she asked. “Because.”', ['“Why?” she asked.', '“Because.”']);
  });

  it('does not split inside a quote that goes on with a lowercase word', () => {
    check('“Stop!” shouted the officer, and they stopped.', ['“Stop!” shouted the officer, and they stopped.']);
    check('‘It was great,’ said Locke. ‘Really.’', ['‘It was great,’ said Locke.', '‘Really.’']);
  });

  it('keeps abbreviations and titles inside the sentence', () => {
    check('Mr. Smith met Dr. Jones and Mrs. Brown on Jan. 5 in St. Louis. They talked.', ['Mr. Smith met Dr. Jones and Mrs. Brown on Jan. 5 in St. Louis.', 'They talked.']);
    check('Sen. Warren and Gov. Brown spoke on Feb. 2. Nothing changed.', ['Sen. Warren and Gov. Brown spoke on Feb. 2.', 'Nothing changed.']);
    check('Prices rose, e.g. for fuel. Others fell.', ['Prices rose, e.g. for fuel.', 'Others fell.']);
  });

  it('handles initials', () => {
    check('The books of J. K. Rowling and J.R.R. Tolkien sold well. George W. Bush read them.', [
      'The books of J. K. Rowling and J.R.R. Tolkien sold well.',
      'George W. Bush read them.',
    ]);
  });

  it('handles dotted acronyms: inside a sentence, or at its end before a sentence opener', () => {
    check('The U.S. Army and the U.K. government agreed. The U.N. did not.', ['The U.S. Army and the U.K. government agreed.', 'The U.N. did not.']);
    check('He moved to the U.S. The company followed.', ['He moved to the U.S.', 'The company followed.']);
    check('It opened at 9 a.m. Visitors queued.', ['It opened at 9 a.m. Visitors queued.']);
    check('It opened at 9 a.m. The queue was long.', ['It opened at 9 a.m.', 'The queue was long.']);
  });

  it('keeps numbers, money and No. 10 whole', () => {
    check('Growth was 3.5 per cent, or $2.5bn, across 1,000 firms. It was No. 10 on the list. Costs were £1.2m.', [
      'Growth was 3.5 per cent, or $2.5bn, across 1,000 firms.',
      'It was No. 10 on the list.',
      'Costs were £1.2m.',
    ]);
    check('Version 2.0 shipped. 3 people died.', ['Version 2.0 shipped.', '3 people died.']);
  });

  it('treats ellipses as sentence ends before a capital, not before lowercase', () => {
    check('He paused... Then he spoke. It was… fine… Really.', ['He paused...', 'Then he spoke.', 'It was… fine…', 'Really.']);
    check('A long, long time ago... and then some.', ['A long, long time ago... and then some.']);
  });

  it('separates photo captions glued to the next sentence without punctuation', () => {
    // real shapes from the CNN/Daily Mail data
    check('Kilmarnock went unbeaten during Locke’s first six games in charge of the club He has impressed Mann with results.', [
      'Kilmarnock went unbeaten during Locke’s first six games in charge of the club',
      'He has impressed Mann with results.',
    ]);
    check('Kilmarnock will confirm Gary Locke as the new manager on Friday ‘I’d be over the moon to get it,’ said Locke.', [
      'Kilmarnock will confirm Gary Locke as the new manager on Friday',
      '‘I’d be over the moon to get it,’ said Locke.',
    ]);
    check('The keeper was carried off after a 30 minute delay before play resumed The match ended 1-1.', [
      'The keeper was carried off after a 30 minute delay before play resumed',
      'The match ended 1-1.',
    ]);
    check('He is 12 strokes ahead of Woods His only bogey came at the sixth.', ['He is 12 strokes ahead of Woods', 'His only bogey came at the sixth.']);
    check('A taxi driver was arrested (pictured posed by model) A court heard the case.', ['A taxi driver was arrested (pictured posed by model)', 'A court heard the case.']);
  });

  it('separates page furniture and captions that end in a quoted title', () => {
    check('Scroll down for video Flying high: Half of the kite took to the sky.', ['Scroll down for video', 'Flying high: Half of the kite took to the sky.']);
    check('Bader’s story is told in a film dubbed ‘The First Great Escape’ The story of how he escaped is told.', [
      'Bader’s story is told in a film dubbed ‘The First Great Escape’',
      'The story of how he escaped is told.',
    ]);
    check('She said ‘Hello’ and left.', ['She said ‘Hello’ and left.']);
  });

  it('does not cut titles and names that follow a preposition or a verb of saying', () => {
    check('Thompson revealed to The National Enquirer that she had left.', ['Thompson revealed to The National Enquirer that she had left.']);
    check('She presented Alicia Keys with The Recording Academy award.', ['She presented Alicia Keys with The Recording Academy award.']);
    check('He said It was a film he loved.', ['He said It was a film he loved.']);
  });

  it('always splits at a blank line', () => {
    check('Injured guard flown to Pakistan\n\nThe guard landed in Peshawar.', ['Injured guard flown to Pakistan', 'The guard landed in Peshawar.']);
  });

  it('never drops or invents a word, whatever the input (seeded random texts)', () => {
    const pieces = [
      'Mr.',
      'U.S.',
      'J.',
      'The',
      'he',
      'said.',
      '“Yes.”',
      '‘No,’',
      "'It",
      'was',
      '3.5',
      '1,000',
      '$2.5bn',
      '...',
      '…',
      '?',
      '!',
      'Dr',
      'club',
      'He',
      'A',
      '(pictured)',
      'Scroll',
      'down',
      'for',
      'video',
      '\n\n',
      '\n',
      'e.g.',
      'No.',
      '10',
      'a.m.',
      'Inc.',
      'She',
      'His',
      '”',
      '’',
      '"',
      "'",
      '.',
      'x',
      'Ünïcödé.',
      '😀',
      '-',
      '—',
    ];
    const rand = seededRandom(4);
    for (let round = 0; round < 300; round++) {
      const n = 1 + rand.int(60);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(rand.pick(pieces));
      const text = parts.join(rand.next() < 0.2 ? '  ' : ' ');
      const got = splitSentences(text);
      expect(got.join(' ').split(/\s+/).filter(Boolean)).toEqual(text.split(/\s+/).filter(Boolean));
      for (const sentence of got) {
        expect(sentence).toBe(sentence.trim());
        expect(sentence.length).toBeGreaterThan(0);
      }
    }
  });

  it('is linear: a long text is split quickly and completely', () => {
    const unit = 'Mr. Smith said the U.S. economy grew 3.5 per cent. “It is fine,” he said. ';
    const text = unit.repeat(5000);
    const got = splitSentences(text);
    expect(got.length).toBe(10000);
    expectLossless(text, got);
  });
});

describe('the shared abbreviation list', () => {
  it('lists each short form once, lowercase, without its final period', () => {
    const words = ABBREVIATIONS.map((a) => a.word);
    expect(new Set(words).size).toBe(words.length);
    for (const w of words) expect(w).toMatch(/^[a-z]+(\.[a-z]+)*$/);
  });

  it('keeps a title with the name after it in the display splitter', () => {
    for (const a of ABBREVIATIONS) {
      if (a.kind !== 'title' || a.readBy === 'index') continue;
      const word = a.word[0].toUpperCase() + a.word.slice(1);
      expect(splitSentences(`It was ${word}. Smith who spoke.`)).toHaveLength(1);
    }
  });

  it('ends a sentence after a weak abbreviation only before a common opener', () => {
    check('He joined Apple Inc. The company grew.', ['He joined Apple Inc.', 'The company grew.']);
    check('He joined Apple Inc. Europe last year.', ['He joined Apple Inc. Europe last year.']);
  });

  it('gives the index the older, shorter part of the list, words as its tokeniser cuts them', () => {
    for (const w of ['Mr', 'dr', 'Jan', 'Inc', 'No', 'e', 'i', 'g', 'J']) expect(isIndexAbbreviation(w)).toBe(true);
    // read by the display splitter only
    for (const w of ['Maj', 'Colo', 'art', 'p', 'the', 'I2']) expect(isIndexAbbreviation(w)).toBe(false);
  });
});

describe("the index's break test (gapEndsSentence)", () => {
  /** The gap between the first word ending before `gap` and the next word, in `text`. */
  function gapAt(text: string, gap: string, opener: boolean, afterAbbreviation: boolean): boolean {
    const start = text.indexOf(gap);
    return gapEndsSentence(text, start, start + gap.length, opener, afterAbbreviation);
  }

  it('ends a sentence at . ! or ? and white space before a word that may open one', () => {
    expect(gapAt('was hurt. He was', '. ', true, false)).toBe(true);
    expect(gapAt('was hurt! He was', '! ', true, false)).toBe(true);
    expect(gapAt('was hurt?" He was', '?" ', true, false)).toBe(true);
    expect(gapAt('was hurt. he was', '. ', false, false)).toBe(false);
    expect(gapAt('was hurt, He was', ', ', true, false)).toBe(false);
    expect(gapAt('3.5 million', '.', true, false)).toBe(false);
  });

  it('does not end one at a period after an abbreviation or initial, but does at ! or ?', () => {
    expect(gapAt('said Mr. Smith', '. ', true, true)).toBe(false);
    expect(gapAt('said Mr! Smith', '! ', true, true)).toBe(true);
  });

  it('always ends one at a blank line, and only at two newlines in a row', () => {
    expect(gapAt('a caption\n\nthe next', '\n\n', false, false)).toBe(true);
    expect(gapAt('a caption,\n \n\nthe next', ',\n \n\n', false, false)).toBe(true);
    expect(gapAt('a caption\n the next', '\n ', false, false)).toBe(false);
    expect(gapAt('a caption\n \nthe next', '\n \n', false, false)).toBe(false);
    expect(gapAt('a caption\r\n\r\nthe next', '\r\n\r\n', false, false)).toBe(false);
  });
});
