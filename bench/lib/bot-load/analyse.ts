import { fmt, percentileSorted } from '../stats.ts';
import type { CpuUse } from './proc.ts';
import type { BotProbe } from './child.ts';
import type { Kind, Sent } from './drive.ts';

/** Per-phase analysis: latency, exactly-once answers, error callbacks. */

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

/** The latency columns both load benches' tables open with (corpus … miss/dup/err/late). */
export const LATENCY_COLUMNS = ['corpus', 'rate/s', 'sent', 'thru/s', 'p50', 'p95', 'p99', 'max', '/ask p99', 'lost', 'miss/dup/err/late'];

/** A phase's cells under LATENCY_COLUMNS. */
export function latencyCells(corpus: string, p: PhaseResult): string[] {
  return [
    corpus,
    `${p.rate}`,
    `${p.sent}`,
    fmt(p.throughputPerS, 1),
    fmt(p.all.p50),
    fmt(p.all.p95),
    fmt(p.all.p99),
    fmt(p.all.max),
    fmt(p.byKind.ask.p99),
    `${p.lost}`,
    `${p.missing}/${p.doubled}/${p.errors}/${p.late}`,
  ];
}
