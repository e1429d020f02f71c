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
  type: AnswerType;
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
export function analyse(question: string, corpus: Corpus, spell: SpellCorrector | null, correctedWeight: number, context?: ContextScore): Query {
  const vocab = corpus.vocab;
  const N = corpus.paragraphCount;
  const A = corpus.articles.length;
  const byKey = new Map<string, number>();
  const terms: QueryTerm[] = [];
  const sequence: number[] = [];
  const pending: { at: number; word: string; candidates: { word: string; stem: number }[] }[] = [];

  const addTerm = (word: string, used: string, stem: number, corrected: string | undefined): number => {
    const key = stem >= 0 ? `#${stem}` : `?${word}`;
    let at = byKey.get(key);
    if (at === undefined) {
      at = terms.length;
      byKey.set(key, at);
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
        frame: FRAME_WORDS.has(word) || word.length === 1,
      });
    }
    return at;
  };

  for (const raw of rawWords(question)) {
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

  let mass = 0, prefixMass = 0, articleMass = 0;
  for (const t of terms) {
    mass += t.idf * t.weight;
    prefixMass += t.prefixIdf * t.weight;
    articleMass += t.articleIdf * t.weight;
  }
  return { terms, sequence: seq, mass, prefixMass, articleMass, type: answerType(question) };
}
