/**
 * The core's vocabulary. Nothing here knows about Discord, files or the command line:
 * the parser makes Articles, the engine makes Answers, the summarizer makes Summaries,
 * and the edges (bot, CLI) render them.
 */

/** One paragraph of an article, numbered from 1 in reading order. */
export interface Paragraph {
  /** 1-based position among the article's paragraphs. */
  index: number;
  text: string;
  /** The subheading this paragraph sits under, when the article has one above it. */
  section?: string;
}

export interface Article {
  /** The file name without its extension; unique within a library. */
  id: string;
  title: string;
  /** ISO date `YYYY-MM-DD`, or null when the article gives none. */
  date: string | null;
  /** Who published it (from the sidecar), else the file name. */
  source: string;
  /** Only ever from the sidecar: never invented. */
  url?: string;
  /** Path of the file it was read from, when it came from a file. */
  file?: string;
  paragraphs: Paragraph[];
}

/** A passage of an article that the engine put forward for a question. */
export interface Match {
  article: Article;
  paragraph: Paragraph;
  /** The paragraph's text (what is shown). */
  passage: string;
  /** The sentence of the passage that answers best. */
  sentence: string;
  /** Higher is better; comparable within one question only, except for `confidence`. */
  score: number;
  /** 0..1, how sure the engine is that this passage answers; comparable across questions. */
  confidence: number;
}

export interface Answer {
  kind: 'answer';
  best: Match;
  /** The next-best passages, best first (not including `best`). */
  alternatives: Match[];
}

export interface NoAnswer {
  kind: 'none';
  /** The passage that came closest, shown only as such. */
  closest?: Match;
  alternatives: Match[];
  /** For people: why nothing answers. */
  reason: string;
  /**
   * The closest passage is plausible (it may answer, but the engine is not sure enough to say so):
   * show it as such, not as "nothing here is about this".
   */
  plausible?: boolean;
  /** Question words that no article contains (as asked), when there are any. */
  missing?: string[];
  /** For people: what to try next (other words, one article), when there is something to try. */
  suggestion?: string;
}

export type AnswerResult = Answer | NoAnswer;

export interface Summary {
  article: Article;
  /** Whole sentences from the article, in article order. */
  sentences: string[];
  /** The 1-based paragraph index each sentence came from (same length as `sentences`). */
  paragraphs: number[];
  words: number;
}

/** A file the loader could not use, and why, in words a person can act on. */
export interface LoadProblem {
  file: string;
  reason: string;
}
