/**
 * `npm run bench`: runs each benchmark that exists — bench/retrieval.ts, bench/trust.ts, bench/speed.ts,
 * bench/summary.ts, bench/titles.ts, bench/reload.ts, bench/incremental.ts, bench/extraction.ts — in sequence, each in its own
 * child process, passing this script's arguments
 * through (each bench ignores the ones it does not know). A heading is printed per bench.
 *
 *   npm run bench [-- --only speed,retrieval] [-- ARGS...]
 *
 * Benchmarks report; they never fail CI: a bench that exits non-zero is reported as such and the
 * others still run, and this script exits 0 unless a bench crashed (non-zero exit), so a crash
 * is not silent.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(BENCH_DIR, '..');
const BENCHES = ['retrieval', 'trust', 'speed', 'summary', 'titles', 'reload', 'incremental', 'extraction'] as const;

function parse(argv: string[]): { only: Set<string> | null; rest: string[] } {
  const rest: string[] = [];
  let only: Set<string> | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only' && argv[i + 1] !== undefined) only = new Set(argv[++i].split(',').map((s) => s.trim()));
    else if (argv[i].startsWith('--only='))
      only = new Set(
        argv[i]
          .slice(7)
          .split(',')
          .map((s) => s.trim()),
      );
    else rest.push(argv[i]);
  }
  return { only, rest };
}

function run(file: string, args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => {
    // --expose-gc lets benches that report heap call global.gc(); tsx is loaded as an import hook.
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file, ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('close', (code, signal) => done({ code, signal }));
    child.on('error', () => done({ code: 1, signal: null }));
  });
}

async function main(): Promise<void> {
  const { only, rest } = parse(process.argv.slice(2));
  const failed: string[] = [];
  const started = Date.now();
  for (const name of BENCHES) {
    if (only && !only.has(name)) continue;
    const file = join(BENCH_DIR, `${name}.ts`);
    const heading = `bench/${name}.ts`;
    console.log(`\n${'='.repeat(78)}\n${heading}${rest.length ? ` ${rest.join(' ')}` : ''}\n${'='.repeat(78)}`);
    if (!existsSync(file)) {
      console.log(`(skipped: ${heading} does not exist yet)`);
      continue;
    }
    const t0 = Date.now();
    const { code, signal } = await run(file, rest);
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (code === 0) console.log(`\n(${heading} finished in ${secs} s)`);
    else {
      console.log(`\n(${heading} FAILED: ${signal ? `signal ${signal}` : `exit ${code}`} after ${secs} s)`);
      failed.push(name);
    }
  }
  console.log(`\nAll benchmarks done in ${((Date.now() - started) / 1000).toFixed(0)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}.`);
  if (failed.length) process.exitCode = 1;
}

await main();
