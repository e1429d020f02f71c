import { DEFAULT_SUMMARY_SENTENCES, MAX_SUMMARY_SENTENCES } from '../summary/summarize.ts';
import { plural } from '../text/plural.ts';
import type { Summary } from '../types.ts';
import { summaryJson } from './json.ts';
import { articlesDir, commonOptions, loadLibrary, parseCommandLine, pickArticle, runCommand, runIfMain, UsageError, wholeNumber, writeJson, type CliIo } from './run.ts';

const USAGE = 'usage: npm run --silent summary -- [--articles DIR] [--article ID | --all] [--sentences N] [--json]';

/** `npm run summary`: a summary of the newest article, of `--article`, or of each one (`--all`). */
export function summary(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(USAGE, io, async () => {
    const { values } = parseCommandLine(argv, { ...commonOptions, article: { type: 'string' }, all: { type: 'boolean', default: false }, sentences: { type: 'string' } }, false);
    if (values.help) return void io.stdout.write(`${USAGE}\n`);
    if (values.all && values.article !== undefined) throw new UsageError('--article and --all cannot go together');
    const sentences = wholeNumber('sentences', values.sentences, DEFAULT_SUMMARY_SENTENCES, 1, MAX_SUMMARY_SENTENCES);
    const library = await loadLibrary(articlesDir(values.articles, io.env), io);
    const articles = values.all ? library.articles : [values.article === undefined ? library.newest()! : pickArticle(library, values.article)];
    for (const article of articles) {
      const result = library.summarize(article, { sentences });
      if (values.json) writeJson(io, summaryJson(result));
      else io.stdout.write(renderText(result));
    }
  });
}

function renderText(summary: Summary): string {
  const { article } = summary;
  const head = `${article.title}\n${article.source} · ${article.date ?? 'undated'}${article.url ? ` · ${article.url}` : ''}`;
  const body = summary.sentences.map((s, i) => `  ${s} [¶${summary.paragraphs[i]}]`).join('\n');
  return `${head}\n${body}\n(${plural(summary.words, 'word')})\n\n`;
}

runIfMain(import.meta.url, summary);
