/**
 * The spell corrector's dictionary for a corpus: the corpus's words, plus its stems (so "finalist"
 * is found for "fonalist" when only "finalists" occurs), each with its corpus frequency; a stem
 * that is also a word is there once, with the word's frequency.
 */
import type { Vocabulary } from './vocabulary.ts';
import { isLowerAscii } from '../text/words.ts';
import { type SliceClock, finish } from './slice-clock.ts';
import { SpellCorrector, WORDS_PER_PIECE } from './spell.ts';
import { SPELL } from './tuning.ts';

/** A corpus word is a dictionary entry when it is this long and plain lower-case ASCII… */
const MIN_WORD = SPELL.minDictionaryWord;
/** …and a stem when it is this long, plain lower-case ASCII and not a word of the corpus. */
const MIN_STEM = SPELL.minDictionaryStem;

/** The spell corrector over a corpus's dictionary. */
export function buildDictionary(vocab: Vocabulary): SpellCorrector {
  return finish(buildDictionarySteps(vocab, null));
}

/** buildDictionary, yielding when `clock` says (never without one). */
export function* buildDictionarySteps(vocab: Vocabulary, clock: SliceClock | null): Generator<void, SpellCorrector> {
  const dictionary: string[] = [];
  const frequencies: number[] = [];
  for (let w = 0; w < vocab.wordFreq.length; w += WORDS_PER_PIECE) {
    dictionaryWords(vocab, w, Math.min(vocab.wordFreq.length, w + WORDS_PER_PIECE), dictionary, frequencies);
    if (clock) yield* clock.pause();
  }
  for (let s = 0; s < vocab.stemFreq.length; s += WORDS_PER_PIECE) {
    dictionaryStems(vocab, s, Math.min(vocab.stemFreq.length, s + WORDS_PER_PIECE), dictionary, frequencies);
    if (clock) yield* clock.pause();
  }
  return yield* SpellCorrector.buildSteps(dictionary, frequencies, clock);
}

/** The entries among words [from, to) of `vocab` (by id), added to `dictionary` with their frequencies. */
function dictionaryWords(vocab: Vocabulary, from: number, to: number, dictionary: string[], frequencies: number[]): void {
  const { wordList, wordFreq } = vocab;
  for (let i = from; i < to; i++) {
    const w = wordList[i];
    if (wordFreq[i] > 0 && w.length >= MIN_WORD && isLowerAscii(w)) {
      dictionary.push(w);
      frequencies.push(wordFreq[i]);
    }
  }
}

/** The entries among stems [from, to) of `vocab` (by id; those that are not also words), added to `dictionary` with their frequencies. */
function dictionaryStems(vocab: Vocabulary, from: number, to: number, dictionary: string[], frequencies: number[]): void {
  const { stemList, stemFreq } = vocab;
  for (let id = from; id < to; id++) {
    const s = stemList[id];
    if (stemFreq[id] > 0 && s.length >= MIN_STEM && isLowerAscii(s) && vocab.lookup(s) === undefined) {
      dictionary.push(s);
      frequencies.push(stemFreq[id]);
    }
  }
}

/**
 * `spell` (the corrector of an earlier vocabulary of the same lexicon) brought up to `vocab`,
 * given the words whose counts changed (by word id): the same dictionary as buildDictionary(vocab).
 * Yields when `clock` says (an article of a few thousand words is some milliseconds of work).
 */
export function* updateDictionary(spell: SpellCorrector, vocab: Vocabulary, changedWords: readonly number[], clock: SliceClock): Generator<void, SpellCorrector> {
  const { wordList, wordStem, stemList } = vocab;
  const changes = new Map<string, number>();
  for (let i = 0; i < changedWords.length; i++) {
    if (i % WORDS_PER_PIECE === WORDS_PER_PIECE - 1) yield* clock.pause();
    const w = changedWords[i];
    const word = wordList[w];
    if (!changes.has(word)) changes.set(word, entryFrequency(vocab, word));
    const stem = wordStem[w];
    if (stem >= 0 && !changes.has(stemList[stem])) changes.set(stemList[stem], entryFrequency(vocab, stemList[stem]));
  }
  let n = 0;
  for (const [key, f] of changes) {
    if (++n % WORDS_PER_PIECE === 0) yield* clock.pause();
    if (spell.frequency(key) === f) changes.delete(key);
  }
  return changes.size ? yield* spell.withChanges(changes, clock) : spell;
}

/** The frequency of `key` in the dictionary of `vocab`; 0 when it is not an entry. */
function entryFrequency(vocab: Vocabulary, key: string): number {
  if (!isLowerAscii(key)) return 0;
  const word = vocab.lookup(key);
  if (word) return key.length >= MIN_WORD ? vocab.wordFreq[word.id] : 0;
  const stem = key.length >= MIN_STEM ? vocab.stems.get(key) : undefined;
  return stem === undefined ? 0 : vocab.stemFreq[stem];
}
