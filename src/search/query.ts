/**
 * Question → query: the question's content words as weighted terms (stem, prefix, IDFs), in
 * question order for the pair features, and the kind of answer it asks for (a date, a number, a
 * person). A word the corpus does not know is spell-corrected here.
 */
import { STOP_WORDS } from '../text/stop-words.ts';
import { normalise, rawWords } from '../text/words.ts';
import type { Corpus } from './corpus.ts';
import { bm25Idf } from './inverted-index.ts';
import type { SpellCorrector } from './spell.ts';
import { prefix5 } from './vocabulary.ts';
import { english } from './english.ts';
import { RELATED_WORDS, type RelatedWeights } from './tuning.ts';
import { questionTypes } from './answer-types.ts';

export type AnswerType = 'date' | 'number' | 'person' | null;

export interface QueryTerm {
  /** The normalised word as asked (before correction). */
  word: string;
  /** The vocabulary word it was corrected to, when it was. */
  corrected?: string;
  /** Stem id, -1 when the corpus has no such stem. */
  stem: number;
  prefix: number;
  idf: number;
  prefixIdf: number;
  articleIdf: number;
  weight: number;
  /**
   * How much a match of this term counts as evidence that a passage is about the question (0..1):
   * 1 for a word as asked; 0 for an English word the articles lack that was spell-corrected into
   * one they have ("thanks" → "thanked": still ranked on, but no evidence); the relation's factor
   * for a related word (an expansion).
   */
  evidence: number;
  /** How rare the word is in general English: 7.5 − its Zipf value (0..7.5; 7.5 = not an English word). */
  rarity: number;
  /** Added for another question word (a synonym, a derived form…), not asked: left out of the question's masses. */
  expansion: boolean;
  /** For an expansion, the index in `terms` of the question word it stands for; -1 otherwise. */
  of: number;
  /** A question-frame word ("the name of", "called"): ranked on, but not evidence that must be found. */
  frame: boolean;
}

export interface Query {
  /** Distinct content terms. */
  terms: QueryTerm[];
  /** Indexes into `terms` in question order (with repeats), for bigrams. */
  sequence: number[];
  /** Σ idf × weight over all terms (known or not): the question's information to account for. */
  mass: number;
  prefixMass: number;
  articleMass: number;
  /** Σ weight × IDF of the asked words, frame words aside (an English word the articles lack at unknownIdf): the evidence to account for. */
  evidenceMass: number;
  /** The IDF of a word no paragraph has: what an unmatched English word weighs as missing evidence. */
  unknownIdf: number;
  type: AnswerType;
  /** The kinds of answer asked for, finer grained (answer-types.ts: a bit mask; 0 for none). */
  types: number;
}

/** A stem related to a question word and present in the corpus, with what ranking needs of it. */
interface Relative {
  word: string;
  stem: number;
  idf: number;
  articleIdf: number;
  /** The relation's factor (RelatedWeights.near or .far). */
  factor: number;
}

/** Per corpus (immutable: an update makes a new one), the relatives of each stem asked about, with the default weights. */
const relativesMemo = new WeakMap<Corpus, Map<string, Relative[]>>();
/** Distinct stems remembered per corpus before the memo starts over. */
const RELATIVES_MEMO_SIZE = 20_000;

/**
 * The corpus's stems related in meaning to `stem` (english.ts: synonyms and derived forms at
 * `near`, broader, narrower, similar and opposite words at `far`), leaving out those too common in
 * the corpus to say much (RelatedWeights.commonShare). Remembered per corpus for the default weights.
 */
function relativesOf(stem: string, corpus: Corpus, weights: RelatedWeights): Relative[] {
  let memo = weights === RELATED_WORDS ? relativesMemo.get(corpus) : undefined;
  const known = memo?.get(stem);
  if (known) return known;
  const vocab = corpus.vocab;
  const A = corpus.articles.length;
  const maxDf = Math.max(weights.commonFloor, weights.commonShare * corpus.paragraphCount);
  const related = english().related(stem);
  const out: Relative[] = [];
  for (const [list, factor] of [
    [related.near, weights.near],
    [related.far, weights.far],
  ] as const) {
    if (factor <= 0) continue;
    for (const s of list) {
      const id = vocab.stems.get(s);
      if (id === undefined || corpus.stemIndex.df(id) > maxDf) continue;
      out.push({ word: s, stem: id, idf: corpus.stemIndex.idf(id), articleIdf: bm25Idf(A, corpus.articleDf[id]), factor });
    }
  }
  if (weights === RELATED_WORDS) {
    if (!memo || memo.size >= RELATIVES_MEMO_SIZE) relativesMemo.set(corpus, (memo = new Map<string, Relative[]>()));
    memo.set(stem, out);
  }
  return out;
}

