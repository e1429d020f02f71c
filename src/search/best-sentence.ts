/**
 * The sentence shown with an answer: the paragraph cut by the display splitter
 * (src/text/sentences.ts), and the sentence that answers best by the ranker's sentence features
 * (features.ts): its BM25 for the question's terms, its BM25 over the question's words that are
 * not headline words, and whether it holds the kind of answer asked for next to such a word.
 */
import { splitSentences } from '../text/sentences.ts';
import { rawWords } from '../text/words.ts';
import { QUANTITY_TYPES, textTypes } from './answer-types.ts';
import type { Corpus } from './corpus.ts';
import { markHeadlineTerms } from './headline.ts';
import { bm25Term } from './inverted-index.ts';
import type { Query } from './query.ts';
import { FEATURE_WEIGHTS, SENTENCE_BM25 } from './tuning.ts';

/** A paragraph as the sentence splitter cuts it, each sentence with its content stems. */
export interface SplitParagraph {
  sentences: string[];
  stems: Int32Array[];
}

/** Splits a paragraph's text into sentences and looks their words up in the vocabulary (read-only). */
export function splitParagraph(text: string, corpus: Corpus): SplitParagraph {
  const sentences = splitSentences(text);
  const stems = sentences.map((sentence) => {
    const ids: number[] = [];
    for (const raw of rawWords(sentence)) {
      const e = corpus.vocab.lookupRaw(raw);
      if (e && e.stem >= 0) ids.push(e.stem);
    }
    return Int32Array.from(ids);
  });
  return { sentences, stems };
}

/**
 * Which of a paragraph's sentences (as the sentence splitter gives them) answers best, paragraph
 * `p` (global number) scored as the ranker scores its sentences (see the top of this file); the
 * first sentence when none matches.
 */
export function pickSentence(split: SplitParagraph, query: Query, corpus: Corpus, p: number): number {
  const weights = FEATURE_WEIGHTS;
  const stemToQ = new Map<number, number>();
  query.terms.forEach((t, i) => {
    if (t.stem >= 0) stemToQ.set(t.stem, i);
  });
  const nq = query.terms.length;
  const headline = markHeadlineTerms(corpus, corpus.paraArticle[p], (stem) => stemToQ.get(stem), new Uint8Array(nq));
  let best = 0,
    bestScore = 0;
  const tf = new Float64Array(nq);
  for (let s = 0; s < split.stems.length; s++) {
    tf.fill(0);
    const ids = split.stems[s];
    for (let i = 0; i < ids.length; i++) {
      const q = stemToQ.get(ids[i]);
      if (q !== undefined) tf[q]++;
    }
    let score = 0,
      fresh = 0,
      news = false;
    for (let q = 0; q < nq; q++) {
      const t = query.terms[q];
      if (!tf[q] || (t.expansion && tf[t.of])) continue;
      const bm25 = t.weight * bm25Term(t.idf, tf[q], ids.length, corpus.avgSentenceLen, SENTENCE_BM25);
      score += bm25;
      if (!headline[q] && !(t.expansion && headline[t.of])) {
        fresh += bm25;
        news = true;
      }
    }
    let value = weights.sentence * score + weights.fresh * fresh;
    if (news && query.types) {
      const typed = textTypes(split.sentences[s]) & query.types;
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
