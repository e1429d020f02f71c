import type { AnswerResult, Article, Match } from '../types.ts';
import { splitSentences } from '../summary/sentences.ts';

export interface SearchOptions {
  /** Only search this article (by id). */
  articleId?: string;
  /** How many alternatives to return besides the best match (default 3). */
  alternatives?: number;
}

/**
 * PLACEHOLDER engine (word overlap) that fixes the API; the real one replaces its insides.
 * Built once per set of articles; answering never mutates it.
 */
export class SearchEngine {
  private constructor(private readonly articles: readonly Article[]) {}

  static build(articles: readonly Article[]): SearchEngine {
    return new SearchEngine(articles);
  }

  answer(question: string, options: SearchOptions = {}): AnswerResult {
    const words = new Set(question.toLowerCase().match(/[a-z0-9]+/g) ?? []);
    const matches: Match[] = [];
    for (const article of this.articles) {
      if (options.articleId && article.id !== options.articleId) continue;
      for (const paragraph of article.paragraphs) {
        const sentences = splitSentences(paragraph.text);
        let best = { sentence: sentences[0] ?? paragraph.text, hits: 0 };
        let total = 0;
        for (const sentence of sentences) {
          const hits = (sentence.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => words.has(w)).length;
          total += hits;
          if (hits > best.hits) best = { sentence, hits };
        }
        matches.push({ article, paragraph, passage: paragraph.text, sentence: best.sentence, score: total, confidence: Math.min(1, total / 10) });
      }
    }
    matches.sort((a, b) => b.score - a.score);
    const n = options.alternatives ?? 3;
    const [best, ...rest] = matches;
    if (!best || best.score < 2) {
      return { kind: 'none', closest: best, alternatives: rest.slice(0, n), reason: 'No passage in the articles answers this question.' };
    }
    return { kind: 'answer', best, alternatives: rest.slice(0, n) };
  }
}