/**
 * Adds, for each question word, its relatives in the corpus (relativesOf) as expansion terms: they
 * rank and count as evidence at their relation's fraction of a match of the word itself. Words the
 * corpus lacks are expanded too ("shut" finds "close"); a stem already in the question is not added.
 */
function expand(terms: QueryTerm[], stemAt: Map<number, number>, corpus: Corpus, weights: RelatedWeights): void {
  const prefixIdf = bm25Idf(corpus.paragraphCount, 0);
  const asked = terms.length;
  for (let i = 0; i < asked; i++) {
    const t = terms[i];
    if (t.frame || t.word.length < 3 || t.rarity < weights.minRarity) continue;
    for (const r of relativesOf(corpus.vocab.stemOf(t.word), corpus, weights)) {
      if (stemAt.has(r.stem)) continue;
      stemAt.set(r.stem, terms.length);
      terms.push({
        word: r.word,
        stem: r.stem,
        prefix: -1,
        idf: r.idf,
        prefixIdf,
        articleIdf: r.articleIdf,
        weight: r.factor * (t.evidence > 0 ? t.weight : 1),
        evidence: 1,
        rarity: t.rarity,
        expansion: true,
        of: i,
        frame: false,
      });
    }
  }
}

/** 7.5 − Zipf: about 0 for "the", 2 for "today", 5 for "embassy", 7.5 for a name English lacks. */
export function rarityOf(word: string): number {
  return Math.max(0, 7.5 - english().zipf(word));
}

/**
 * A lead-in that asks for a story rather than a fact ("tell me about", "any news on", "what
 * happened in", "what's the latest on"): its words say nothing of what the story is about, and a
 * story need not contain them, so they are not searched (see `storyLeadIn`).
 */
const STORY_LEAD_IN = new RegExp(
  [
    String.raw`^(?:(?:can|could|would) you\s+)?(?:please\s+)?(?:tell|show|give)\s+(?:me|us)\s+(?:(?:more|something|anything|everything)\s+)?about\b`,
    String.raw`^(?:(?:is|are) there\s+)?(?:any|some)\s+(?:(?:more|new|fresh|recent)\s+)?(?:news|updates?|info|information|word)\s+(?:on|about|from|regarding)\b`,
    String.raw`^what(?:['’]?s|\s+is)\s+(?:the\s+)?(?:latest|news|update|story|situation)\s+(?:on|about|with|in|at|from|regarding)\b`,
    String.raw`^what(?:['’]?s|\s+is)\s+(?:happening|going\s+on)\s+(?:in|at|with|to|on)\b`,
    String.raw`^what\s+(?:has\s+|have\s+)?happened\s+(?:in|at|to|with|on)\b`,
    String.raw`^(?:the\s+)?(?:latest\s+)?(?:news|updates?)\s+(?:on|about|from)\b`,
  ].join('|'),
  'i',
);

/** How many characters of `question` are a story lead-in (STORY_LEAD_IN), 0 when it has none. */
export function storyLeadIn(question: string): number {
  const trimmed = question.trimStart();
  const m = STORY_LEAD_IN.exec(trimmed);
  return m ? question.length - trimmed.length + m[0].length : 0;
}

/** Words that frame a question rather than name what it is about. */
const FRAME_WORDS = new Set(['name', 'names', 'named', 'called', 'kind', 'type', 'example']);

/** The kind of answer a question asks for, from its wording ("how many", "when", "who"). */
export function answerType(question: string): AnswerType {
  const q = question.toLowerCase();
  if (/\bhow (many|much)\b|\bwhat (number|percentage|amount)\b/.test(q)) return 'number';
  if (/\bwhen\b|\bwhat (year|century|decade|date|month|day)\b|\bwhich (year|century|decade|month)\b/.test(q)) return 'date';
  if (/\bwho(m|se)?\b|\b(what|which) (is|was|are|were) (the |his |her |its |their )?names?\b/.test(q)) return 'person';
  return null;
}

/**
 * Scores how well a candidate stem fits the rest of the question: the best BM25 that the
 * question's known words reach in a paragraph containing the candidate (0 when none does).
 */
export type ContextScore = (known: readonly QueryTerm[]) => ((stem: number) => number) | null;

