import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt } from '../stats.ts';
import type { BenchArgs } from './args.ts';
import type { FakeDiscord } from '../../../fakes/discord/index.ts';
import { setGroupPriority, type BotChild } from './child.ts';
import { prepareBig, prepareSeed, type CorpusSpec } from './workload.ts';

/** What a load bench has running: the bot or server child, the fake Discord, the temp folder, other cleanups. */
export interface LiveBench {
  child: BotChild | null;
  fake: FakeDiscord | null;
  tmp: string | null;
  cleanups: Array<() => void>;
}

export function liveBench(): LiveBench {
  return { child: null, fake: null, tmp: null, cleanups: [] };
}

/** Stops the child (3 s to exit cleanly, then killed), closes the fake, removes the temp folder, runs the other cleanups. */
async function cleanup(live: LiveBench): Promise<void> {
  const { child, fake, tmp } = live;
  live.child = null;
  live.fake = null;
  live.tmp = null;
  if (child) await child.stop(3000).catch(() => child.killNow());
  if (fake) await fake.close().catch(() => undefined);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  for (const c of live.cleanups.splice(0)) c();
}

/**
 * How a load bench runs as a process: `main`, then the cleanup of `live` on every exit path. A
 * signal stops the child and the fake (exit 130); on 'exit', what is left is killed and removed at
 * once, in case something skipped the async cleanup, so no child process or temp folder is ever left behind.
 */
export function runBench(options: { name: string; child: string; main: () => Promise<void>; live: LiveBench }): void {
  const { live } = options;
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping the ${options.child} and the fake`);
      void cleanup(live).finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    live.child?.killNow();
    if (live.tmp) rmSync(live.tmp, { recursive: true, force: true });
    for (const c of live.cleanups.splice(0)) c();
  });
  options
    .main()
    .catch((error: unknown) => {
      console.error(`${options.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    })
    .finally(() => void cleanup(live).then(() => process.exit()));
}

/** The machine, for the bench's header: Node, CPUs and load average. */
export function environment(): string {
  return `node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`;
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
