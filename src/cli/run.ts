import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ArticlesFolderError } from '../articles/load.ts';
import { NoArticlesError, openLibrary, type Library } from '../library/library.ts';
import { ConfigError, loadEnv, parseCliConfig, type Env } from '../runtime/config.ts';
import type { Article } from '../types.ts';

/** Where a CLI command reads and writes, and the environment it sees (`.env` already applied). */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Env;
}

/** A CLI command: arguments (without `node script`) and streams in, exit code out. Never throws. */
export type CliCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

/** A mistake in how the command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** Options every CLI command takes. */
export const commonOptions = {
  articles: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** Strict argument parsing: an unknown flag or a missing value is a UsageError. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\.\s|\n/)[0]);
  }
}

/** The folder to read: `--articles DIR`, else `ARTICLES_DIR`, else the default (see config.ts). */
export function articlesDir(flag: string | undefined, env: Env): string {
  return flag || parseCliConfig(env).articlesDir;
}

/** Loads the library, reporting each skipped file on stderr. */
export async function loadLibrary(dir: string, io: CliIo, reportProblems = true): Promise<Library> {
  const library = await openLibrary(dir);
  if (reportProblems) {
    for (const problem of library.problems) io.stderr.write(`newsdesk: skipped ${problem.file}: ${problem.reason}\n`);
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

/** Writes one JSON Lines record. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * Runs a command body and turns what it throws into the CLI's exit codes: usage mistakes, a bad
 * setting, a missing folder and an empty library are one line on stderr with exit code 2; anything
 * else unexpected is one line with exit code 1. The body returns its own exit code (default 0).
 */
export async function runCommand(usage: string, io: CliIo, body: () => Promise<number | void>): Promise<number> {
  try {
    return (await body()) ?? EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`newsdesk: ${error.message} (${usage})\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ArticlesFolderError || error instanceof NoArticlesError || error instanceof ConfigError) {
      io.stderr.write(`newsdesk: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`newsdesk: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

/**
 * The thin `main` of a command file: when that file is the script node was started with
 * (`npm run ask`), runs the command on this process's arguments, streams and environment
 * (with `.env` loaded) and sets the exit code. Does nothing when the file is only imported (tests).
 */
export function runIfMain(moduleUrl: string, command: CliCommand): void {
  const script = process.argv[1];
  if (!script || moduleUrl !== pathToFileURL(script).href) return;
  const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: loadEnv() };
  void command(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
