/**
 * Helpers for bench/bot.ts (issue 5, "Load"): the bot as a child process (spawn, readiness, stats
 * probe, RSS/CPU from /proc, clean stop), an open-loop interaction generator against the fake
 * Discord, the per-phase analysis (latency, exactly-once answers, error callbacks) and a small
 * summariser for V8 CPU profiles of the bot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { FakeDiscord, InteractionHandle } from '../../fakes/discord/index.ts';
import type { SendAutocompleteInput, SendCommandInput } from '../../fakes/discord/types.ts';
import { percentileSorted } from './stats.ts';

// ---------------------------------------------------------------------------------------------
// Arguments

export type CorpusChoice = 'seed' | 'big' | 'both';

export interface BenchArgs {
  rates: number[];
  seconds: number;
  corpus: CorpusChoice;
  /** Paragraphs of the big corpus. */
  paragraphs: number;
  /** Warm-up seconds (at the lowest rate, not measured) after the bot is ready. */
  warmup: number;
  /** Share of /summary and of autocomplete in the mix (each); the rest is /ask. */
  summaryShare: number;
  autocompleteShare: number;
  users: number;
  /** Write a V8 CPU profile of the bot (per corpus) into this folder. */
  cpuProf: string | null;
  /** Event-loop-delay / heap probe preloaded into the bot (answers SIGUSR2). */
  probe: boolean;
  /** Before each corpus, wait up to this many seconds for other processes to use < quietMax % of a core. */
  quietWait: number;
  quietMax: number;
  /** Scheduling priority (nice, -20..19) for this process and the bot child, or null to leave it. */
  priority: number | null;
  /** Time the bot's stages in this process after each corpus (Library.ask, rendering, autocomplete, summary). */
  stages: boolean;
  /** Every this many seconds of a measured phase on the big corpus, change one article file (0: never). */
  editEvery: number;
  /** Which bot to run: the working tree, or a commit (git archive snapshot; others keep editing the tree). */
  src: string;
  /** Seconds to wait for the bot's ready + registration. */
  startTimeout: number;
  /** The target: p99 below this many ms at `targetRate` interactions/s. */
  targetP99: number;
  targetRate: number;
}

export const USAGE = `npm run bench:bot -- [--rates 50,100,200] [--seconds 10] [--corpus seed|big|both]
       [--paragraphs 20000] [--warmup 3] [--summary-share 0.05] [--autocomplete-share 0.05]
       [--users 500] [--cpu-prof DIR] [--no-probe] [--no-stages] [--start-timeout 180] [--quiet-wait 5] [--quiet-max 30]
       [--src worktree|HEAD|<commit>]   (default: the working tree)
       [--edit-every 2]   (change an article of the big corpus every 2 s while measuring: load during live reloads)
       [--priority -10]   (nice value for the bench and the bot: measure the bot, not a busy machine)`;

