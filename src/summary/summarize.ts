import type { Article, Summary } from '../types.ts';
import { splitSentences } from './sentences.ts';

export interface SummaryOptions {
  /** How many sentences (1 to 8, default 3). */
  sentences?: number;
}

export const DEFAULT_SUMMARY_SENTENCES = 3;
export const MAX_SUMMARY_SENTENCES = 8;

/** PLACEHOLDER (lead sentences) that fixes the API; the real summarizer replaces its insides. */
export function summarize(article: Article, options: SummaryOptions = {}): Summary {
  const want = options.sentences ?? DEFAULT_SUMMARY_SENTENCES;
  const sentences: string[] = [];
  const paragraphs: number[] = [];
  for (const p of article.paragraphs) {
    for (const s of splitSentences(p.text)) {
      if (sentences.length >= want) break;
      sentences.push(s);
      paragraphs.push(p.index);
    }
  }
  const words = sentences.join(' ').split(/\s+/).filter(Boolean).length;
  return { article, sentences, paragraphs, words };
}
