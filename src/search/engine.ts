import type { AnswerResult, Article, Match } from '../types.ts';
import { splitSentences } from '../summary/sentences.ts';
import { type Query, type Ranked, type Weights, DEFAULT_WEIGHTS, Scorer, analyse, pickSentence } from './answer.ts';
import { Corpus } from './corpus.ts';
import { checkQuestion } from './question.ts';
import { SpellCorrector } from './spell.ts';

export interface SearchOptions {
  /** Only search this article (by id). */
  articleId?: string;
  /** How many alternatives to return besides the best match (default 3). */
  alternatives?: number;
}

export interface EngineOptions {
  /** Scoring weights (defaults: DEFAULT_WEIGHTS). */
  weights?: Partial<Weights>;
  /** Correct out-of-vocabulary question words (default true). */
  spell?: boolean;
}

/**
 * Confidence is a logistic model of whether the top passage is right, fitted on SQuAD v1.1 dev
 * (bench/retrieval.ts --fit): inputs are the share of the question's IDF mass that the passage and
 * its best sentence match, and the relative margin over the runner-up.
 */
export const CONFIDENCE_MODEL = { bias: -4.2, coverParagraph: 3.2, coverSentence: 2.6, margin: 3.0 };
/** Below this confidence the engine abstains (and reports the passage as the closest). */
export const ABSTAIN_BELOW = 0.2;

export interface Ranking {
  query: Query;
  ranked: Ranked[];
}

/**
 * The answer engine: an inverted index over the paragraphs of a set of articles.
 * Built once per set of articles; answering never changes what it returns.
 */
export class SearchEngine {
  readonly corpus: Corpus;
  private readonly spell: SpellCorrector | null;
  private readonly scorer: Scorer;
  private readonly weights: Weights;

  private constructor(corpus: Corpus, spell: SpellCorrector | null, weights: Weights) {
    this.corpus = corpus;
    this.spell = spell;
    this.weights = weights;
    this.scorer = new Scorer(corpus);
  }

  static build(articles: readonly Article[], options: EngineOptions = {}): SearchEngine {
    const corpus = new Corpus(articles);
    let spell: SpellCorrector | null = null;
    if (options.spell !== false) {
      const words: string[] = [];
      const freq: number[] = [];
      const { wordList, wordFreq } = corpus.vocab;
      for (let i = 0; i < wordList.length; i++) {
        const w = wordList[i];
        if (w.length >= 2 && /^[a-z]+$/.test(w)) {
          words.push(w);
          freq.push(wordFreq[i]);
        }
      }
      spell = SpellCorrector.build(words, freq);
    }
    return new SearchEngine(corpus, spell, { ...DEFAULT_WEIGHTS, ...options.weights });
  }

  /** The paragraphs ranked for a question (for benchmarks and diagnostics), best first. */
  rank(question: string, options: { articleId?: string; limit?: number; weights?: Weights } = {}): Ranking | null {
    const range = this.range(options.articleId);
    if (!range) return null;
    const weights = options.weights ?? this.weights;
    const query = analyse(question, this.corpus, this.spell, weights);
    const ranked = this.scorer.rank(query, weights, range[0], range[1], options.limit ?? 10);
    return { query, ranked };
  }

  answer(question: string, options: SearchOptions = {}): AnswerResult {
    const n = Math.max(0, options.alternatives ?? 3);
    const check = checkQuestion(question);
    if (!check.ok) return { kind: 'none', alternatives: [], reason: check.error };
    if (options.articleId !== undefined && !this.corpus.articleById.has(options.articleId)) {
      return { kind: 'none', alternatives: [], reason: `There is no article "${options.articleId}".` };
    }
    const ranking = this.rank(check.question, { articleId: options.articleId, limit: n + 1 });
    if (!ranking || ranking.ranked.length === 0) {
      return { kind: 'none', alternatives: [], reason: 'No passage shares a searchable word with the question.' };
    }
    const { ranked, query } = ranking;
    const confidence = this.confidence(ranked);
    const matches = ranked.map((r, i) => this.match(r, query, i === 0 ? confidence : confidence * Math.min(1, r.score / ranked[0].score) * 0.5));
    const [best, ...alternatives] = matches;
    if (confidence < ABSTAIN_BELOW) {
      const covered = ranked[0].features.coverParagraph;
      const reason =
        covered < 0.5
          ? 'No passage covers the main words of the question; the closest one is shown as such.'
          : 'The evidence is too weak to pick a passage; the closest one is shown as such.';
      return { kind: 'none', closest: best, alternatives, reason };
    }
    return { kind: 'answer', best, alternatives };
  }

  /** P(top passage is right), from coverage of the question's IDF mass and the margin. */
  confidence(ranked: readonly Ranked[]): number {
    const top = ranked[0];
    if (!top) return 0;
    const second = ranked[1]?.score ?? 0;
    const margin = top.score > 0 ? Math.max(0, (top.score - second) / top.score) : 0;
    const m = CONFIDENCE_MODEL;
    const z = m.bias + m.coverParagraph * top.features.coverParagraph + m.coverSentence * top.features.coverSentence + m.margin * margin;
    return 1 / (1 + Math.exp(-z));
  }

  private range(articleId?: string): [number, number] | null {
    const c = this.corpus;
    if (articleId === undefined) return [0, c.paragraphCount];
    const a = c.articleById.get(articleId);
    if (a === undefined) return null;
    return [c.articleStart[a], c.articleStart[a + 1]];
  }

  /**
   * A Match for a ranked paragraph. Its `sentence` is worked out when first read (splitting a
   * paragraph into sentences costs more than ranking it), then kept; it reads like a plain field.
   */
  private match(r: Ranked, query: Query, confidence: number): Match {
    const c = this.corpus;
    const article = c.articles[c.paraArticle[r.p]];
    const paragraph = article.paragraphs[c.paraIndex[r.p]];
    let sentence: string | undefined;
    return {
      article,
      paragraph,
      passage: paragraph.text,
      get sentence(): string {
        if (sentence === undefined) {
          const sentences = splitSentences(paragraph.text);
          sentence = sentences[pickSentence(sentences, query, c)] ?? paragraph.text;
        }
        return sentence;
      },
      set sentence(value: string) {
        sentence = value;
      },
      score: Math.round(r.score * 1000) / 1000,
      confidence: Math.round(confidence * 1000) / 1000,
    };
  }
}
