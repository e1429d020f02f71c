import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Readings from /proc: a process's RSS, CPU and scheduler times, the machine's CPU; waiting for a quiet machine. */

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

/** A process and its descendants (the HTTP server's worker processes), from /proc/<pid>/task/<pid>/children. */
export function processTree(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    out.push(p);
    try {
      for (const child of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/)) if (child) queue.push(Number(child));
    } catch {
      // gone, or no such file: no children to add
    }
  }
  return out;
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

/**
 * The bot's figures are summed over its process tree (a server with worker processes): `pids`
 * from `processTree`, taken once before the phase so that both snapshots read the same processes.
 */
export function cpuSnapshot(botPid: number, pids: readonly number[] = [botPid]): CpuSnapshot {
  const u = process.cpuUsage();
  const sched = pids.map(readSchedstat);
  return {
    at: performance.now(),
    botCpuMs: pids.reduce((sum, p) => sum + readCpuMs(p), 0),
    botSched: { runMs: sched.reduce((sum, x) => sum + x.runMs, 0), waitMs: sched.reduce((sum, x) => sum + x.waitMs, 0) },
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
