import { articleJson } from './json.ts';
import { articlesDir, commonOptions, loadLibrary, parseCommandLine, runCommand } from './run.ts';

const USAGE = 'usage: npm run --silent articles -- [--articles DIR] [--json]';

runCommand(USAGE, async () => {
  const { values } = parseCommandLine(commonOptions, false);
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const library = await loadLibrary(articlesDir(values.articles), false);
  const lines: string[] = [];
  for (const article of library.articles) {
    lines.push(
      values.json
        ? JSON.stringify({ ...articleJson(article), paragraphs: article.paragraphs.length })
        : `${article.date ?? 'undated   '}  ${article.id}  ${article.title}  (${article.source}, ${article.paragraphs.length} paragraphs)`,
    );
  }
  for (const problem of library.problems) {
    lines.push(values.json ? JSON.stringify({ skipped: problem.file, reason: problem.reason }) : `skipped ${problem.file}: ${problem.reason}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
});
