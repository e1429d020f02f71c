import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { CliCommand } from '../../src/cli/run.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface CliInput {
  /** What the command reads on stdin (default: nothing). */
  stdin?: string;
  /** The environment the command sees, instead of this process's (default: none at all). */
  env?: Record<string, string | undefined>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs a CLI command in this process, as its `main` would, with its output collected. */
export async function runCli(command: CliCommand, args: string[], input: CliInput = {}): Promise<CliRun> {
  const stdout = collect();
  const stderr = collect();
  const code = await command(args, { stdin: Readable.from([input.stdin ?? '']), stdout: stdout.stream, stderr: stderr.stream, env: input.env ?? {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function collect() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs `npm run --silent <script> -- args` in a child process, as a user would. */
export function spawnNpmScript(script: string, args: string[], input: CliInput = {}): Promise<CliRun> {
  return spawnAndCollect('npm', ['run', '--silent', script, '--', ...args], ROOT, { ...process.env, ARTICLES_DIR: '', ...input.env }, input.stdin);
}

/**
 * Runs a TypeScript entry point (`src/cli/articles.ts`, `src/main/bot.ts`) in one node process with
 * the tsx loader, from any working directory, with only the environment given (and PATH).
 */
export function spawnEntryPoint(entry: string, args: string[], input: CliInput & { cwd?: string } = {}): Promise<CliRun> {
  const argv = ['--import', import.meta.resolve('tsx'), path.join(ROOT, entry), ...args];
  return spawnAndCollect(process.execPath, argv, input.cwd ?? ROOT, { PATH: process.env.PATH, ...input.env }, input.stdin);
}

function spawnAndCollect(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Parses JSON Lines output. */
export function jsonLines(text: string): any[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}