/** bench:bot's arguments; bench:http passes its own defaults (rates, target) and usage line. */
export function parseArgs(argv: readonly string[], defaults: Partial<BenchArgs> = {}, usage = USAGE): BenchArgs {
  const args: BenchArgs = {
    rates: [50, 100, 200],
    seconds: 10,
    corpus: 'both',
    paragraphs: 20_000,
    warmup: 3,
    summaryShare: 0.05,
    autocompleteShare: 0.05,
    users: 500,
    cpuProf: null,
    probe: true,
    startTimeout: 180,
    quietWait: 5,
    quietMax: 30,
    priority: null,
    stages: true,
    editEvery: 0,
    src: 'worktree',
    targetP99: 50,
    targetRate: 200,
    ...defaults,
  };
  const num = (name: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max}, got "${v ?? ''}"\n${usage}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--rates': {
        const v = value() ?? '';
        args.rates = v.split(',').filter(Boolean).map((r) => num('--rates', r, 1, 5000));
        if (!args.rates.length) throw new Error(`--rates needs a list such as 50,200\n${usage}`);
        break;
      }
      case '--seconds':
        args.seconds = num('--seconds', value(), 0.5, 120);
        break;
      case '--corpus': {
        const v = value();
        if (v !== 'seed' && v !== 'big' && v !== 'both') throw new Error(`--corpus must be seed, big or both\n${usage}`);
        args.corpus = v;
        break;
      }
      case '--paragraphs':
        args.paragraphs = num('--paragraphs', value(), 100, 500_000);
        break;
      case '--warmup':
        args.warmup = num('--warmup', value(), 0, 60);
        break;
      case '--summary-share':
        args.summaryShare = num('--summary-share', value(), 0, 0.5);
        break;
      case '--autocomplete-share':
        args.autocompleteShare = num('--autocomplete-share', value(), 0, 0.5);
        break;
      case '--users':
        args.users = Math.round(num('--users', value(), 1, 100_000));
        break;
      case '--cpu-prof':
        args.cpuProf = value() ?? null;
        if (!args.cpuProf) throw new Error(`--cpu-prof needs a folder\n${usage}`);
        break;
      case '--src':
        args.src = value() ?? '';
        if (!args.src) throw new Error(`--src needs worktree or a commit\n${usage}`);
        break;
      case '--edit-every':
        args.editEvery = num('--edit-every', value(), 0, 600);
        break;
      case '--no-stages':
        args.stages = false;
        break;
      case '--no-probe':
        args.probe = false;
        break;
      case '--quiet-wait':
        args.quietWait = num('--quiet-wait', value(), 0, 600);
        break;
      case '--priority':
        args.priority = Math.round(num('--priority', value(), -20, 19));
        break;
      case '--quiet-max':
        args.quietMax = num('--quiet-max', value(), 0, 400);
        break;
      case '--start-timeout':
        args.startTimeout = num('--start-timeout', value(), 5, 600);
        break;
      case '-h':
      case '--help':
        process.stdout.write(`${usage}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument "${a}"\n${usage}`);
    }
  }
  args.rates.sort((x, y) => x - y);
  return args;
}

// ---------------------------------------------------------------------------------------------
// /proc readings

/** VmRSS and VmHWM (peak RSS) of a process in MiB, from /proc/<pid>/status; null when unreadable. */
export function readRss(pid: number): { rssMiB: number; hwmMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kb('VmRSS') / 1024, hwmMiB: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) a process used so far, from /proc/<pid>/stat; NaN when unreadable. */
export function readCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) in parentheses.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return ((utime + stime) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** Main-thread scheduler times of a process (ms): on CPU, and runnable but waiting for a CPU. */
export function readSchedstat(pid: number): { runMs: number; waitMs: number } {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { runMs: run / 1e6, waitMs: wait / 1e6 };
  } catch {
    return { runMs: NaN, waitMs: NaN };
  }
}

/** Whole-machine CPU time (ms) so far: busy (all but idle and iowait) and total, from /proc/stat. */
export function readMachineCpu(): { busyMs: number; totalMs: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    const idle = f[3] + f[4];
    return { busyMs: ((total - idle) * 1000) / 100, totalMs: (total * 1000) / 100 };
  } catch {
    return { busyMs: NaN, totalMs: NaN };
  }
}

/** A snapshot for measuring a phase: the bot's and this process's CPU, the machine's, scheduler waits. */
export interface CpuSnapshot {
  at: number;
  botCpuMs: number;
  botSched: { runMs: number; waitMs: number };
  benchCpuMs: number;
  benchSched: { runMs: number; waitMs: number };
  machine: { busyMs: number; totalMs: number };
}

export function cpuSnapshot(botPid: number): CpuSnapshot {
  const u = process.cpuUsage();
  return {
    at: performance.now(),
    botCpuMs: readCpuMs(botPid),
    botSched: readSchedstat(botPid),
    benchCpuMs: (u.user + u.system) / 1000,
    benchSched: readSchedstat(process.pid),
    machine: readMachineCpu(),
  };
}

/** CPU use between two snapshots, in % of one core (the machine has `cpus` × 100 %). */
export interface CpuUse {
  wallMs: number;
  botPct: number;
  benchPct: number;
  /** Everything else on the machine (other people's tests, builds…). */
  othersPct: number;
  /** Share of the wall time the bot's main thread was runnable but waiting for a CPU. */
  botRunqueuePct: number;
  /** The bot's main thread on CPU, ms. */
  botMainThreadMs: number;
  benchRunqueuePct: number;
}

