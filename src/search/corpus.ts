/**
 * The indexed corpus: every paragraph of every article as content-word tokens in flat typed
 * arrays (stem id, 5-character-prefix id, flags), sentence boundaries as token offsets, and two
 * inverted indexes (stems, prefixes). Read-only once built: an update makes a new corpus from it
 * (corpus-update.ts), sharing only the append-only lexicon; a later update may write its arrays
 * again once its engine is retired and nothing reads it (see SearchEngine.update).
 */
import { gapEndsSentence, isIndexAbbreviation } from '../text/sentences.ts';
import { isWordChar, normalise } from '../text/words.ts';
import { FNV_OFFSET, fnvStep } from '../text/fnv.ts';
import type { Article } from '../types.ts';
import { TYPE_PLACE, isPlacePreposition, numberContext, wordTypes } from './answer-types.ts';
import { ArrayPool, type PooledArray } from './array-pool.ts';
import { headlineStems } from './headline.ts';
import { InvertedIndex } from './inverted-index.ts';
import { grown } from './grown.ts';
import { SliceClock, finish, inSlices } from './slice-clock.ts';
import { FLAG_CAPITAL, Lexicon, Vocabulary } from './vocabulary.ts';

/** How much text `Corpus.buildInSlices` tokenises between pauses (some 10-30 ms of work). */
export const SLICE_CHARS = 400_000;

/** Puts the token whose record is at `t`, with hash `hash`, in the first free slot pair from its hash on. */
function place(slots: Int32Array, t: number, hash: number): void {
  const mask = (slots.length >> 1) - 1;
  let s = hash & mask;
  while (slots[2 * s] >= 0) s = (s + 1) & mask;
  slots[2 * s] = t;
  slots[2 * s + 1] = hash;
}

/**
 * What the tokeniser keeps per distinct raw token (a word as written), worked out once for all
 * its occurrences: a record of RAW_FIELDS numbers in RawTokenTable.info, at the offset `at`
 * returns. The word's stem, prefix and flags are copied in, so an occurrence reads one record.
 */
const RAW_CHARS = 0; // where its characters start in RawTokenTable.chars
const RAW_LENGTH = 1;
const RAW_WORD = 2; // word id
const RAW_STEM = 3;
const RAW_PREFIX = 4;
const RAW_FLAGS = 5; // the word's flags
const RAW_TRAITS = 6; // RAW_CAPITAL | RAW_OPENER | RAW_ABBREVIATION | RAW_PREPOSITION
const RAW_COUNT = 7; // occurrences so far
const RAW_TYPES = 8; // the answer types the word holds (answer-types.ts: wordTypes)
const RAW_FIELDS = 9;
/** Starts with a capital letter. */
const RAW_CAPITAL = 1;
/** Starts with a capital letter or a digit, so it may open a sentence. */
const RAW_OPENER = 2;
/** An initial or a known abbreviation: a period after it ends no sentence. */
const RAW_ABBREVIATION = 4;
/** "in", "at"…: a capitalised word after it is a place (answer-types.ts). */
const RAW_PREPOSITION = 8;

/**
 * The raw tokens met while tokenising, as an open-addressing hash table keyed by the token's
 * characters, so a token seen before is found straight from the text without slicing a string
 * out of it. Slot pairs hold a token's record offset (-1: empty) and its hash. All in typed
 * arrays: a lookup touches a slot, the token's characters and its record, nothing scattered
 * on the heap. Only needed while building.
 *
 * The arrays start small on purpose: growing replaces them, which done first in optimised code
 * would deoptimise the tokeniser.
 */
export class RawTokenTable {
  private slots = new Int32Array(2 << 8).fill(-1);
  private chars = new Uint16Array(1 << 10);
  /** The tokens' records, RAW_FIELDS numbers each. */
  info = new Int32Array(RAW_FIELDS << 7);
  /** How much of `info` and of `chars` is in use. */
  private infoUsed = 0;
  private charsUsed = 0;

  constructor(private readonly lexicon: Lexicon) {}

