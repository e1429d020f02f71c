import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { FakeDiscord } from '../../../fakes/discord/index.ts';
import { sleep } from './proc.ts';

/** The bot as a child process: spawn, the preloaded stats probe, readiness, clean stop. */

/** What the preloaded probe reports on SIGUSR2 (then it resets its histogram). */
export interface BotProbe {
  /** Event-loop delay since the last report, ms. */
  eld: { mean: number; p50: number; p99: number; max: number };
  heapUsedMiB: number;
  rssMiB: number;
  externalMiB: number;
  /** GC pauses since the last report. */
  gc?: { count: number; totalMs: number; maxMs: number };
  /** True when a full GC ran just before (memory without garbage). */
  collected?: boolean;
}

const PROBE_TAG = '@@BOTPROBE ';

/**
 * Preloaded with `--import data:…` into the bot (nothing of the bot is edited): an event-loop
 * delay histogram and memoryUsage(), printed on stderr when the process gets SIGUSR2.
 */
const PROBE_SOURCE = `
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
let gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) { gc.count++; gc.totalMs += e.duration; gc.maxMs = Math.max(gc.maxMs, e.duration); }
}).observe({ entryTypes: ['gc'] });
const ms = (ns) => Math.round(ns / 1e4) / 100;
// Never outlive the bench: exit when orphaned (the bench was killed without cleaning up).
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 1000).unref();
const report = (collected) => {
  if (collected && typeof globalThis.gc === 'function') globalThis.gc();
  const m = process.memoryUsage();
  const MiB = 1024 * 1024;
  process.stderr.write(${JSON.stringify(PROBE_TAG)} + JSON.stringify({
    eld: { mean: ms(h.mean), p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) },
    heapUsedMiB: m.heapUsed / MiB, rssMiB: m.rss / MiB, externalMiB: (m.external + m.arrayBuffers) / MiB, gc, collected,
  }) + '\\n');
  h.reset();
  gc = { count: 0, totalMs: 0, maxMs: 0 };
};
process.on('SIGUSR2', () => report(false));
// SIGWINCH (the bot has no terminal): a full GC first, for memory figures without garbage.
process.on('SIGWINCH', () => report(true));
`;

export interface BotChildOptions {
  repoRoot: string;
  /** The entry point to run, relative to repoRoot (default `src/main/bot.ts`; bench:http runs `src/main/http.ts`). */
  entry?: string;
  env: Record<string, string>;
  probe: boolean;
  /** Folder for `--cpu-prof` (written when the bot exits cleanly), or null. */
  cpuProfDir: string | null;
  /** Nice value for the bot's own scheduling group (see `setGroupPriority`), or null. */
  priority: number | null;
}

/**
 * Sets the nice value of a process and of its scheduling autogroup (/proc/<pid>/autogroup). With
 * autogroups (kernel.sched_autogroup_enabled=1), plain nice only ranks processes within one
 * session; the autogroup's nice ranks the session against the other sessions on the machine.
 * Returns what could not be done (empty when all went well).
 */
export function setGroupPriority(pid: number, priority: number): string[] {
  const problems: string[] = [];
  try {
    setPriority(pid, priority);
  } catch (error) {
    problems.push(`nice: ${(error as Error).message}`);
  }
  try {
    if (existsSync(`/proc/${pid}/autogroup`)) writeFileSync(`/proc/${pid}/autogroup`, String(priority));
  } catch (error) {
    problems.push(`autogroup: ${(error as Error).message}`);
  }
  return problems;
}

export class BotChild {
  readonly child: ChildProcess;
  readonly spawnedAt = performance.now();
  readonly stderrLines: string[] = [];
  /** Lines the bot logged at warn/error (its logger writes single lines on stderr). */
  warnings = 0;
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  readonly exited: Promise<void>;
  #probeWaiters: Array<(p: BotProbe | null) => void> = [];
  #partial = '';

