import { DEFAULT_SUMMARY_SENTENCES, MAX_SUMMARY_SENTENCES } from '../summary/summarize.ts';
import type { Summary } from '../types.ts';
import { summaryJson } from './json.ts';
import { articlesDir, commonOptions, loadLibrary, parseCommandLine, pickArticle, runCommand, UsageError, wholeNumber } from './run.ts';

const USAGE = 'usage: npm run --silent summary -- [--articles DIR] [--article ID | --all] [--sentences N] [--json]';

runCommand(USAGE, async () => {
  const { values } = parseCommandLine(
    { ...commonOptions, article: { type: 'string' }, all: { type: 'boolean', default: false }, sentences: { type: 'string' } },
    false,
  );
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (values.all && values.article !== undefined) throw new UsageError('--article and --all cannot go together');
  const sentences = wholeNumber('sentences', values.sentences, DEFAULT_SUMMARY_SENTENCES, 1, MAX_SUMMARY_SENTENCES);
  const library = await loadLibrary(articlesDir(values.articles));
  const articles = values.all
    ? library.articles
    : [values.article === undefined ? library.newest()! : pickArticle(library, values.article)];
  for (const article of articles) {
    const summary = library.summarize(article, { sentences });
    process.stdout.write(values.json ? `${JSON.stringify(summaryJson(summary))}\n` : renderText(summary));
  }
});

function renderText(summary: Summary): string {
  const { article } = summary;
  const head = `${article.title}\n${article.source} · ${article.date ?? 'undated'}${article.url ? ` · ${article.url}` : ''}`;
  const body = summary.sentences.map((s, i) => `  ${s} [¶${summary.paragraphs[i]}]`).join('\n');
  return `${head}\n${body}\n(${summary.words} words)\n\n`;
}
