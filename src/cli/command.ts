import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_USAGE, UsageError } from './run.ts';

/** Where a command writes: the process's streams, or a test's. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** A CLI command as a function: arguments and streams in, exit code out; it never exits the process. */
export type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

/** Strict parsing of `argv`: an unknown flag or a missing value is a UsageError. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\.\s|\n/)[0]);
  }
}

/**
 * Runs `command` with the usage-error convention of the other commands: a UsageError is one
 * line on stderr and exit code 2; anything unexpected is one line and exit code 1.
 */
export async function runWithUsage(usage: string, io: CommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`newsdesk: ${error.message} (${usage})\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`newsdesk: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** When `moduleUrl` is the script node was started with, runs `command` on the process's arguments. */
export function runIfMain(moduleUrl: string, command: Command): void {
  if (!process.argv[1] || pathToFileURL(process.argv[1]).href !== moduleUrl) return;
  command(process.argv.slice(2), process).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`newsdesk: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