export function cpuUse(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const wall = b.at - a.at;
  const pct = (ms: number): number => (ms / wall) * 100;
  const bot = b.botCpuMs - a.botCpuMs;
  const bench = b.benchCpuMs - a.benchCpuMs;
  const busy = b.machine.busyMs - a.machine.busyMs;
  return {
    wallMs: wall,
    botPct: pct(bot),
    benchPct: pct(bench),
    othersPct: Math.max(0, pct(busy - bot - bench)),
    botRunqueuePct: pct(b.botSched.waitMs - a.botSched.waitMs),
    botMainThreadMs: b.botSched.runMs - a.botSched.runMs,
    benchRunqueuePct: pct(b.benchSched.waitMs - a.benchSched.waitMs),
  };
}

/**
 * Waits (up to `maxMs`) for the machine to be quiet: other processes using less than
 * `othersPctMax` % of a core over a 1 s window. Returns the last window's others-% .
 */
export async function waitForQuiet(excludePids: number[], othersPctMax: number, maxMs: number): Promise<{ othersPct: number; waitedMs: number }> {
  const start = performance.now();
  for (;;) {
    const m0 = readMachineCpu();
    const own0 = excludePids.reduce((s, p) => s + readCpuMs(p), 0);
    const u0 = process.cpuUsage();
    const t0 = performance.now();
    await sleep(1000);
    const wall = performance.now() - t0;
    const u1 = process.cpuUsage(u0);
    const own = excludePids.reduce((s, p) => s + readCpuMs(p), 0) - own0 + (u1.user + u1.system) / 1000;
    const othersPct = Math.max(0, ((readMachineCpu().busyMs - m0.busyMs - own) / wall) * 100);
    const waitedMs = performance.now() - start;
    if (othersPct <= othersPctMax || waitedMs >= maxMs) return { othersPct, waitedMs };
  }
}

// ---------------------------------------------------------------------------------------------
// Which bot: the working tree or a snapshot of a commit

function git(repoRoot: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/**
 * The folder to run the bot from: the repository (`worktree`), or a temp snapshot of a commit
 * (git archive of src/, package.json, tsconfig.json; node_modules symlinked). `cleanup` removes it.
 */
export function botSource(repoRoot: string, src: string): { root: string; label: string; cleanup: () => void } {
  const head = git(repoRoot, ['rev-parse', '--short', 'HEAD']);
  if (src === 'worktree') {
    const dirty = git(repoRoot, ['status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).length;
    return { root: repoRoot, label: `working tree at ${head}${dirty ? ` + ${dirty} uncommitted change(s) in src/` : ''}`, cleanup: () => {} };
  }
  const sha = git(repoRoot, ['rev-parse', '--verify', `${src}^{commit}`]);
  if (!sha) throw new Error(`--src ${src}: not a commit`);
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-bot-src-'));
  const paths = ['src', 'package.json', 'tsconfig.json'].filter((p) => git(repoRoot, ['ls-tree', '--name-only', sha, p]));
  const archive = spawnSync('git', ['archive', '--format=tar', sha, ...paths], { cwd: repoRoot, maxBuffer: 1 << 28 });
  if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const subject = git(repoRoot, ['log', '-1', '--format=%s', sha]).slice(0, 80);
  return { root: dir, label: `commit ${sha.slice(0, 7)} "${subject}" (snapshot)`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------------------------------------
// The bot as a child process

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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// The open-loop generator

export type Kind = 'ask' | 'summary' | 'autocomplete';

export type Planned = { kind: 'ask' | 'summary'; input: SendCommandInput } | { kind: 'autocomplete'; input: SendAutocompleteInput };

export interface Sent {
  kind: Kind;
  /** When the schedule said to send it (performance.now()). */
  dueAt: number;
  /** When sendCommand was called. */
  calledAt: number;
  handle: InteractionHandle | null;
  sendError: string | null;
}

/**
 * Sends `round(rate × seconds)` interactions at a fixed arrival rate, open loop: the i-th goes out
 * at t0 + i/rate whatever happened to the ones before (late ticks send what is due at once).
 * Resolves when the last one has been handed to the gateway.
 */
export async function drive(fake: FakeDiscord, rate: number, seconds: number, next: (i: number) => Planned): Promise<Sent[]> {
  const total = Math.max(1, Math.round(rate * seconds));
  const gap = 1000 / rate;
  const sent: Sent[] = [];
  const pending: Promise<unknown>[] = [];
  const t0 = performance.now() + 5;
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (i < total && t0 + i * gap <= now) {
        const plan = next(i);
        const record: Sent = { kind: plan.kind, dueAt: t0 + i * gap, calledAt: performance.now(), handle: null, sendError: null };
        sent.push(record);
        const p = plan.kind === 'autocomplete' ? fake.sendAutocomplete(plan.input) : fake.sendCommand(plan.input);
        pending.push(
          p.then(
            (h) => void (record.handle = h),
            (error: unknown) => void (record.sendError = error instanceof Error ? error.message : String(error)),
          ),
        );
        i++;
      }
      if (i >= total) {
        resolve();
        return;
      }
      const wait = t0 + i * gap - performance.now();
      setTimeout(tick, Math.max(0, Math.min(wait, 50)));
    };
    tick();
  });
  await Promise.all(pending);
  return sent;
}

/**
 * Waits until every sent interaction has its first callback (or `timeoutMs` passed), then `graceMs`
 * more so that a late second callback (a double answer) would still be counted.
 */
export async function settle(sent: readonly Sent[], timeoutMs: number, graceMs = 500): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (sent.every((s) => !s.handle || s.handle.callbackAt !== null)) break;
    await sleep(20);
  }
  await sleep(graceMs);
  return performance.now() - start;
}

