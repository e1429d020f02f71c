import { createInterface } from 'node:readline';
import type { Library } from '../library.ts';
import { checkQuestion } from '../search/question.ts';
import type { AnswerResult, Match } from '../types.ts';
import { matchJson } from './json.ts';
import { articlesDir, commonOptions, loadLibrary, parseCommandLine, pickArticle, runCommand, wholeNumber } from './run.ts';

const USAGE = 'usage: npm run --silent ask -- [--articles DIR] [--article ID] [--top N] [--json] [QUESTION ...]';
const DEFAULT_TOP = 3;

runCommand(USAGE, async () => {
  const { values, positionals } = parseCommandLine(
    { ...commonOptions, article: { type: 'string' }, top: { type: 'string' } },
    true,
  );
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const top = wholeNumber('top', values.top, DEFAULT_TOP, 1, 25);
  const library = await loadLibrary(articlesDir(values.articles));
  const articleId = values.article === undefined ? undefined : pickArticle(library, values.article).id;
  const ask = (question: string) => answerOne(library, question, { articleId, top, json: values.json });

  if (positionals.length > 0) {
    if (!ask(positionals.join(' '))) process.exitCode = 1;
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '' && !values.json) continue;
    ask(line);
  }
});

interface AskFlags {
  articleId?: string;
  top: number;
  json: boolean;
}

/** Answers one question on stdout; false when the question was rejected. */
function answerOne(library: Library, raw: string, flags: AskFlags): boolean {
  const check = checkQuestion(raw);
  if (!check.ok) {
    if (flags.json) {
      write({ question: raw, answer: null, closest: null, alternatives: [], error: check.error });
    } else {
      process.stderr.write(`newsdesk: ${check.error}\n`);
    }
    return false;
  }
  const result = library.ask(check.question, { articleId: flags.articleId, alternatives: flags.top - 1 });
  if (flags.json) {
    write({
      question: raw,
      answer: result.kind === 'answer' ? matchJson(result.best) : null,
      closest: result.kind === 'none' && result.closest ? matchJson(result.closest) : null,
      alternatives: result.alternatives.map(matchJson),
    });
  } else {
    process.stdout.write(renderText(check.question, result));
  }
  return true;
}

function write(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A readable answer: the passage with the answering sentence marked, its source and score. */
export function renderText(question: string, result: AnswerResult): string {
  const out = [`Q: ${question}`];
  if (result.kind === 'answer') {
    out.push(passageWithSentence(result.best), sourceLine(result.best));
  } else {
    out.push(`No passage in the articles answers this: ${result.reason}`);
    if (result.closest) out.push('Closest passage (low confidence):', passageWithSentence(result.closest), sourceLine(result.closest));
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
  const where = [article.title, article.source, article.date ?? 'undated', `paragraph ${match.paragraph.index} of ${article.paragraphs.length}`];
  if (article.url) where.push(article.url);
  else if (article.file) where.push(article.file);
  return `— ${where.join(' · ')} (score ${match.score.toFixed(2)}, confidence ${Math.round(match.confidence * 100)} %)`;
}