  /**
   * The record offset of the raw token text[start, end), given its hash (fnvStep over its
   * characters, which the tokeniser works out while scanning it); created, with its word, when new.
   */
  at(text: string, start: number, end: number, hash: number): number {
    const { slots, chars, info } = this;
    const mask = (slots.length >> 1) - 1;
    const len = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const t = slots[2 * s];
      if (t < 0) break;
      if (slots[2 * s + 1] !== hash || info[t + RAW_LENGTH] !== len) continue;
      const from = info[t + RAW_CHARS];
      let i = 0;
      while (i < len && chars[from + i] === text.charCodeAt(start + i)) i++;
      if (i === len) return t;
    }
    return this.add(text, start, end, hash);
  }

  private add(text: string, start: number, end: number, hash: number): number {
    const t = this.infoUsed;
    this.infoUsed += RAW_FIELDS;
    if (this.infoUsed > this.info.length) this.info = grown(this.info, 2 * this.info.length);
    const len = end - start;
    const from = this.charsUsed;
    this.charsUsed += len;
    if (this.charsUsed > this.chars.length) this.chars = grown(this.chars, 2 * this.charsUsed);
    for (let i = 0; i < len; i++) this.chars[from + i] = text.charCodeAt(start + i);

    const token = text.slice(start, end);
    const entry = this.lexicon.entry(normalise(token));
    const c = token.charCodeAt(0);
    const capital = (c >= 65 && c <= 90) || (c > 127 && token[0] !== token[0].toLowerCase());
    const opener = capital || (c >= 48 && c <= 57);
    const abbreviation = isIndexAbbreviation(token);
    const lower = token.toLowerCase();
    const info = this.info;
    info[t + RAW_CHARS] = from;
    info[t + RAW_LENGTH] = len;
    info[t + RAW_WORD] = entry.id;
    info[t + RAW_STEM] = entry.stem;
    info[t + RAW_PREFIX] = entry.prefix;
    info[t + RAW_FLAGS] = entry.flags;
    info[t + RAW_TRAITS] = (capital ? RAW_CAPITAL : 0) | (opener ? RAW_OPENER : 0) | (abbreviation ? RAW_ABBREVIATION : 0) | (isPlacePreposition(lower) ? RAW_PREPOSITION : 0);
    info[t + RAW_COUNT] = 0;
    info[t + RAW_TYPES] = wordTypes(token, lower);

    let slots = this.slots;
    if (4 * this.infoUsed > slots.length * RAW_FIELDS) {
      // over half full: twice the slots, every token placed again
      const old = slots;
      slots = new Int32Array(old.length * 2).fill(-1);
      for (let s = 0; s < old.length; s += 2) if (old[s] >= 0) place(slots, old[s], old[s + 1]);
      this.slots = slots;
    }
    place(slots, t, hash);
    return t;
  }

  /** Adds each raw token's occurrences to its word's frequency (by word id). */
  addCounts(freq: Float64Array): void {
    const info = this.info;
    for (let t = 0; t < this.infoUsed; t += RAW_FIELDS) freq[info[t + RAW_WORD]] += info[t + RAW_COUNT];
  }

  /** Adds `sign` × each raw token's occurrences to its word's entry in `counts` (by word id; the words of a few articles). */
  addCountsTo(counts: Map<number, number>, sign: 1 | -1): void {
    const info = this.info;
    for (let t = 0; t < this.infoUsed; t += RAW_FIELDS) {
      const w = info[t + RAW_WORD];
      counts.set(w, (counts.get(w) ?? 0) + sign * info[t + RAW_COUNT]);
    }
  }
}

/** Every paragraph as content tokens (see Corpus), as tokenise leaves them. */
export interface Tokens extends CorpusTokens {
  /** Prefix ids: only needed to build the prefix index, so a corpus does not keep them. */
  prefixes: Int32Array;
}

/** The tokens a corpus keeps (see Corpus). */
export interface CorpusTokens {
  tokStart: Int32Array;
  stems: Int32Array;
  flags: Uint8Array;
  sentStart: Int32Array;
  sentTok: Int32Array;
  /** The answer types each sentence holds (answer-types.ts), by sentence like sentTok. */
  sentTypes: Uint16Array;
}

/**
 * Tokenises every paragraph of `articles` into content tokens and sentence starts, adding each
 * word to the vocabulary and counting its occurrences in `rawTokens`. This is most of a cold build, so it is a small function of its own
 * (less for V8 to compile before the loop runs optimised) and its growing arrays are local
 * variables (growing an array held in an object's field deoptimised the code reading it).
 */
