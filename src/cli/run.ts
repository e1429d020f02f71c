import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ArticlesFolderError } from '../articles/load.ts';
import { NoArticlesError, openLibrary, type Library } from '../library/library.ts';
import type { Article } from '../types.ts';

/** A mistake in how the command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_USAGE = 2;

/** Options every CLI command takes. */
export const commonOptions = {
  articles: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** Strict argument parsing: an unknown flag or a missing value is a UsageError. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: process.argv.slice(2), options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\.\s|\n/)[0]);
  }
}

/** The folder to read: `--articles DIR`, else `ARTICLES_DIR`, else `./seeds`. */
export function articlesDir(flag: string | undefined): string {
  return flag || process.env.ARTICLES_DIR || './seeds';
}

/** Loads the library, reporting each skipped file on stderr. */
export async function loadLibrary(dir: string, reportProblems = true): Promise<Library> {
  const library = await openLibrary(dir);
  if (reportProblems) {
    for (const problem of library.problems) process.stderr.write(`newsdesk: skipped ${problem.file}: ${problem.reason}\n`);
  }
  return library;
}

/** `--article ID`: the article meant, or a UsageError naming the unknown one. */
export function pickArticle(library: Library, query: string): Article {
  const lookup = library.resolveArticle(query);
  if (lookup.ok) return lookup.article;
  if (lookup.problem === 'unknown') throw new UsageError(`unknown article "${query}" (see: npm run articles)`);
  const ids = lookup.candidates.map((a) => a.id).join(', ');
  throw new UsageError(`"${query}" matches several articles (${ids}); give its id (see: npm run articles)`);
}

/** A positive whole number from a flag, or a UsageError. */
export function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} takes a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

/**
 * Runs a CLI command: usage mistakes, a missing folder and an empty library are one line on
 * stderr with exit code 2; anything else unexpected is one line with exit code 1.
 */
export function runCommand(usage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`newsdesk: ${error.message} (${usage})\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof ArticlesFolderError || error instanceof NoArticlesError) {
      process.stderr.write(`newsdesk: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      process.stderr.write(`newsdesk: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  });
}
