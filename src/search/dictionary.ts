/**
 * The spell corrector's dictionary for a corpus: the corpus's words, plus its stems (so "finalist"
 * is found for "fonalist" when only "finalists" occurs), each with its corpus frequency; a stem
 * that is also a word is there once, with the word's frequency.
 */
import type { Vocabulary } from './vocabulary.ts';
import { isLowerAscii } from '../text/words.ts';
import { SpellCorrector } from './spell.ts';
import { SPELL } from './tuning.ts';

/** A corpus word is a dictionary entry when it is this long and plain lower-case ASCII… */
const MIN_WORD = SPELL.minDictionaryWord;
/** …and a stem when it is this long, plain lower-case ASCII and not a word of the corpus. */
const MIN_STEM = SPELL.minDictionaryStem;

/** The spell corrector over a corpus's dictionary. */
export function buildDictionary(vocab: Vocabulary): SpellCorrector {
  const dictionary: string[] = [];
  const frequencies: number[] = [];
  const { wordList, wordFreq, stemList, stemFreq } = vocab;
  for (let i = 0; i < wordFreq.length; i++) {
    const w = wordList[i];
    if (wordFreq[i] > 0 && w.length >= MIN_WORD && isLowerAscii(w)) {
      dictionary.push(w);
      frequencies.push(wordFreq[i]);
    }
  }
  for (let id = 0; id < stemFreq.length; id++) {
    const s = stemList[id];
    if (stemFreq[id] > 0 && s.length >= MIN_STEM && isLowerAscii(s) && vocab.lookup(s) === undefined) {
      dictionary.push(s);
      frequencies.push(stemFreq[id]);
    }
  }
  return SpellCorrector.build(dictionary, frequencies);
}

/**
 * `spell` (the corrector of an earlier vocabulary of the same lexicon) brought up to `vocab`,
 * given the words whose counts changed (by word id): the same dictionary as buildDictionary(vocab).
 */
export function updateDictionary(spell: SpellCorrector, vocab: Vocabulary, changedWords: Iterable<number>): SpellCorrector {
  const { wordList, wordStem, stemList } = vocab;
  const changes = new Map<string, number>();
  for (const w of changedWords) {
    const word = wordList[w];
    if (!changes.has(word)) changes.set(word, entryFrequency(vocab, word));
    const stem = wordStem[w];
    if (stem >= 0 && !changes.has(stemList[stem])) changes.set(stemList[stem], entryFrequency(vocab, stemList[stem]));
  }
  for (const [key, f] of changes) if (spell.frequency(key) === f) changes.delete(key);
  return changes.size ? spell.withChanges(changes) : spell;
}

/** The frequency of `key` in the dictionary of `vocab`; 0 when it is not an entry. */
function entryFrequency(vocab: Vocabulary, key: string): number {
  if (!isLowerAscii(key)) return 0;
  const word = vocab.lookup(key);
  if (word) return key.length >= MIN_WORD ? vocab.wordFreq[word.id] : 0;
  const stem = key.length >= MIN_STEM ? vocab.stems.get(key) : undefined;
  return stem === undefined ? 0 : vocab.stemFreq[stem];
}