export function tokenise(articles: readonly Article[], rawTokens: RawTokenTable): Tokens {
  let paraCount = 0;
  for (const a of articles) paraCount += a.paragraphs.length;
  let chars = 0;
  for (const a of articles) for (const para of a.paragraphs) chars += para.text.length;
  // English prose has about one content token per ten characters and one sentence per 160:
  // sized above that, so that they seldom grow.
  let capacity = (chars >> 3) + 16;
  let stems = new Int32Array(capacity);
  let prefixes = new Int32Array(capacity);
  let flags = new Uint8Array(capacity);
  let sentTok = new Int32Array((chars >> 6) + 16);
  let sentTypes = new Uint16Array(sentTok.length);
  const tokStart = new Int32Array(paraCount + 1);
  const sentStart = new Int32Array(paraCount + 1);
  let count = 0;
  let sentences = 0;
  let p = 0;
  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      tokStart[p] = count;
      sentStart[p] = sentences;
      p++;
      const text = paragraph.text;
      const n = text.length;
      let first = true;
      let prevEnd = 0;
      let afterAbbreviation = false;
      let afterPreposition = false;
      let k = 0;
      while (k < n) {
        let c = text.charCodeAt(k);
        if (!isWordChar(c)) {
          k++;
          continue;
        }
        // the word's extent and its hash for the vocabulary, in one pass
        const at = k;
        const c0 = c;
        let hash = FNV_OFFSET;
        do {
          hash = fnvStep(hash, c);
          c = ++k < n ? text.charCodeAt(k) : 0;
        } while (k < n && isWordChar(c));
        const t = rawTokens.at(text, at, k, hash);
        const info = rawTokens.info; // after `at`, which may have replaced it
        const traits = info[t + RAW_TRAITS];
        if (first || gapEndsSentence(text, prevEnd, at, (traits & RAW_OPENER) !== 0, afterAbbreviation)) {
          if (sentences === sentTok.length) {
            sentTok = grown(sentTok, 2 * sentences);
            sentTypes = grown(sentTypes, 2 * sentences);
          }
          sentTok[sentences++] = count;
          first = true;
        }
        let types = info[t + RAW_TYPES];
        if (c0 >= 48 && c0 <= 57) types |= numberContext(text, at, k);
        else if (afterPreposition && !first && (traits & RAW_CAPITAL) !== 0) types |= TYPE_PLACE;
        sentTypes[sentences - 1] |= types;
        info[t + RAW_COUNT]++;
        const stem = info[t + RAW_STEM];
        if (stem >= 0) {
          if (count === capacity) {
            capacity *= 2;
            stems = grown(stems, capacity);
            prefixes = grown(prefixes, capacity);
            flags = grown(flags, capacity);
          }
          stems[count] = stem;
          prefixes[count] = info[t + RAW_PREFIX];
          flags[count] = !first && (traits & RAW_CAPITAL) !== 0 ? info[t + RAW_FLAGS] | FLAG_CAPITAL : info[t + RAW_FLAGS];
          count++;
        }
        first = false;
        afterAbbreviation = (traits & RAW_ABBREVIATION) !== 0;
        afterPreposition = (traits & RAW_PREPOSITION) !== 0;
        prevEnd = k;
      }
    }
  }
  tokStart[paraCount] = count;
  sentStart[paraCount] = sentences;
  return {
    tokStart,
    stems: stems.slice(0, count),
    prefixes: prefixes.slice(0, count),
    flags: flags.slice(0, count),
    sentStart,
    sentTok: sentTok.slice(0, sentences),
    sentTypes: sentTypes.slice(0, sentences),
  };
}

/** Paragraphs [from, to) of `source` (a corpus or the tokens of some articles). */
export interface TokenRun<S extends CorpusTokens = CorpusTokens> {
  source: S;
  from: number;
  to: number;
}

/**
 * The tokens of `runs` laid end to end (offsets shifted) in arrays from `pool`, yielding when
 * `clock` says. For a whole build the runs are its slices; for an update, runs of the previous
 * corpus and of the articles added.
 */
