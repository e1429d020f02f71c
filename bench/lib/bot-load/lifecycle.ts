import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt } from '../stats.ts';
import type { BenchArgs } from './args.ts';
import { setGroupPriority } from './child.ts';
import { prepareBig, prepareSeed, type CorpusSpec } from './workload.ts';

/**
 * How a load bench runs as a process: `main`, then `cleanup` on every exit path. A signal stops
 * the child and the fake (exit 130); `lastResort` runs on 'exit' in case something skipped the async
 * cleanup, so no child process or temp folder is ever left behind.
 */
export function runBench(options: { name: string; child: string; main: () => Promise<void>; cleanup: () => Promise<void>; lastResort: () => void }): void {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping the ${options.child} and the fake`);
      void options.cleanup().finally(() => process.exit(130));
    });
  }
  process.on('exit', options.lastResort);
  options
    .main()
    .catch((error: unknown) => {
      console.error(`${options.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    })
    .finally(() => void options.cleanup().then(() => process.exit()));
}

/** Sets --priority (when given) for this bench and its `child`, each in its own session, and says so. */
export function applyPriority(priority: number | null, child: string): void {
  if (priority === null) return;
  const problems = setGroupPriority(process.pid, priority);
  console.log(
    problems.length
      ? `(could not fully set priority ${priority}: ${problems.join('; ')}; going on)`
      : `Scheduling priority: nice ${priority} for this bench and for the ${child}, each in its own session (autogroup).`,
  );
}

/**
 * Measures the corpora --corpus asks for with `run` (the seed; the big corpus written to a temp
 * folder, kept in `live.tmp` so that cleanup removes it), then `report`s them and prints the total
 * time and the command line.
 */
export async function measureCorpora<R>(options: {
  name: string;
  args: BenchArgs;
  live: { tmp: string | null };
  started: number;
  run: (spec: CorpusSpec) => Promise<R>;
  report: (runs: R[]) => void;
}): Promise<void> {
  const { args, live } = options;
  const runs: R[] = [];
  if (args.corpus !== 'big') {
    const seed = await prepareSeed();
    if (seed) runs.push(await options.run(seed));
  }
  if (args.corpus !== 'seed') {
    live.tmp = mkdtempSync(join(tmpdir(), `newsdesk-${options.name.replace(':', '-')}-`));
    const big = await prepareBig(args.paragraphs, live.tmp);
    if (big) runs.push(await options.run(big));
  }
  if (!runs.length) {
    console.log('Nothing to measure (no corpus available).');
    return;
  }
  options.report(runs);
  const argv = process.argv.slice(2).join(' ');
  console.log(`\nTotal run time ${fmt((performance.now() - options.started) / 1000, 1)} s. Command: npm run ${options.name}${argv ? ` -- ${argv}` : ''}`);
}