/**
 * Turns a question into weighted content terms. A word whose stem the corpus lacks is corrected
 * to the closest vocabulary word or stem (SymSpell); among equally close candidates the one that
 * co-occurs best with the question's other words wins (`context`), else the most frequent.
 * A corrected word weighs `correctedWeight` (tuning.ts: CORRECTED_WORD_WEIGHT).
 */
export function analyse(
  question: string,
  corpus: Corpus,
  spell: SpellCorrector | null,
  correctedWeight: number,
  context?: ContextScore,
  related: RelatedWeights = RELATED_WORDS,
): Query {
  const vocab = corpus.vocab;
  const N = corpus.paragraphCount;
  const A = corpus.articles.length;
  /** Where each stem, and each word the corpus lacks, is in `terms`. */
  const stemAt = new Map<number, number>();
  const wordAt = new Map<string, number>();
  const terms: QueryTerm[] = [];
  const sequence: number[] = [];
  const pending: { at: number; word: string; candidates: { word: string; stem: number }[] }[] = [];

  const addTerm = (word: string, used: string, stem: number, corrected: string | undefined): number => {
    let at = stem >= 0 ? stemAt.get(stem) : wordAt.get(word);
    if (at === undefined) {
      at = terms.length;
      if (stem >= 0) stemAt.set(stem, at);
      else wordAt.set(word, at);
      const prefix = vocab.prefixes.get(prefix5(used)) ?? -1;
      terms.push({
        word,
        corrected,
        stem,
        prefix,
        idf: stem >= 0 ? corpus.stemIndex.idf(stem) : bm25Idf(N, 0),
        prefixIdf: prefix >= 0 ? corpus.prefixIndex.idf(prefix) : bm25Idf(N, 0),
        articleIdf: bm25Idf(A, stem >= 0 ? corpus.articleDf[stem] : 0),
        weight: corrected ? correctedWeight : 1,
        evidence: corrected && english().has(word) ? 0 : 1,
        rarity: rarityOf(word),
        expansion: false,
        of: -1,
        frame: FRAME_WORDS.has(word) || word.length === 1,
      });
    }
    return at;
  };

  const asked = question.slice(storyLeadIn(question));
  for (const raw of rawWords(asked)) {
    const word = normalise(raw);
    if (STOP_WORDS.has(word)) continue;
    const known = vocab.lookup(word);
    const stem = known ? known.stem : (vocab.stems.get(vocab.stemOf(word)) ?? -1);
    if (stem < 0 && spell && !vocab.lookup(word) && /^[a-z]+$/.test(word)) {
      const found = spell.candidates(word).filter((c) => c.distance > 0);
      if (found.length) {
        if (STOP_WORDS.has(found[0].word) && found.length === 1) continue;
        const candidates = found.map((c) => ({ word: c.word, stem: vocab.lookup(c.word)?.stem ?? vocab.stems.get(c.word) ?? -1 }));
        sequence.push(-1);
        pending.push({ at: sequence.length - 1, word, candidates });
        continue;
      }
    }
    sequence.push(addTerm(word, word, stem, undefined));
  }

  if (pending.length) {
    const scoreOf = context ? context(terms.filter((t) => t.stem >= 0)) : null;
    for (const { at, word, candidates } of pending) {
      let choice = candidates[0]; // most frequent
      if (scoreOf && candidates.length > 1) {
        let best = 0;
        for (const c of candidates) {
          if (c.stem < 0) continue;
          const v = scoreOf(c.stem);
          if (v > best) {
            best = v;
            choice = c;
          }
        }
      }
      if (choice.stem < 0) {
        sequence[at] = -1; // corrected to a stop word: nothing to search for
        continue;
      }
      sequence[at] = addTerm(word, choice.word, choice.stem, choice.word);
    }
  }
  const seq = sequence.filter((i) => i >= 0);
  const own = terms.length;
  if (related.near > 0 || related.far > 0) expand(terms, stemAt, corpus, related);

  let mass = 0,
    prefixMass = 0,
    articleMass = 0;
  for (const t of terms.slice(0, own)) {
    mass += t.idf * t.weight;
    prefixMass += t.prefixIdf * t.weight;
    articleMass += t.articleIdf * t.weight;
  }
  const unknownIdf = bm25Idf(N, 0);
  let evidenceMass = 0;
  for (const t of terms.slice(0, own)) if (!t.frame) evidenceMass += t.evidence > 0 ? t.weight * t.idf : unknownIdf;
  return { terms, sequence: seq, mass, prefixMass, articleMass, evidenceMass, unknownIdf, type: answerType(asked), types: questionTypes(asked) };
}