export function* spliceTokens(runs: readonly TokenRun[], pool: ArrayPool, clock: SliceClock): Generator<void, CorpusTokens> {
  let paragraphs = 0,
    tokens = 0,
    sentences = 0;
  for (const { source, from, to } of runs) {
    paragraphs += to - from;
    tokens += source.tokStart[to] - source.tokStart[from];
    sentences += source.sentStart[to] - source.sentStart[from];
  }
  const tokStart = pool.take('tokStart', Int32Array, paragraphs + 1);
  const sentStart = pool.take('sentStart', Int32Array, paragraphs + 1);
  const sentTok = pool.take('sentTok', Int32Array, sentences);
  const sentTypes = pool.take('sentTypes', Uint16Array, sentences);
  let p = 0,
    k = 0,
    s = 0;
  for (const { source, from, to } of runs) {
    const k0 = source.tokStart[from],
      s0 = source.sentStart[from],
      s1 = source.sentStart[to];
    yield* copyShiftedInPieces(source.tokStart, from, to, tokStart, p, k - k0, clock);
    yield* copyShiftedInPieces(source.sentStart, from, to, sentStart, p, s - s0, clock);
    yield* copyShiftedInPieces(source.sentTok, s0, s1, sentTok, s, k - k0, clock);
    sentTypes.set(source.sentTypes.subarray(s0, s1), s);
    p += to - from;
    s += s1 - s0;
    k += source.tokStart[to] - k0;
  }
  tokStart[p] = k;
  sentStart[p] = s;
  yield* clock.pause();
  const stems = yield* copyRuns(runs, pool.take('stems', Int32Array, tokens), (t) => t.stems, clock);
  const flags = yield* copyRuns(runs, pool.take('flags', Uint8Array, tokens), (t) => t.flags, clock);
  return { tokStart, stems, flags, sentStart, sentTok, sentTypes };
}

/** Tokens copied at a time when spliced (well under a millisecond of work). */
const COPY_PIECE = 1 << 16;

/** One token array of `runs` laid end to end in `out`, in pieces of at most COPY_PIECE tokens, pausing when `clock` says. */
function* copyRuns<S extends CorpusTokens, T extends Int32Array | Uint8Array>(runs: readonly TokenRun<S>[], out: T, of: (t: S) => T, clock: SliceClock): Generator<void, T> {
  let at = 0;
  for (const { source, from, to } of runs) {
    for (let a = source.tokStart[from], b = source.tokStart[to]; a < b;) {
      const end = Math.min(b, a + COPY_PIECE);
      out.set(of(source).subarray(a, end), at);
      at += end - a;
      a = end;
      yield* clock.pause();
    }
  }
  return out;
}

/** copyShifted in pieces of at most COPY_PIECE elements, pausing when `clock` says (the first runs of a process are not optimised yet). */
function* copyShiftedInPieces(src: Int32Array, from: number, to: number, out: Int32Array, at: number, delta: number, clock: SliceClock): Generator<void, void> {
  for (let a = from; a < to; a += COPY_PIECE) {
    copyShifted(src, a, Math.min(to, a + COPY_PIECE), out, at + a - from, delta);
    yield* clock.pause();
  }
}

/** out[at + i − from] = src[i] + delta for i in [from, to) (a plain function: V8 optimises it, not a generator's loop). */
function copyShifted(src: Int32Array, from: number, to: number, out: Int32Array, at: number, delta: number): void {
  for (let i = from, o = at; i < to; i++, o++) out[o] = src[i] + delta;
}

/** The tokens of consecutive slices of the articles as one (offsets shifted, in arrays from `pool`), prefixes included. */
export function* joinTokens(slices: readonly Tokens[], pool: ArrayPool, clock: SliceClock): Generator<void, Tokens> {
  if (slices.length === 1) return slices[0];
  const runs = slices.map((source) => ({ source, from: 0, to: source.tokStart.length - 1 }));
  const tokens = yield* spliceTokens(runs, pool, clock);
  const prefixes = yield* copyRuns(runs, new Int32Array(tokens.stems.length), (t) => t.prefixes, clock);
  return { ...tokens, prefixes };
}

/** Consecutive runs of articles holding about `chars` characters of text each (at least one article). */
export function* slicesOf(articles: readonly Article[], chars: number): Generator<readonly Article[]> {
  let start = 0;
  let size = 0;
  for (let a = 0; a < articles.length; a++) {
    for (const p of articles[a].paragraphs) size += p.text.length;
    if (size >= chars) {
      yield articles.slice(start, a + 1);
      start = a + 1;
      size = 0;
    }
  }
  if (start < articles.length || articles.length === 0) yield articles.slice(start);
}

/**
 * The paragraphs of `articles` in runs of about `chars` characters each, an article cut between
 * paragraphs where a run ends: each run as articles holding their part of it, which `tokenise`
 * takes as it takes whole ones (it reads their paragraphs only, each on its own).
 */
