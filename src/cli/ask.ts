import { createInterface } from 'node:readline';
import type { Library } from '../library/library.ts';
import { matchJson } from './json.ts';
import { renderText } from './text.ts';
import { articlesDir, commonOptions, EXIT_FAILURE, loadLibrary, parseCommandLine, pickArticle, runCommand, runIfMain, wholeNumber, writeJson, type CliIo } from './run.ts';

const USAGE = 'usage: npm run --silent ask -- [--articles DIR] [--article ID] [--top N] [--json] [QUESTION ...]';
const DEFAULT_TOP = 3;

/** `npm run ask`: answers the question in the arguments, or one question per line of stdin. */
export function ask(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(USAGE, io, async () => {
    const { values, positionals } = parseCommandLine(argv, { ...commonOptions, article: { type: 'string' }, top: { type: 'string' } }, true);
    if (values.help) return void io.stdout.write(`${USAGE}\n`);
    const top = wholeNumber('top', values.top, DEFAULT_TOP, 1, 25);
    const library = await loadLibrary(articlesDir(values.articles, io.env), io);
    const articleId = values.article === undefined ? undefined : pickArticle(library, values.article).id;
    const answer = (question: string) => answerOne(library, question, { articleId, top, json: values.json }, io);

    if (positionals.length > 0) return answer(positionals.join(' ')) ? undefined : EXIT_FAILURE;
    for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      if (line.trim() === '' && !values.json) continue;
      answer(line);
    }
  });
}

interface AskFlags {
  articleId?: string;
  top: number;
  json: boolean;
}

/** Answers one question on stdout; false when the question was rejected. */
function answerOne(library: Library, raw: string, flags: AskFlags, io: CliIo): boolean {
  const check = library.question(raw);
  if (!check.ok) {
    if (flags.json) writeJson(io, { question: raw, answer: null, closest: null, alternatives: [], error: check.error });
    else io.stderr.write(`newsdesk: ${check.error}\n`);
    return false;
  }
  const result = library.ask(check.question, { articleId: flags.articleId, alternatives: flags.top - 1 });
  if (flags.json) {
    writeJson(io, {
      question: raw,
      answer: result.kind === 'answer' ? matchJson(result.best) : null,
      closest: result.kind === 'none' && result.closest ? matchJson(result.closest) : null,
      alternatives: result.alternatives.map(matchJson),
    });
  } else {
    io.stdout.write(renderText(check.question, result));
  }
  return true;
}

runIfMain(import.meta.url, ask);