// ---------------------------------------------------------------------------------------------
// Analysis

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function latencyStats(values: number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    p50: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

export interface PhaseResult {
  rate: number;
  seconds: number;
  sent: number;
  /** Achieved arrival rate (interactions handed to the gateway per second). */
  offeredPerS: number;
  /** First callbacks per second over the phase (first send → last callback). */
  throughputPerS: number;
  all: LatencyStats;
  byKind: Record<Kind, LatencyStats>;
  /** No first callback at all. */
  missing: number;
  /** More than one callback attempt (a second answer, rejected by the fake with 40060). */
  doubled: number;
  /** Apologies, unexpected callback types, follow-ups, failed sends. */
  errors: number;
  /** Answered, but after Discord's 3 s deadline for the first callback (Discord would have dropped them). */
  late: number;
  /** Ephemeral notices to /ask or /summary (e.g. a question the bot refuses): answered, not an error. */
  notices: number;
  /** REST requests answered ≥ 400 during the phase, by route. */
  restErrors: Record<string, number>;
  lost: number;
  /** Worst lateness of the generator against its schedule (ms): high values mean the bench itself lagged. */
  generatorLagMaxMs: number;
  /** p99 event-loop delay of the bench process during the phase (ms), set by the caller. */
  benchEldP99Ms: number;
  /** Most interactions sent but not yet answered at any moment. */
  maxInFlight: number;
  cpu: CpuUse;
  /** Bot CPU time (all threads) per answered interaction, ms: robust to other processes' load. */
  botCpuMsPerInteraction: number;
  /** The bot's main thread (its event loop) on-CPU time per answered interaction, ms. */
  mainThreadMsPerInteraction: number;
  rss: { rssMiB: number; hwmMiB: number } | null;
  probe: BotProbe | null;
  /** A few examples of what went wrong. */
  problems: string[];
}

export interface AnalyseInput {
  rate: number;
  seconds: number;
  sent: Sent[];
  /** fake.requests made during the phase. */
  requests: ReadonlyArray<{ method: string; path: string; status: number; route: string | null }>;
  apology: string;
  cpu: CpuUse;
  rss: { rssMiB: number; hwmMiB: number } | null;
  probe: BotProbe | null;
}

const EPHEMERAL = 64;
/** Discord drops an interaction whose first callback comes later than this. */
export const DISCORD_CALLBACK_DEADLINE_MS = 3000;

export function analyse(input: AnalyseInput): PhaseResult {
  const { sent } = input;
  const lat: number[] = [];
  const byKind: Record<Kind, number[]> = { ask: [], summary: [], autocomplete: [] };
  let missing = 0;
  let doubled = 0;
  let errors = 0;
  let notices = 0;
  let late = 0;
  let lagMax = 0;
  let firstSent = Infinity;
  let lastCallback = -Infinity;
  const problems: string[] = [];
  const note = (s: string): void => {
    if (problems.length < 8) problems.push(s);
  };
  const events: Array<[number, number]> = [];

  for (const s of sent) {
    lagMax = Math.max(lagMax, s.calledAt - s.dueAt);
    const h = s.handle;
    if (!h) {
      errors++;
      note(`send failed (${s.kind}): ${s.sendError}`);
      continue;
    }
    firstSent = Math.min(firstSent, h.sentAt);
    events.push([h.sentAt, 1]);
    if (h.callbackAt === null || !h.callback) {
      missing++;
      note(`${s.kind} ${h.id}: no callback (attempts ${h.callbackAttempts})`);
      continue;
    }
    events.push([h.callbackAt, -1]);
    lastCallback = Math.max(lastCallback, h.callbackAt);
    const ms = h.callbackAt - h.sentAt;
    lat.push(ms);
    byKind[s.kind].push(ms);
    if (ms > DISCORD_CALLBACK_DEADLINE_MS) late++;
    if (h.callbackAttempts > 1) {
      doubled++;
      note(`${s.kind} ${h.id}: ${h.callbackAttempts} callback attempts`);
    }
    if (h.followUpIds.length > 0) {
      errors++;
      note(`${s.kind} ${h.id}: ${h.followUpIds.length} follow-up(s)`);
    }
    const cb = h.callback;
    if (s.kind === 'autocomplete') {
      if (cb.type !== 8) {
        errors++;
        note(`autocomplete ${h.id}: callback type ${cb.type}`);
      }
      continue;
    }
    const data = (cb.data ?? {}) as { content?: string; flags?: number; embeds?: unknown[] };
    if (cb.type !== 4 && cb.type !== 5) {
      errors++;
      note(`${s.kind} ${h.id}: callback type ${cb.type}`);
    } else if (typeof data.content === 'string' && data.content.includes(input.apology)) {
      errors++;
      note(`${s.kind} ${h.id}: apology (the handler failed)`);
    } else if (((data.flags ?? 0) & EPHEMERAL) !== 0) {
      notices++;
    }
  }

  const restErrors: Record<string, number> = {};
  for (const r of input.requests) {
    if (r.status >= 400) {
      const key = `${r.status} ${r.route ?? `${r.method} ${r.path}`}`;
      restErrors[key] = (restErrors[key] ?? 0) + 1;
    }
  }

  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inFlight = 0;
  let maxInFlight = 0;
  for (const [, d] of events) {
    inFlight += d;
    if (inFlight > maxInFlight) maxInFlight = inFlight;
  }

  const sendSpan = sent.length > 1 ? (sent[sent.length - 1].calledAt - sent[0].calledAt) / 1000 : NaN;
  const answered = lat.length;
  const span = (lastCallback - firstSent) / 1000;
  return {
    rate: input.rate,
    seconds: input.seconds,
    sent: sent.length,
    offeredPerS: sent.length > 1 ? (sent.length - 1) / sendSpan : NaN,
    throughputPerS: answered > 1 && span > 0 ? answered / span : NaN,
    all: latencyStats(lat),
    byKind: { ask: latencyStats(byKind.ask), summary: latencyStats(byKind.summary), autocomplete: latencyStats(byKind.autocomplete) },
    missing,
    doubled,
    errors,
    late,
    notices,
    restErrors,
    lost: missing + doubled + errors + late,
    generatorLagMaxMs: lagMax,
    benchEldP99Ms: NaN,
    maxInFlight,
    cpu: input.cpu,
    botCpuMsPerInteraction: answered ? (input.cpu.botPct * input.cpu.wallMs) / 100 / answered : NaN,
    mainThreadMsPerInteraction: answered ? input.cpu.botMainThreadMs / answered : NaN,
    rss: input.rss,
    probe: input.probe,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// CPU profile summary

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Which part of the stack a frame belongs to (for self time), by its script URL. */
export function frameCategory(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(idle)') return 'idle';
  if (fn === '(program)') return 'V8/native (program)';
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (dep) {
    if (dep === 'undici' || dep === '@discordjs/rest') return 'REST (@discordjs/rest + undici)';
    if (dep === '@discordjs/ws' || dep === 'ws') return 'gateway (@discordjs/ws + ws)';
    if (dep === '@sapphire/shapeshift') return 'builders validation (@sapphire/shapeshift)';
    if (dep === 'discord.js' || dep.startsWith('@discordjs/')) return 'discord.js (structures, builders, payloads)';
    if (dep === 'tsx' || dep === 'esbuild' || dep === 'get-tsconfig') return 'tsx loader';
    return `other deps (${dep})`;
  }
  if (/\/src\/search\//.test(url)) return 'engine (src/search)';
  if (/\/src\/summary\//.test(url)) return 'summary (src/summary)';
  if (/\/src\/bot\//.test(url)) return 'bot (src/bot: render, reply, router)';
  if (/\/src\//.test(url)) return 'bot (other src)';
  if (url.startsWith('node:') || (!url && fn)) return 'node core / builtins';
  return 'other';
}

/** Inclusive shares (a sample counts for every group one of its frames matches; they overlap). */
const INCLUSIVE_GROUPS: Array<[string, (url: string, fn: string) => boolean, outsideHandler?: boolean]> = [
  ['our InteractionCreate handler (router + commands, all below it)', (u) => /\/src\/bot\/interactions\.ts/.test(u)],
  ['  engine: Library.ask (src/search)', (u) => /\/src\/search\//.test(u)],
  ['  summariser (src/summary)', (u) => /\/src\/summary\//.test(u)],
  ['  rendering (src/bot/render.ts, with the embed builders below it)', (u) => /\/src\/bot\/render\.ts/.test(u)],
  ['    builders validation (@sapphire/shapeshift, mostly ValidationError objects)', (u) => /@sapphire\/shapeshift/.test(u)],
  ['  discord.js reply() → MessagePayload.resolveBody', (u, f) => /MessagePayload\.js/.test(u) && f === 'resolveBody'],
  ['    require() at run time (lazy requires resolved through tsx hooks)', (u, f) => f === 'Module._load'],
  ['REST outside our handler: @discordjs/rest + undici (socket write, response parse)', (u) => /node_modules\/(undici|@discordjs\/rest)\//.test(u), true],
  ['gateway outside our handler: @discordjs/ws + ws (frames, JSON, heartbeats)', (u) => /node_modules\/(@discordjs\/ws|ws)\//.test(u), true],
  ['discord.js outside our handler: INTERACTION_CREATE → Interaction objects', (u, f) => /actions\/InteractionCreate\.js/.test(u) && f === 'handle', true],
  ['GC', (_u, f) => f === '(garbage collector)'],
];

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The profile's self time by part, inclusive time of the bot's main stages, and its top functions
 * (idle excluded). `fromMs`/`toMs` keep the samples in that window from the profile's start (e.g. the
 * load phases, without start-up).
 */
export function summariseCpuProfile(file: string, fromMs = 0, toMs = Infinity, top = 15): string {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let t = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    t += prof.timeDeltas[i] / 1000;
    if (t < fromMs || t > toMs) continue;
    const d = (prof.timeDeltas[i + 1] ?? prof.timeDeltas[i]) / 1000;
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + d);
  }
  const cats = new Map<string, number>();
  const fns = new Map<string, { ms: number; cat: string }>();
  const incl = new Array<number>(INCLUSIVE_GROUPS.length).fill(0);
  let busy = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const cat = frameCategory(url, functionName);
    if (cat === 'idle') continue;
    busy += ms;
    cats.set(cat, (cats.get(cat) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules\/|src\/)/, '$1')}:${lineNumber + 1}`;
    const f = fns.get(key) ?? { ms: 0, cat };
    f.ms += ms;
    fns.set(key, f);
    const hit = new Array<boolean>(INCLUSIVE_GROUPS.length).fill(false);
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      INCLUSIVE_GROUPS.forEach(([, test], g) => {
        if (!hit[g] && test(cf.url, cf.functionName)) hit[g] = true;
      });
    }
    hit.forEach((h, g) => {
      if (h && !(INCLUSIVE_GROUPS[g][2] && hit[0])) incl[g] += ms;
    });
  }
  const pct = (ms: number): string => `${((ms / Math.max(busy, 1e-9)) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`busy (non-idle) CPU of the bot's main thread in the window: ${Math.round(busy)} ms`, 'inclusive time of the main stages (overlapping):'];
  INCLUSIVE_GROUPS.forEach(([name], g) => lines.push(`  ${pct(incl[g])}  ${Math.round(incl[g]).toString().padStart(6)} ms  ${name}`));
  lines.push('self time by part:');
  for (const [cat, ms] of [...cats].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`  ${pct(ms)}  ${Math.round(ms).toString().padStart(6)} ms  ${cat}`);
  lines.push(`top ${top} functions (self time):`);
  for (const [key, f] of [...fns].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) lines.push(`  ${pct(f.ms)}  ${key}  [${f.cat}]`);
  return lines.join('\n');
}

/**
 * The main thread's .cpuprofile of process `pid` in a folder (Node writes one per thread:
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread), if any.
 */
export function mainThreadProfile(dir: string, pid: number): string | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.`));
  const main = files.find((f) => f.includes(`.${pid}.0.`)) ?? files.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0];
  return main ? join(dir, main) : null;
}

// ---------------------------------------------------------------------------------------------
// Per-stage costs, in this process (after the bot has stopped): what one interaction costs where

export interface StageRow {
  stage: string;
  n: number;
  stats: LatencyStats;
}

/**
 * Times the bot's own stages on the same corpus, one call at a time in this process (no Discord,
 * no event-loop sharing): Library.ask, renderAnswer, findArticles (autocomplete), summarize +
 * renderSummary. Also the library build (what start-up spends). Uses the project's modules as the
 * bot does; nothing is edited.
 */
export async function measureStages(
  srcRoot: string,
  dir: string,
  questions: readonly string[],
  fragments: readonly string[],
  count = 400,
): Promise<{ buildMs: number; rows: StageRow[] }> {
  const from = (path: string): string => pathToFileURL(join(srcRoot, path)).href;
  const { openLibrary } = (await import(from('src/library/library.ts'))) as typeof import('../../src/library/library.ts');
  const { renderAnswer, renderSummary, ALTERNATIVES } = (await import(from('src/bot/render.ts'))) as typeof import('../../src/bot/render.ts');
  const { checkQuestion } = (await import(from('src/search/question.ts'))) as typeof import('../../src/search/question.ts');
  const t0 = performance.now();
  const library = await openLibrary(dir);
  const buildMs = performance.now() - t0;
  const ask: number[] = [];
  const render: number[] = [];
  const find: number[] = [];
  const summary: number[] = [];
  const qs = questions.filter((q) => checkQuestion(q).ok);
  // Warm-up (JIT), not timed.
  for (const q of qs.slice(0, 30)) renderAnswer(library.ask(q, { alternatives: ALTERNATIVES }), { question: q });
  for (let i = 0; i < count && qs.length; i++) {
    const q = qs[i % qs.length];
    let t = performance.now();
    const result = library.ask(q, { alternatives: ALTERNATIVES });
    ask.push(performance.now() - t);
    t = performance.now();
    renderAnswer(result, { question: q });
    render.push(performance.now() - t);
  }
  for (let i = 0; i < Math.min(count / 4, 100) && fragments.length; i++) {
    const t = performance.now();
    library.findArticles(fragments[i % fragments.length], 25);
    find.push(performance.now() - t);
  }
  const articles = library.articles;
  for (let i = 0; i < Math.min(count / 8, 50); i++) {
    const a = articles[(i * 7919) % articles.length];
    const t = performance.now();
    renderSummary(library.summarize(a, {}));
    summary.push(performance.now() - t);
  }
  return {
    buildMs,
    rows: [
      { stage: 'Library.ask (engine)', n: ask.length, stats: latencyStats(ask) },
      { stage: 'renderAnswer (embeds + buttons, builders)', n: render.length, stats: latencyStats(render) },
      { stage: 'findArticles (autocomplete, fuse.js)', n: find.length, stats: latencyStats(find) },
      { stage: 'summarize + renderSummary (/summary)', n: summary.length, stats: latencyStats(summary) },
    ],
  };
}
