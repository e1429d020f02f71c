import { createInterface } from 'node:readline';
import type { Library } from '../library/library.ts';
import { matchJson } from './json.ts';
import { renderText } from './text.ts';
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
  const check = library.question(raw);
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
