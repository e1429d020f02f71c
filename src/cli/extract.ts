import { readFile } from 'node:fs/promises';
import { NoArticleError, type ExtractedArticle } from '../extract/extract.ts';
import { HttpClient, HttpError } from '../feeds/http.ts';
import { extractFromBytes, fetchArticle, MAX_PAGE_BYTES, NotHtmlError } from '../feeds/pages.ts';
import { EXIT_FAILURE, parseCommandLine, runCommand, runIfMain, UsageError, writeJson, type CliIo } from './run.ts';

const USAGE = 'usage: npm run --silent extract -- [--url URL] [--json] FILE_OR_URL ...';

/**
 * `npm run extract`: the article of each page given (a file or an http(s) URL), in the order
 * given. Exit 0 when at least one page gave an article, 1 when none did, 2 for usage mistakes.
 */
export function extract(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(USAGE, io, async () => {
    const { values, positionals } = parseCommandLine(
      argv,
      { url: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      true,
    );
    if (values.help) return void io.stdout.write(`${USAGE}\n`);
    if (positionals.length === 0) throw new UsageError('give at least one file or URL');
    if (values.url !== undefined && positionals.length > 1) throw new UsageError('--url applies to a single input');
    if (values.url !== undefined && !/^https?:\/\//i.test(values.url)) throw new UsageError(`--url takes an http(s) URL, not "${values.url}"`);

    const client = new HttpClient();
    let extracted = 0;
    for (const [i, input] of positionals.entries()) {
      try {
        const article = await extractInput(client, input, values.url);
        extracted++;
        if (values.json) writeJson(io, articleJson(input, article));
        else io.stdout.write(articleText(article, i > 0));
      } catch (error) {
        const reason = describe(error);
        if (values.json) writeJson(io, { input, error: reason });
        else io.stderr.write(`newsdesk: ${input}: ${reason}\n`);
      }
    }
    return extracted > 0 ? undefined : EXIT_FAILURE;
  });
}

async function extractInput(client: HttpClient, input: string, servedAt: string | undefined): Promise<ExtractedArticle> {
  if (/^https?:\/\//i.test(input)) return fetchArticle(client, input);
  const bytes = await readFile(input);
  if (bytes.length > MAX_PAGE_BYTES) throw new NotHtmlError(`it is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB`);
  return extractFromBytes(bytes, null, servedAt);
}

function articleJson(input: string, article: ExtractedArticle) {
  return {
    input,
    title: article.title,
    source: article.source ?? hostName(article.url),
    url: article.url,
    date: article.date,
    ...(article.byline ? { byline: article.byline } : {}),
    paragraphs: article.blocks.map((block) => block.text),
  };
}

function articleText(article: ExtractedArticle, separate: boolean): string {
  const lines = [article.title ?? '(no title)', [article.source ?? hostName(article.url), article.date, article.url].filter(Boolean).join(' · ')];
  if (article.byline) lines.push(`by ${article.byline}`);
  const body = article.blocks.map((block) => block.text).join('\n\n');
  return `${separate ? '\n' : ''}${lines.join('\n')}\n\n${body}\n`;
}

/** Without a named publisher, the site's host name says who published the page. */
function hostName(url: string | null): string | null {
  return url ? new URL(url).hostname.replace(/^www\./, '') : null;
}

function describe(error: unknown): string {
  if (error instanceof HttpError || error instanceof NotHtmlError || error instanceof NoArticleError) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

runIfMain(import.meta.url, extract);
