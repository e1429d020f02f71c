/**
 * The words of an index. The lexicon holds every distinct normalised word met while tokenising,
 * with its stem id (stop words have none), its 5-character-prefix id and what its spelling says (a
 * year, a month, a number); stems and prefixes get small integer ids in the order they are first
 * met. A corpus's vocabulary is the part of the lexicon that occurs in it, with the counts.
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

const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const NUMBER_WORDS = new Set([
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'thousand',
  'million',
  'billion',
  'trillion',
  'dozen',
  'dozens',
  'hundreds',
  'thousands',
  'millions',
  'billions',
  'half',
  'twice',
]);

/** The first five characters of a word: a second, stemmer-independent matching channel. */
export function prefix5(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

/** What the lexicon knows about one distinct normalised word. */
interface WordEntry {
  id: number;
  /** Stem id, or -1 for a stop word. */
  stem: number;
  prefix: number;
  flags: number;
}

/**
 * Every distinct word met so far, with its stem and prefix ids. Entries are only ever added and
 * never change (what a word's stem, prefix and flags are depends on the word alone), so a corpus
 * and the corpora updated from it share one lexicon: a corpus sees only the words that occur in it
 * (its Vocabulary), and words added for a newer corpus are invisible to an older one.
 */
export class Lexicon {
  readonly words = new Map<string, WordEntry>();
  readonly wordList: string[] = [];
  /** Stem id of each word (by word id), -1 for stop words. */
  readonly wordStem: number[] = [];
  /** Prefix id of each word (by word id), -1 for stop words. */
  readonly wordPrefix: number[] = [];
  readonly stems = new Map<string, number>();
  /** Each stem by stem id. */
  readonly stemList: string[] = [];
  readonly prefixes = new Map<string, number>();
  /** Each prefix by prefix id. */
  readonly prefixList: string[] = [];
  readonly stemmer = new CachedStemmer();

  entry(word: string): WordEntry {
    let e = this.words.get(word);
    if (e !== undefined) return e;
    let stem = -1;
    let prefix = -1;
    if (!STOP_WORDS.has(word)) {
      const s = stemWord(word); // once per distinct word: no cache needed here
      stem = this.stems.get(s) ?? -1;
      if (stem < 0) {
        stem = this.stemList.length;
        this.stems.set(s, stem);
        this.stemList.push(s);
      }
      const p = prefix5(word);
      prefix = this.prefixes.get(p) ?? -1;
      if (prefix < 0) {
        prefix = this.prefixList.length;
        this.prefixes.set(p, prefix);
        this.prefixList.push(p);
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
    this.wordStem.push(stem);
    this.wordPrefix.push(prefix);
    return e;
  }
}

/** Ids of the stems or prefixes that occur in a corpus, by their text. */
export interface TermIds {
  get(text: string): number | undefined;
}

/**
 * The words of one corpus: the lexicon's entries that occur in it, with their counts. Lookups
 * answer as if the lexicon held only this corpus's words (so a corpus updated article by article
 * looks up exactly as one built from scratch over the same articles).
 */
export class Vocabulary {
  /** Occurrences of each word in the corpus (by word id); ids at or past its length are not in it. */
  readonly wordFreq: Float64Array;
  /** Occurrences of each stem (the sum over its words), by stem id. */
  readonly stemFreq: Float64Array;
  /** Occurrences of each prefix (the sum over its words), by prefix id. */
  readonly prefixFreq: Float64Array;
  /** The stems that occur in the corpus. */
  readonly stems: TermIds;
  readonly prefixes: TermIds;

  constructor(
    readonly lexicon: Lexicon,
    wordFreq: Float64Array,
    stemFreq: Float64Array,
    prefixFreq: Float64Array,
  ) {
    this.wordFreq = wordFreq;
    this.stemFreq = stemFreq;
    this.prefixFreq = prefixFreq;
    this.stems = { get: (text) => present(lexicon.stems.get(text), stemFreq) };
    this.prefixes = { get: (text) => present(lexicon.prefixes.get(text), prefixFreq) };
  }

  /** The vocabulary of words counted in `wordFreq` (by word id): stem and prefix counts summed from it. */
  static counted(lexicon: Lexicon, wordFreq: Float64Array): Vocabulary {
    const stemFreq = new Float64Array(lexicon.stemList.length);
    const prefixFreq = new Float64Array(lexicon.prefixList.length);
    for (let w = 0; w < wordFreq.length; w++) {
      const f = wordFreq[w];
      if (f === 0 || lexicon.wordStem[w] < 0) continue;
      stemFreq[lexicon.wordStem[w]] += f;
      prefixFreq[lexicon.wordPrefix[w]] += f;
    }
    return new Vocabulary(lexicon, wordFreq, stemFreq, prefixFreq);
  }

  get wordList(): readonly string[] {
    return this.lexicon.wordList;
  }

  get wordStem(): readonly number[] {
    return this.lexicon.wordStem;
  }

  get stemList(): readonly string[] {
    return this.lexicon.stemList;
  }

  /** Looks a raw token up (normalised first). */
  lookupRaw(token: string): WordEntry | undefined {
    return this.lookup(normalise(token));
  }

  /** Looks a normalised word up. */
  lookup(word: string): WordEntry | undefined {
    const e = this.lexicon.words.get(word);
    return e !== undefined && e.id < this.wordFreq.length && this.wordFreq[e.id] > 0 ? e : undefined;
  }

  /** The stem of a word (stemmed through a cache). */
  stemOf(word: string): string {
    return this.lexicon.stemmer.stem(word);
  }
}

/** `id` when its count in `freq` is positive, else undefined. */
function present(id: number | undefined, freq: Float64Array): number | undefined {
  return id !== undefined && id < freq.length && freq[id] > 0 ? id : undefined;
}
