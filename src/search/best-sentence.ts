/**
 * The sentence shown with an answer: the paragraph cut by the display splitter
 * (src/text/sentences.ts), and the sentence that answers best by the ranker's sentence features
 * (features.ts): its BM25 for the question's terms, its BM25 over the question's words that are
 * not headline words, and whether it holds the kind of answer asked for next to such a word.
 */
import { sentenceSpans } from '../text/sentences.ts';
import { isWordChar } from '../text/words.ts';
import { QUANTITY_TYPES, textTypes } from './answer-types.ts';
import type { Corpus } from './corpus.ts';
import { markHeadlineTerms } from './headline.ts';
import { bm25Term } from './inverted-index.ts';
import type { Query } from './query.ts';
import type { Vocabulary } from './vocabulary.ts';
import { FEATURE_WEIGHTS, SENTENCE_BM25 } from './tuning.ts';
import { FNV_OFFSET, fnvStep } from '../text/fnv.ts';
import { grown } from './grown.ts';

/** A paragraph as the sentence splitter cuts it, each sentence with its content stems. */
export interface SplitParagraph {
  text: string;
  /** Sentence s is text[spans[2s], spans[2s + 1]) (see `sentenceSpans`). */
  spans: number[];
  /** The stems of sentence s are stems[stemStart[s], stemStart[s + 1]). */
  stems: Int32Array;
  stemStart: Int32Array;
  /** The answer types sentence s holds (`textTypes`), worked out when first needed (-1 until then). */
  types: Int32Array;
}

/** Sentence s of a split paragraph. */
export function sentenceOf(split: SplitParagraph, s: number): string {
  return split.text.slice(split.spans[2 * s], split.spans[2 * s + 1]);
}

/** Splits a paragraph's text into sentences and looks their words' stems up in `words`. */
export function splitParagraph(text: string, words: WordStems): SplitParagraph {
  const spans = sentenceSpans(text);
  const count = spans.length >> 1;
  const stemStart = new Int32Array(count + 1);
  // at most one word every two characters
  if (found.length <= text.length >> 1) found = new Int32Array(2 * (text.length >> 1) + 16);
  let n = 0;
  for (let s = 0; s < count; s++) {
    stemStart[s] = n;
    const end = spans[2 * s + 1];
    for (let k = spans[2 * s]; k < end;) {
      let c = text.charCodeAt(k);
      if (!isWordChar(c)) {
        k++;
        continue;
      }
      const at = k;
      let hash = FNV_OFFSET;
      do {
        hash = fnvStep(hash, c);
        c = ++k < end ? text.charCodeAt(k) : 0;
      } while (k < end && isWordChar(c));
      const stem = words.stem(text, at, k, hash);
      if (stem >= 0) found[n++] = stem;
    }
  }
  stemStart[count] = n;
  return { text, spans, stems: found.slice(0, n), stemStart, types: new Int32Array(count).fill(-1) };
}

/** splitParagraph's stems before they are copied out (grown for longer paragraphs). */
let found = new Int32Array(1024);

/** Beyond this many characters of distinct words, `WordStems` starts over: its memory stays under some 10 MiB. */
const WORD_STEMS_CHARS = 1 << 20;

/**
 * The stems of words as written (a vocabulary's lookupRaw, -1 for a stop word or a word it does
 * not hold), kept for every distinct raw word met, in an open-addressing table keyed by the
 * word's characters: a word seen before is found straight from the text, without slicing,
 * normalising or hashing a string (the shown sentence of each passage reads every word of it).
 */
export class WordStems {
  /** Slot pairs: a word's record offset (-1: empty) and its hash. */
  private slots = new Int32Array(1 << 13).fill(-1);
  private chars = new Uint16Array(1 << 14);
  /** Records of three numbers: where the word's characters start in `chars`, their count, the stem. */
  private records = new Int32Array(3 << 11);
  private recordsUsed = 0;
  private charsUsed = 0;

  constructor(
    private readonly vocab: Vocabulary,
    /** Beyond this many characters of distinct words the table starts over (a bound on its memory). */
    private readonly maxChars = WORD_STEMS_CHARS,
  ) {}