  constructor(readonly options: BotChildOptions) {
    const nodeArgs = ['--import', 'tsx'];
    if (options.probe) nodeArgs.push('--expose-gc', '--import', `data:text/javascript,${encodeURIComponent(PROBE_SOURCE)}`);
    if (options.cpuProfDir) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfDir);
    nodeArgs.push(options.entry ?? 'src/main/bot.ts');
    const env: Record<string, string | undefined> = { ...process.env };
    for (const k of Object.keys(env)) if (/^(DISCORD_|SHARD_|COOLDOWN_|ARTICLES_DIR$|LOG_LEVEL$)/.test(k)) delete env[k];
    this.child = spawn(process.execPath, nodeArgs, {
      cwd: options.repoRoot,
      env: { ...env, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own session, like a service: its own scheduling autogroup, no terminal signals (we stop it).
      detached: true,
    });
    if (options.priority !== null && this.child.pid !== undefined) {
      const problems = setGroupPriority(this.child.pid, options.priority);
      if (problems.length) this.stderrLines.push(`(bench) could not raise the bot's priority: ${problems.join('; ')}`);
    }
    this.exited = new Promise<void>((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        for (const w of this.#probeWaiters.splice(0)) w(null);
        resolve();
      });
      this.child.once('error', (error) => {
        this.stderrLines.push(`spawn error: ${error.message}`);
        this.exit ??= { code: null, signal: null };
        resolve();
      });
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      const lines = (this.#partial + chunk).split('\n');
      this.#partial = lines.pop() ?? '';
      for (const line of lines) this.#line(line);
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.exit === null && this.child.pid !== undefined;
  }

  #line(line: string): void {
    if (line.startsWith(PROBE_TAG)) {
      let probe: BotProbe | null = null;
      try {
        probe = JSON.parse(line.slice(PROBE_TAG.length)) as BotProbe;
      } catch {
        probe = null;
      }
      this.#probeWaiters.shift()?.(probe);
      return;
    }
    if (!line.trim()) return;
    if (/\b(warn|error|WARN|ERROR)\b/.test(line)) this.warnings++;
    this.stderrLines.push(line);
    if (this.stderrLines.length > 200) this.stderrLines.splice(0, this.stderrLines.length - 200);
  }

  /**
   * Asks the probe for its numbers (and resets its histogram); with `collect`, after a full GC.
   * Null without a probe or on timeout.
   */
  probe(collect = false, timeoutMs = 3000): Promise<BotProbe | null> {
    if (!this.options.probe || !this.running) return Promise.resolve(null);
    return new Promise((resolve) => {
      let done = false;
      const finish = (p: BotProbe | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(p);
      };
      const timer = setTimeout(() => {
        const i = this.#probeWaiters.indexOf(finish);
        if (i >= 0) this.#probeWaiters.splice(i, 1);
        finish(null);
      }, timeoutMs);
      this.#probeWaiters.push(finish);
      try {
        this.child.kill(collect ? 'SIGWINCH' : 'SIGUSR2');
      } catch {
        finish(null);
      }
    });
  }

  /** SIGTERM (the bot drains and exits), SIGKILL after `graceMs`. Idempotent. */
  async stop(graceMs = 8000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (this.running) this.child.kill('SIGKILL');
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Synchronous last resort (process 'exit' handler). */
  killNow(): void {
    if (this.running) {
      try {
        this.child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }

  tail(n = 12): string[] {
    return this.stderrLines.slice(-n);
  }
}

export interface Startup {
  /** spawn → gateway READY + GUILD_CREATE seen by the fake. */
  readyMs: number;
  /** spawn → /ask registered in the guild (the bot is serving). */
  registeredMs: number;
}

/** Waits for the bot's READY and its command registration; throws if it exits or times out. */
export async function waitForBot(fake: FakeDiscord, bot: BotChild, guildId: string, timeoutMs: number): Promise<Startup> {
  const deadline = performance.now() + timeoutMs;
  let readyAt: number | null = null;
  for (;;) {
    if (!bot.running) {
      throw new Error(`the bot exited before it was ready (code ${bot.exit?.code}, signal ${bot.exit?.signal}):\n  ${bot.tail().join('\n  ')}`);
    }
    const now = performance.now();
    if (readyAt === null && fake.sessions.some((s) => s.ready && s.connected)) readyAt = now;
    if (readyAt !== null && fake.commands(guildId).some((c) => c.name === 'ask')) {
      return { readyMs: readyAt - bot.spawnedAt, registeredMs: now - bot.spawnedAt };
    }
    if (now > deadline) {
      throw new Error(`the bot was not ready after ${Math.round(timeoutMs / 1000)} s (READY ${readyAt === null ? 'not seen' : 'seen'}):\n  ${bot.tail().join('\n  ')}`);
    }
    await sleep(readyAt === null ? 25 : 5);
  }
}

/**
 * With --priority the bench re-runs itself in a new session (its own autogroup, whose nice it can
 * set without touching the caller's session); this process only relays signals and the exit code.
 */
export function relayedInNewSession(): boolean {
  if (process.env.NEWSDESK_BENCH_BOT_SESSION === '1' || !process.argv.slice(2).some((a) => a === '--priority' || a.startsWith('--priority='))) return false;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, NEWSDESK_BENCH_BOT_SESSION: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
  return true;
}
