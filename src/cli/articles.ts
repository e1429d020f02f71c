import { plural } from '../text/plural.ts';
import { articleJson } from './json.ts';
import { articlesDir, commonOptions, loadLibrary, parseCommandLine, runCommand, runIfMain, type CliIo } from './run.ts';

const USAGE = 'usage: npm run --silent articles -- [--articles DIR] [--json]';

/** `npm run articles`: the loaded articles, then the skipped files. */
export function articles(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(USAGE, io, async () => {
    const { values } = parseCommandLine(argv, commonOptions, false);
    if (values.help) return void io.stdout.write(`${USAGE}\n`);
    const library = await loadLibrary(articlesDir(values.articles, io.env), io, false);
    const lines: string[] = [];
    for (const article of library.articles) {
      lines.push(
        values.json
          ? JSON.stringify({ ...articleJson(article), paragraphs: article.paragraphs.length })
          : `${article.date ?? 'undated   '}  ${article.id}  ${article.title}  (${article.source}, ${plural(article.paragraphs.length, 'paragraph')})`,
      );
    }
    for (const problem of library.problems) {
      lines.push(values.json ? JSON.stringify({ skipped: problem.file, reason: problem.reason }) : `skipped ${problem.file}: ${problem.reason}`);
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  });
}

runIfMain(import.meta.url, articles);