export function* paragraphRuns(articles: readonly Article[], chars: number): Generator<readonly Article[]> {
  let run: Article[] = [];
  let size = 0;
  for (const article of articles) {
    const { paragraphs } = article;
    let from = 0;
    for (let i = 0; i < paragraphs.length; i++) {
      size += paragraphs[i].text.length;
      if (size < chars) continue;
      run.push(from === 0 && i === paragraphs.length - 1 ? article : { ...article, paragraphs: paragraphs.slice(from, i + 1) });
      yield run;
      run = [];
      size = 0;
      from = i + 1;
    }
    if (from < paragraphs.length) run.push(from === 0 ? article : { ...article, paragraphs: paragraphs.slice(from) });
  }
  if (run.length > 0 || articles.length === 0) yield run;
}

/**
 * What a corpus holds besides its articles' order: its vocabulary, tokens and inverted indexes, and
 * optionally the article-level statistics (worked out from the stem index when not given).
 */
export interface CorpusParts {
  vocab: Vocabulary;
  tokens: CorpusTokens;
  stemIndex: InvertedIndex;
  prefixIndex: InvertedIndex;
  /** Number of articles containing each stem. */
  articleDf?: Int32Array;
  /** Content-token length of each article. */
  articleLen?: Float64Array;
  /** Where the paragraph tables' arrays are taken from (see ArrayPool), for an update. */
  pool?: ArrayPool;
}

export class Corpus {
  readonly articles: readonly Article[];
  /** Paragraph p belongs to article paraArticle[p]; p-th paragraph is articles[a].paragraphs[paraIndex[p]]. */
  readonly paraArticle: Int32Array;
  readonly paraIndex: Int32Array;
  /** Article a owns paragraphs articleStart[a] .. articleStart[a+1]. */
  readonly articleStart: Int32Array;
  readonly articleById: Map<string, number>;
  /** Content tokens of paragraph p: [tokStart[p], tokStart[p+1]) in stems/flags. */
  readonly tokStart: Int32Array;
  readonly stems: Int32Array;
  readonly flags: Uint8Array;
  /** Sentence s of paragraph p starts at token sentTok[sentStart[p] + s]; sentStart has P+1 entries. */
  readonly sentStart: Int32Array;
  readonly sentTok: Int32Array;
  /** The answer types sentence s holds (answer-types.ts), a bit mask. */
  readonly sentTypes: Uint16Array;
  readonly avgSentenceLen: number;
  readonly stemIndex: InvertedIndex;
  readonly prefixIndex: InvertedIndex;
  /** Number of articles containing each stem. */
  readonly articleDf: Int32Array;
  /** Content-token length of each article. */
  readonly articleLen: Float64Array;
  readonly avgArticleLen: number;
  readonly vocab: Vocabulary;

  /** Builds the corpus of `articles` in one go. */
  static build(articles: readonly Article[]): Corpus {
    return finish(Corpus.steps(articles, Infinity, new ArrayPool()));
  }

  /**
   * Builds the corpus of `articles` in slices of about `sliceChars` characters of text, awaiting
   * `pause()` after each slice and each later stage, so that an event loop keeps serving while a
   * large library is indexed (the same corpus as `build`). Its large arrays are taken from `pool`
   * (the buffers of a retired index, for a rebuild in place of an update).
   */
  static async buildInSlices(articles: readonly Article[], pause: () => Promise<void>, sliceChars = SLICE_CHARS, pool = new ArrayPool()): Promise<Corpus> {
    return inSlices(Corpus.steps(articles, sliceChars, pool), pause);
  }

  /**
   * The build, yielding between slices of work; its large arrays are taken from `pool` (with
   * room to spare when new, so that the first updates can reuse them: see ArrayPool).
   */
  private static *steps(articles: readonly Article[], sliceChars: number, pool: ArrayPool): Generator<void, Corpus> {
    const lexicon = new Lexicon();
    const rawTokens = new RawTokenTable(lexicon);
    const slices: Tokens[] = [];
    for (const slice of slicesOf(articles, sliceChars)) {
      slices.push(tokenise(slice, rawTokens));
      yield;
    }
    const wordFreq = new Float64Array(lexicon.wordList.length);
    rawTokens.addCounts(wordFreq);
    const vocab = Vocabulary.counted(lexicon, wordFreq);
    const tokens = yield* joinTokens(slices, pool, new SliceClock());
    const stemIndex = InvertedIndex.build(tokens.stems, tokens.tokStart, lexicon.stemList.length, pool, 'stems');
    yield;
    const prefixIndex = InvertedIndex.build(tokens.prefixes, tokens.tokStart, lexicon.prefixList.length, pool, 'prefixes');
    yield;
    return new Corpus(articles, { vocab, tokens, stemIndex, prefixIndex });
  }

