/**
 * The vocabulary of an index: every distinct normalised word met while tokenising, with its stem
 * id (stop words have none), its 5-character-prefix id and what its spelling says (a year, a
 * month, a number); stems and prefixes get small integer ids in the order they are first met.
 */
import { CachedStemmer, stemWord } from '../text/stem.ts';
import { STOP_WORDS } from '../text/stop-words.ts';
import { normalise } from '../text/words.ts';

/** Token flags (per occurrence). */
export const FLAG_YEAR = 1;
export const FLAG_MONTH = 2;
export const FLAG_NUMBER = 4;
/** Starts with a capital letter and is not the first word of its sentence. */
export const FLAG_CAPITAL = 8;

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december',
]);
const NUMBER_WORDS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty',
  'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion',
  'trillion', 'dozen', 'dozens', 'hundreds', 'thousands', 'millions', 'billions', 'half', 'twice',
]);

/** The first five characters of a word: a second, stemmer-independent matching channel. */
export function prefix5(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

/** What the vocabulary knows about one distinct normalised word. */
export interface WordEntry {
  id: number;
  /** Stem id, or -1 for a stop word. */
  stem: number;
  prefix: number;
  flags: number;
}

export class Vocabulary {
  readonly words = new Map<string, WordEntry>();
  readonly wordList: string[] = [];
  readonly wordFreq: number[] = [];
  /** Stem id of each word (by word id), -1 for stop words. */
  readonly wordStem: number[] = [];
  readonly stems = new Map<string, number>();
  /** Each stem by stem id. */
  readonly stemList: string[] = [];
  readonly prefixes = new Map<string, number>();
  private readonly stemmer = new CachedStemmer();
  entry(word: string): WordEntry {
    let e = this.words.get(word);
    if (e !== undefined) return e;
    let stem = -1;
    let prefix = -1;
    if (!STOP_WORDS.has(word)) {
      const s = stemWord(word); // once per distinct word: no cache needed here
      stem = this.stems.get(s) ?? -1;
      if (stem < 0) {
        stem = this.stems.size;
        this.stems.set(s, stem);
        this.stemList.push(s);
      }
      const p = prefix5(word);
      prefix = this.prefixes.get(p) ?? -1;
      if (prefix < 0) {
        prefix = this.prefixes.size;
        this.prefixes.set(p, prefix);
      }
    }
    let flags = 0;
    const c0 = word.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      flags |= FLAG_NUMBER;
      if ((word.length === 4 || (word.length === 5 && word[4] === 's')) && /^(1[0-9]\d\d|20\d\d)s?$/.test(word)) flags |= FLAG_YEAR;
    } else if (stem >= 0 && word.length <= 9) {
      if (NUMBER_WORDS.has(word)) flags |= FLAG_NUMBER;
      if (MONTHS.has(word)) flags |= FLAG_MONTH;
    }
    e = { id: this.wordList.length, stem, prefix, flags };
    this.words.set(word, e);
    this.wordList.push(word);
    this.wordFreq.push(0);
    this.wordStem.push(stem);
    return e;
  }

  /** Looks a raw token up without adding anything. */
  lookupRaw(token: string): WordEntry | undefined {
    return this.words.get(normalise(token));
  }

  /** Looks a normalised word up without adding it. */
  lookup(word: string): WordEntry | undefined {
    return this.words.get(word);
  }

  /** The stem of a word (the corpus's own words are looked up, others stemmed through a cache). */
  stemOf(word: string): string {
    return this.stemmer.stem(word);
  }
}
