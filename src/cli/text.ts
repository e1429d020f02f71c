import { basename } from 'node:path';
import type { AnswerResult, Match } from '../types.ts';

/** A readable answer: the passage with the answering sentence marked, its source and score. */
export function renderText(question: string, result: AnswerResult): string {
  const out = [`Q: ${question}`];
  if (result.kind === 'answer') {
    out.push(passageWithSentence(result.best), sourceLine(result.best));
  } else {
    out.push(`No passage in the articles answers this: ${result.reason}`);
    if (result.suggestion) out.push(result.suggestion);
    if (result.closest)
      out.push(result.plausible ? 'Closest passage (it may answer):' : 'Closest passage (low confidence):', passageWithSentence(result.closest), sourceLine(result.closest));
  }
  if (result.alternatives.length > 0) {
    out.push('Other passages:');
    for (const alt of result.alternatives) out.push(`  - ${alt.sentence}\n    ${sourceLine(alt)}`);
  }
  return `${out.join('\n')}\n\n`;
}

function passageWithSentence(match: Match): string {
  const at = match.passage.indexOf(match.sentence);
  if (at < 0 || !match.sentence) return match.passage;
  return `${match.passage.slice(0, at)}>>> ${match.sentence} <<<${match.passage.slice(at + match.sentence.length)}`;
}

function sourceLine(match: Match): string {
  const { article } = match;
  // Without a sidecar the source is the file's name: the file's path then stands in its place, once.
  const sourceIsFile = article.file !== undefined && basename(article.file) === article.source;
  const where = [article.title, sourceIsFile ? article.file : article.source, article.date ?? 'undated', `paragraph ${match.paragraph.index} of ${article.paragraphs.length}`];
  if (article.url) where.push(article.url);
  else if (article.file && !sourceIsFile) where.push(article.file);
  const percent = Math.round(match.confidence * 100);
  return `— ${where.join(' · ')} (score ${match.score.toFixed(2)}, confidence ${percent > 0 ? `${percent} %` : 'under 1 %'})`;
}