  /** A corpus from its parts (see CorpusParts), for corpora updated from another one. */
  static of(articles: readonly Article[], parts: CorpusParts): Corpus {
    return new Corpus(articles, parts);
  }

  private constructor(articles: readonly Article[], parts: CorpusParts) {
    const { vocab, tokens, stemIndex, prefixIndex } = parts;
    this.articles = articles;
    this.vocab = vocab;
    let paraCount = 0;
    for (const a of articles) paraCount += a.paragraphs.length;
    const pool = parts.pool ?? ArrayPool.exact();
    this.paraArticle = pool.take('paraArticle', Int32Array, paraCount);
    this.paraIndex = pool.take('paraIndex', Int32Array, paraCount);
    this.articleStart = new Int32Array(articles.length + 1);
    this.articleById = new Map();
    let p = 0;
    for (let a = 0; a < articles.length; a++) {
      const article = articles[a];
      if (!this.articleById.has(article.id)) this.articleById.set(article.id, a);
      this.articleStart[a] = p;
      for (let i = 0; i < article.paragraphs.length; i++, p++) {
        this.paraArticle[p] = a;
        this.paraIndex[p] = i;
      }
    }
    this.articleStart[articles.length] = p;
    this.tokStart = tokens.tokStart;
    this.stems = tokens.stems;
    this.flags = tokens.flags;
    this.sentStart = tokens.sentStart;
    this.sentTok = tokens.sentTok;
    this.sentTypes = tokens.sentTypes;
    const sentences = this.sentTok.length;
    this.avgSentenceLen = sentences ? Math.max(1, this.stems.length / sentences) : 1;
    this.stemIndex = stemIndex;
    this.prefixIndex = prefixIndex;

    // Article-level statistics for the article BM25 channel.
    const idx = this.stemIndex;
    if (parts.articleDf) {
      this.articleDf = parts.articleDf;
    } else {
      this.articleDf = new Int32Array(idx.termCount);
      for (let t = 0; t < idx.termCount; t++) {
        let last = -1,
          n = 0;
        for (let i = idx.offsets[t], end = idx.offsets[t + 1]; i < end; i++) {
          const art = this.paraArticle[idx.docs[i]];
          if (art !== last) {
            n++;
            last = art;
          }
        }
        this.articleDf[t] = n;
      }
    }
    if (parts.articleLen) {
      this.articleLen = parts.articleLen;
    } else {
      this.articleLen = new Float64Array(articles.length);
      for (let q = 0; q < paraCount; q++) this.articleLen[this.paraArticle[q]] += idx.docLen[q];
    }
    let total = 0;
    for (let a = 0; a < articles.length; a++) total += this.articleLen[a];
    this.avgArticleLen = articles.length ? Math.max(1, total / articles.length) : 1;
  }

  /** Article a's headline and lede stems (headline.ts), worked out when first asked for. */
  headlineOf(a: number): Int32Array {
    let stems = this.headlines[a];
    if (stems === undefined) this.headlines[a] = stems = headlineStems(this, a);
    return stems;
  }

  /** headlineOf's answers so far, by article. */
  private readonly headlines: (Int32Array | undefined)[] = [];

  /** The corpus's large arrays by name, as an update takes them from a pool (see ArrayPool). */
  arrays(): Record<string, PooledArray> {
    const { tokStart, stems, flags, sentStart, sentTok, sentTypes, paraArticle, paraIndex, articleDf } = this;
    const { wordFreq, stemFreq, prefixFreq } = this.vocab;
    return {
      tokStart,
      stems,
      flags,
      sentStart,
      sentTok,
      sentTypes,
      paraArticle,
      paraIndex,
      articleDf,
      wordFreq,
      stemFreq,
      prefixFreq,
      ...this.stemIndex.arrays('stems'),
      ...this.prefixIndex.arrays('prefixes'),
    };
  }

  get paragraphCount(): number {
    return this.paraArticle.length;
  }
}
