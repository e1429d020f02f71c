/**
 * The sentence shown with an answer: the paragraph cut by the display splitter
 * (src/text/sentences.ts), and the sentence with the highest BM25 for the question's terms.
 */
import { splitSentences } from '../text/sentences.ts';
import { rawWords } from '../text/words.ts';
import type { Corpus } from './corpus.ts';
import { bm25Term } from './inverted-index.ts';
import type { Query } from './query.ts';
import { SENTENCE_BM25 } from './tuning.ts';

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
 * Which of a paragraph's sentences (as the sentence splitter gives them) answers best: the one with
 * the highest BM25 for the question's terms; the first sentence when none matches.
 */
export function pickSentence(split: SplitParagraph, query: Query, corpus: Corpus): number {
  const stemToQ = new Map<number, number>();
  query.terms.forEach((t, i) => {
    if (t.stem >= 0) stemToQ.set(t.stem, i);
  });
  let best = 0,
    bestScore = 0;
  const tf = new Float64Array(query.terms.length);
  for (let s = 0; s < split.stems.length; s++) {
    tf.fill(0);
    const ids = split.stems[s];
    for (let i = 0; i < ids.length; i++) {
      const q = stemToQ.get(ids[i]);
      if (q !== undefined) tf[q]++;
    }
    let score = 0;
    for (let q = 0; q < tf.length; q++) {
      const t = query.terms[q];
      if (tf[q]) score += t.weight * bm25Term(t.idf, tf[q], ids.length, corpus.avgSentenceLen, SENTENCE_BM25);
    }
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}
