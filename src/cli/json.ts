import type { Article, Match, Summary } from '../types.ts';

/** The article as the CLI's JSON shows it: `{id, title, date, source, url?}`. */
export function articleJson(article: Article) {
  return {
    id: article.id,
    title: article.title,
    date: article.date,
    source: article.source,
    ...(article.url ? { url: article.url } : {}),
  };
}

export function matchJson(match: Match) {
  return {
    article: articleJson(match.article),
    paragraph: match.paragraph.index,
    paragraphs: match.article.paragraphs.length,
    passage: match.passage,
    sentence: match.sentence,
    score: round(match.score),
    confidence: round(match.confidence),
  };
}

export function summaryJson(summary: Summary) {
  return {
    article: articleJson(summary.article),
    sentences: summary.sentences,
    paragraphs: summary.paragraphs,
    words: summary.words,
  };
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
