/**
 * The indexed corpus: every paragraph of every article as content-word tokens in flat typed
 * arrays (stem id, 5-character-prefix id, flags), sentence boundaries as token offsets, and two
 * inverted indexes (stems, prefixes). Built once; read-only afterwards.
 */
import { gapEndsSentence, isIndexAbbreviation } from '../text/sentences.ts';
import { isWordChar, normalise } from '../text/words.ts';
import type { Article } from '../types.ts';
import { InvertedIndex } from './inverted-index.ts';
import { FLAG_CAPITAL, Vocabulary } from './vocabulary.ts';

/** How much text `Corpus.buildInSlices` tokenises between pauses (some 10-30 ms of work). */
const SLICE_CHARS = 400_000;

const FNV_OFFSET = 0x811c9dc5;

/** One step of FNV-1a: the hash of a word (from FNV_OFFSET) after its next character `c`. */
function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

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
const RAW_TRAITS = 6; // RAW_CAPITAL | RAW_OPENER | RAW_ABBREVIATION
const RAW_COUNT = 7; // occurrences so far
const RAW_FIELDS = 8;
/** Starts with a capital letter. */
const RAW_CAPITAL = 1;
/** Starts with a capital letter or a digit, so it may open a sentence. */
const RAW_OPENER = 2;
/** An initial or a known abbreviation: a period after it ends no sentence. */
const RAW_ABBREVIATION = 4;

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
class RawTokenTable {
  private slots = new Int32Array(2 << 8).fill(-1);
  private chars = new Uint16Array(1 << 10);
  /** The tokens' records, RAW_FIELDS numbers each. */
  info = new Int32Array(RAW_FIELDS << 7);
  /** How much of `info` and of `chars` is in use. */
  private infoUsed = 0;
  private charsUsed = 0;

  constructor(private readonly vocab: Vocabulary) {}