  /** The stem of the word text[start, end), whose FNV-1a hash over its characters is `hash`. */
  stem(text: string, start: number, end: number, hash: number): number {
    const { slots, chars, records } = this;
    const mask = (slots.length >> 1) - 1;
    const len = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const r = slots[2 * s];
      if (r < 0) break;
      if (slots[2 * s + 1] !== hash || records[r + 1] !== len) continue;
      const from = records[r];
      let i = 0;
      while (i < len && chars[from + i] === text.charCodeAt(start + i)) i++;
      if (i === len) return records[r + 2];
    }
    const entry = this.vocab.lookupRaw(text.slice(start, end));
    const stem = entry ? entry.stem : -1;
    this.add(text, start, end, hash, stem);
    return stem;
  }

  private add(text: string, start: number, end: number, hash: number, stem: number): void {
    const len = end - start;
    if (this.charsUsed + len > this.maxChars) this.clear();
    if (this.charsUsed + len > this.chars.length) this.chars = grown(this.chars, Math.max(this.charsUsed + len, Math.min(this.maxChars, 2 * this.chars.length)));
    if (this.recordsUsed + 3 > this.records.length) this.records = grown(this.records, 2 * this.records.length);
    const r = this.recordsUsed;
    this.recordsUsed += 3;
    const from = this.charsUsed;
    this.charsUsed += len;
    for (let i = 0; i < len; i++) this.chars[from + i] = text.charCodeAt(start + i);
    this.records[r] = from;
    this.records[r + 1] = len;
    this.records[r + 2] = stem;
    if (4 * this.recordsUsed > 3 * this.slots.length) {
      // over half full: twice the slots, every word placed again
      const old = this.slots;
      this.slots = new Int32Array(2 * old.length).fill(-1);
      for (let s = 0; s < old.length; s += 2) if (old[s] >= 0) this.place(old[s], old[s + 1]);
    }
    this.place(r, hash);
  }

  private place(r: number, hash: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let s = hash & mask;
    while (slots[2 * s] >= 0) s = (s + 1) & mask;
    slots[2 * s] = r;
    slots[2 * s + 1] = hash;
  }

  private clear(): void {
    this.slots.fill(-1);
    this.recordsUsed = 0;
    this.charsUsed = 0;
  }
}

/**
 * Which of a paragraph's sentences (as the sentence splitter gives them) answers best, paragraph
 * `p` (global number) scored as the ranker scores its sentences (see the top of this file); the
 * first sentence when none matches.
 */
export function pickSentence(split: SplitParagraph, query: Query, corpus: Corpus, p: number): number {
  const nq = query.terms.length;
  let stems = corpus.vocab.stemList.length;
  for (const t of query.terms) stems = Math.max(stems, t.stem + 1);
  if (termOfStem.length < stems) termOfStem = new Int32Array(stems + (stems >> 2)).fill(-1);
  const termOf = termOfStem;
  for (let q = 0; q < nq; q++) if (query.terms[q].stem >= 0) termOf[query.terms[q].stem] = q;
  const best = bestSentence(split, query, corpus, p, termOf);
  for (const t of query.terms) if (t.stem >= 0) termOf[t.stem] = -1;
  return best;
}

/** The query term of each stem while `pickSentence` runs (-1 for none; all -1 between calls). */
let termOfStem = new Int32Array(0);

/** pickSentence's work, `termOf` giving each stem's query term (-1 or undefined for none). */
function bestSentence(split: SplitParagraph, query: Query, corpus: Corpus, p: number, termOf: Int32Array): number {
  const weights = FEATURE_WEIGHTS;
  const nq = query.terms.length;
  const headline = markHeadlineTerms(corpus, corpus.paraArticle[p], (stem) => termOf[stem], new Uint8Array(nq));
  let best = 0,
    bestScore = 0;
  const tf = new Float64Array(nq);
  const { stems, stemStart } = split;
  for (let s = 0; s < stemStart.length - 1; s++) {
    tf.fill(0);
    const from = stemStart[s];
    const length = stemStart[s + 1] - from;
    for (let i = from; i < from + length; i++) {
      const q = termOf[stems[i]];
      if (q >= 0) tf[q]++;
    }
    let score = 0,
      fresh = 0,
      news = false;
    for (let q = 0; q < nq; q++) {
      const t = query.terms[q];
      if (!tf[q] || (t.expansion && tf[t.of])) continue;
      const bm25 = t.weight * bm25Term(t.idf, tf[q], length, corpus.avgSentenceLen, SENTENCE_BM25);
      score += bm25;
      if (!headline[q] && !(t.expansion && headline[t.of])) {
        fresh += bm25;
        news = true;
      }
    }
    let value = weights.sentence * score + weights.fresh * fresh;
    if (news && query.types) {
      if (split.types[s] < 0) split.types[s] = textTypes(sentenceOf(split, s));
      const typed = split.types[s] & query.types;
      if (typed & QUANTITY_TYPES) value += weights.quantityNear * query.mass;
      if (typed & ~QUANTITY_TYPES) value += weights.otherTypeNear * query.mass;
    }
    if (value > bestScore) {
      bestScore = value;
      best = s;
    }
  }
  return best;
}