  /**
   * The record offset of the raw token text[start, end), given its hash (hashStep over its
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
    if (this.infoUsed > this.info.length) this.info = resized(this.info, 2 * this.info.length);
    const len = end - start;
    const from = this.charsUsed;
    this.charsUsed += len;
    if (this.charsUsed > this.chars.length) this.chars = resized(this.chars, 2 * this.charsUsed);
    for (let i = 0; i < len; i++) this.chars[from + i] = text.charCodeAt(start + i);

    const token = text.slice(start, end);
    const entry = this.vocab.entry(normalise(token));
    const c = token.charCodeAt(0);
    const capital = (c >= 65 && c <= 90) || (c > 127 && token[0] !== token[0].toLowerCase());
    const opener = capital || (c >= 48 && c <= 57);
    const abbreviation = isIndexAbbreviation(token);
    const info = this.info;
    info[t + RAW_CHARS] = from;
    info[t + RAW_LENGTH] = len;
    info[t + RAW_WORD] = entry.id;
    info[t + RAW_STEM] = entry.stem;
    info[t + RAW_PREFIX] = entry.prefix;
    info[t + RAW_FLAGS] = entry.flags;
    info[t + RAW_TRAITS] = (capital ? RAW_CAPITAL : 0) | (opener ? RAW_OPENER : 0) | (abbreviation ? RAW_ABBREVIATION : 0);
    info[t + RAW_COUNT] = 0;

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
  addCounts(freq: number[]): void {
    const info = this.info;
    for (let t = 0; t < this.infoUsed; t += RAW_FIELDS) freq[info[t + RAW_WORD]] += info[t + RAW_COUNT];
  }
}

/** A copy of `a` with room for `length` elements (for arrays that grow while they are filled). */
function resized<T extends Int32Array | Uint16Array | Uint8Array>(a: T, length: number): T {
  const next = new (a.constructor as new (length: number) => T)(length);
  next.set(a);
  return next;
}

/** Every paragraph as content tokens (see Corpus), as tokenise leaves them. */
interface Tokens {
  tokStart: Int32Array;
  stems: Int32Array;
  prefixes: Int32Array;
  flags: Uint8Array;
  sentStart: Int32Array;
  sentTok: Int32Array;
}

/**
 * Tokenises every paragraph of `articles` into content tokens and sentence starts, adding each
 * word to the vocabulary and counting its occurrences in `rawTokens`. This is most of a cold build, so it is a small function of its own
 * (less for V8 to compile before the loop runs optimised) and its growing arrays are local
 * variables (growing an array held in an object's field deoptimised the code reading it).
 */
function tokenise(articles: readonly Article[], rawTokens: RawTokenTable): Tokens {
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
      let k = 0;
      while (k < n) {
        let c = text.charCodeAt(k);
        if (!isWordChar(c)) {
          k++;
          continue;
        }
        // the word's extent and its hash for the vocabulary, in one pass
        const at = k;
        let hash = FNV_OFFSET;
        do {
          hash = hashStep(hash, c);
          c = ++k < n ? text.charCodeAt(k) : 0;
        } while (k < n && isWordChar(c));
        const t = rawTokens.at(text, at, k, hash);
        const info = rawTokens.info; // after `at`, which may have replaced it
        const traits = info[t + RAW_TRAITS];
        if (first || gapEndsSentence(text, prevEnd, at, (traits & RAW_OPENER) !== 0, afterAbbreviation)) {
          if (sentences === sentTok.length) sentTok = resized(sentTok, 2 * sentences);
          sentTok[sentences++] = count;
          first = true;
        }
        info[t + RAW_COUNT]++;
        const stem = info[t + RAW_STEM];
        if (stem >= 0) {
          if (count === capacity) {
            capacity *= 2;
            stems = resized(stems, capacity);
            prefixes = resized(prefixes, capacity);
            flags = resized(flags, capacity);
          }
          stems[count] = stem;
          prefixes[count] = info[t + RAW_PREFIX];
          flags[count] = !first && (traits & RAW_CAPITAL) !== 0 ? info[t + RAW_FLAGS] | FLAG_CAPITAL : info[t + RAW_FLAGS];
          count++;
        }
        first = false;
        afterAbbreviation = (traits & RAW_ABBREVIATION) !== 0;
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
  };
}

/** The tokens of consecutive slices of the articles as one (offsets shifted). */
function joinTokens(slices: readonly Tokens[]): Tokens {
  if (slices.length === 1) return slices[0];
  let paragraphs = 0, tokens = 0, sentences = 0;
  for (const t of slices) {
    paragraphs += t.tokStart.length - 1;
    tokens += t.stems.length;
    sentences += t.sentTok.length;
  }
  const out: Tokens = {
    tokStart: new Int32Array(paragraphs + 1),
    stems: new Int32Array(tokens),
    prefixes: new Int32Array(tokens),
    flags: new Uint8Array(tokens),
    sentStart: new Int32Array(paragraphs + 1),
    sentTok: new Int32Array(sentences),
  };
  let p = 0, k = 0, s = 0;
  for (const t of slices) {
    const n = t.tokStart.length - 1;
    for (let i = 0; i < n; i++) {
      out.tokStart[p + i] = t.tokStart[i] + k;
      out.sentStart[p + i] = t.sentStart[i] + s;
    }
    for (let i = 0; i < t.sentTok.length; i++) out.sentTok[s + i] = t.sentTok[i] + k;
    out.stems.set(t.stems, k);
    out.prefixes.set(t.prefixes, k);
    out.flags.set(t.flags, k);
    p += n;
    k += t.stems.length;
    s += t.sentTok.length;
  }
  out.tokStart[p] = k;
  out.sentStart[p] = s;
  return out;
}

/** Consecutive runs of articles holding about `chars` characters of text each (at least one article). */
function* slicesOf(articles: readonly Article[], chars: number): Generator<readonly Article[]> {
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

export class Corpus {
  readonly articles: readonly Article[];
  /** Paragraph p belongs to article paraArticle[p]; p-th paragraph is articles[a].paragraphs[paraIndex[p]]. */
  readonly paraArticle: Int32Array;
  readonly paraIndex: Int32Array;
  /** Article a owns paragraphs articleStart[a] .. articleStart[a+1]. */
  readonly articleStart: Int32Array;
  readonly articleById: Map<string, number>;
  /** Content tokens of paragraph p: [tokStart[p], tokStart[p+1]) in stems/prefixes/flags. */
  readonly tokStart: Int32Array;
  readonly stems: Int32Array;
  readonly prefixes: Int32Array;
  readonly flags: Uint8Array;
  /** Sentence s of paragraph p starts at token sentTok[sentStart[p] + s]; sentStart has P+1 entries. */
  readonly sentStart: Int32Array;
  readonly sentTok: Int32Array;
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
    const steps = Corpus.steps(articles, Infinity);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Builds the corpus of `articles` in slices of about `sliceChars` characters of text, awaiting
   * `pause()` after each slice and each later stage, so that an event loop keeps serving while a
   * large library is indexed (the same corpus as `build`).
   */
  static async buildInSlices(articles: readonly Article[], pause: () => Promise<void>, sliceChars = SLICE_CHARS): Promise<Corpus> {
    const steps = Corpus.steps(articles, sliceChars);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await pause();
    }
  }

  /** The build, yielding between slices of work. */
  private static *steps(articles: readonly Article[], sliceChars: number): Generator<void, Corpus> {
    const vocab = new Vocabulary();
    const rawTokens = new RawTokenTable(vocab);
    const slices: Tokens[] = [];
    for (const slice of slicesOf(articles, sliceChars)) {
      slices.push(tokenise(slice, rawTokens));
      yield;
    }
    rawTokens.addCounts(vocab.wordFreq);
    const tokens = joinTokens(slices);
    const stemIndex = InvertedIndex.build(tokens.stems, tokens.tokStart, vocab.stems.size);
    yield;
    const prefixIndex = InvertedIndex.build(tokens.prefixes, tokens.tokStart, vocab.prefixes.size);
    yield;
    return new Corpus(articles, vocab, tokens, stemIndex, prefixIndex);
  }

  private constructor(articles: readonly Article[], vocab: Vocabulary, tokens: Tokens, stemIndex: InvertedIndex, prefixIndex: InvertedIndex) {
    this.articles = articles;
    this.vocab = vocab;
    let paraCount = 0;
    for (const a of articles) paraCount += a.paragraphs.length;
    this.paraArticle = new Int32Array(paraCount);
    this.paraIndex = new Int32Array(paraCount);
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
    this.prefixes = tokens.prefixes;
    this.flags = tokens.flags;
    this.sentStart = tokens.sentStart;
    this.sentTok = tokens.sentTok;
    const sentences = this.sentTok.length;
    this.avgSentenceLen = sentences ? Math.max(1, this.stems.length / sentences) : 1;
    this.stemIndex = stemIndex;
    this.prefixIndex = prefixIndex;

    // Article-level statistics for the article BM25 channel.
    const idx = this.stemIndex;
    this.articleDf = new Int32Array(idx.termCount);
    for (let t = 0; t < idx.termCount; t++) {
      let last = -1, n = 0;
      for (let i = idx.offsets[t], end = idx.offsets[t + 1]; i < end; i++) {
        const art = this.paraArticle[idx.docs[i]];
        if (art !== last) {
          n++;
          last = art;
        }
      }
      this.articleDf[t] = n;
    }
    this.articleLen = new Float64Array(articles.length);
    let total = 0;
    for (let q = 0; q < paraCount; q++) {
      this.articleLen[this.paraArticle[q]] += idx.docLen[q];
      total += idx.docLen[q];
    }
    this.avgArticleLen = articles.length ? Math.max(1, total / articles.length) : 1;
  }

  get paragraphCount(): number {
    return this.paraArticle.length;
  }

  /** Frequency of `term` in article `a` (sum over its paragraphs). */
  articleTf(term: number, a: number): number {
    const idx = this.stemIndex;
    if (term < 0 || term >= idx.termCount) return 0;
    const lo = this.articleStart[a], hi = this.articleStart[a + 1];
    let i = idx.offsets[term];
    let end = idx.offsets[term + 1];
    // binary search for the first posting at or after lo
    while (i < end) {
      const mid = (i + end) >>> 1;
      if (idx.docs[mid] < lo) i = mid + 1;
      else end = mid;
    }
    let tf = 0;
    for (const stop = idx.offsets[term + 1]; i < stop && idx.docs[i] < hi; i++) tf += idx.tfs[i];
    return tf;
  }
}
