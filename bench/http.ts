/**
 * Load benchmark of the HTTP interactions mode (issue 13):
 *
 *   npm run bench:http -- [--rates 200,500,1000] [--seconds 10] [--corpus seed|big|both]
 *                         [--paragraphs 20000] [--warmup 3] [--users 500] [--priority -10] …
 *
 * The server runs alone in a child process (`node --import tsx src/main/http.ts`, configured through
 * its environment as in production: DISCORD_PUBLIC_KEY, HOST, PORT, DISCORD_TOKEN/API_URL/CLIENT_ID/
 * GUILD_ID, ARTICLES_DIR, COOLDOWN_QUESTIONS=0, LOG_LEVEL=warn). This process is Discord: the fake
 * (fakes/discord) takes the command registration and any REST follow-up, and POSTs each interaction
 * to the server's /interactions signed with the application's Ed25519 key (a key pair made for the
 * run), taking the HTTP response as the interaction's callback, exactly as it validates callbacks.
 *
 * The mix and corpora are bench:bot's (bench/lib/interaction-mix.ts): /ask plus 5 % /summary and
 * 5 % autocomplete from many users, on the seed articles and on the ~20,000-paragraph corpus built
 * from SQuAD (skipped with a message when absent: a synthetic corpus is used instead). Per rate,
 * open-loop arrivals: p50/p95/p99/max from sending the request to taking its response, lost
 * interactions (no answer, a non-200, an answer Discord would refuse, or one after its 3 s
 * deadline), and the server's CPU. Target: p99 < 50 ms at 500/s on the 20,000-paragraph corpus,
 * nothing lost.
 *
 * A benchmark, not a test: it exits 0 whatever the verdict. Everything listens on 127.0.0.1; the
 * server child is always stopped and the fake closed, also on errors and signals.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { APOLOGY } from '../src/bot/interactions.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { paragraphCount } from './lib/corpus.ts';
import { applyPriority, environment, liveBench, measureCorpora, runBench } from './lib/bot-load/lifecycle.ts';
import { parseArgs, type BenchArgs } from './lib/bot-load/args.ts';
import { cpuSnapshot, cpuUse, processTree, readRss, sleep, waitForQuiet } from './lib/bot-load/proc.ts';
import { botSource } from './lib/bot-load/source.ts';
import { BotChild, relayedInNewSession } from './lib/bot-load/child.ts';
import { drive, settle, type Sent } from './lib/bot-load/drive.ts';
import { DISCORD_CALLBACK_DEADLINE_MS, LATENCY_COLUMNS, analyse, latencyCells, type PhaseResult } from './lib/bot-load/analyse.ts';
import { mainThreadProfile, splitHttpProfile, summariseCpuProfile } from './lib/bot-load/profile.ts';
import { REPO_ROOT, planner, type CorpusSpec } from './lib/bot-load/workload.ts';
import { fmt, table } from './lib/stats.ts';

const USAGE = `npm run bench:http -- [--rates 200,500,1000] [--seconds 10] [--corpus seed|big|both]
       [--paragraphs 20000] [--warmup 3] [--summary-share 0.05] [--autocomplete-share 0.05]
       [--users 500] [--cpu-prof DIR] [--no-probe] [--start-timeout 180] [--quiet-wait 5] [--quiet-max 30]
       [--src worktree|HEAD|<commit>]   (default: the working tree)
       [--workers 2]   (the server's HTTP_WORKERS: worker processes sharing the port; default 1)
       [--priority -10]   (nice value for the bench and the server, each in its own session: measure the server, not a busy machine)`;

interface CorpusRun {
  spec: CorpusSpec;
  paragraphs: number;
  /** spawn → /healthz 200 (library loaded, commands registered), ms. */
  startupMs: number | null;
  rssIdle: { rssMiB: number; hwmMiB: number } | null;
  phases: Array<PhaseResult & { statuses: Record<string, number> }>;
  skipped: string[];
  error: string | null;
  serverWarnings: number;
  serverTail: string[];
}

const live = liveBench();

/** This process's event-loop delay: the fake stamps the answers on this loop, so its lag is measurement error. */
const benchLoop = monitorEventLoopDelay({ resolution: 5 });
benchLoop.enable();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** RSS of the server and its worker processes, if any (summed; the peak is the sum of each one's peak). */
function serverRss(pid: number): { rssMiB: number; hwmMiB: number } | null {
  const each = processTree(pid).map(readRss);
  if (each.some((r) => r === null)) return readRss(pid);
  return { rssMiB: each.reduce((s, r) => s + r!.rssMiB, 0), hwmMiB: each.reduce((s, r) => s + r!.hwmMiB, 0) };
}

/** Waits for `/healthz` 200 (library loaded, commands registered); throws if the server exits or times out. */
async function waitForServer(server: BotChild, port: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (!server.running) {
      throw new Error(`the server exited before it was ready (code ${server.exit?.code}, signal ${server.exit?.signal}):\n  ${server.tail().join('\n  ')}`);
    }
    if ((await healthStatus(port)) === 200) return performance.now() - server.spawnedAt;
    if (performance.now() > deadline) throw new Error(`the server was not ready after ${Math.round(timeoutMs / 1000)} s:\n  ${server.tail().join('\n  ')}`);
    await sleep(25);
  }
}

/** How the endpoint answered, by HTTP status and Discord's verdict on the body (`200 ok` when taken). */
function deliveryStatuses(sent: readonly Sent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sent) {
    const d = s.handle?.delivery;
    const key = !d ? 'not sent' : d.error ? `${d.status || 'no answer'}: ${d.error.slice(0, 60)}` : `${d.status} ok`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function runCorpus(spec: CorpusSpec, args: BenchArgs, source: { root: string }): Promise<CorpusRun> {
  const run: CorpusRun = {
    spec,
    paragraphs: paragraphCount(spec.articles),
    startupMs: null,
    rssIdle: null,
    phases: [],
    skipped: [],
    error: null,
    serverWarnings: 0,
    serverTail: [],
  };
  const fake = await FakeDiscord.start({
    timeoutMs: 10_000,
    users: Array.from({ length: args.users }, (_, i) => ({ username: `reader${i}` })),
    signingKey: generateKeyPairSync('ed25519').privateKey,
  });
  live.fake = fake;
  const guildId = fake.guild.id;
  const port = await freePort();
  const profDir = args.cpuProf ? resolve(args.cpuProf, spec.name) : null;
  if (profDir) mkdirSync(profDir, { recursive: true });
  /** The measured phases, in ms since the server was spawned (for the CPU profile). */
  let loadWindow: [number, number] | null = null;
  const server = new BotChild({
    repoRoot: source.root,
    entry: 'src/main/http.ts',
    probe: args.probe,
    cpuProfDir: profDir,
    priority: args.priority,
    env: {
      DISCORD_PUBLIC_KEY: fake.publicKey,
      HOST: '127.0.0.1',
      PORT: String(port),
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_GUILD_ID: guildId,
      ARTICLES_DIR: spec.dir,
      COOLDOWN_QUESTIONS: '0',
      LOG_LEVEL: 'warn',
      HTTP_WORKERS: String(args.workers),
    },
  });
  live.child = server;
  try {
    console.log(`\n[${spec.name}] server pid ${server.pid} on 127.0.0.1:${port}: ${spec.articles.length} articles, ${run.paragraphs} paragraphs from ${spec.dir}`);
    run.startupMs = await waitForServer(server, port, args.startTimeout * 1000);
    if (!fake.commands(guildId).some((c) => c.name === 'ask')) throw new Error('the server is healthy but /ask was not registered');
    console.log(`[${spec.name}] ready: /healthz 200 after ${fmt(run.startupMs, 0)} ms (library loaded, commands registered)`);
    fake.setInteractionsEndpoint(`http://127.0.0.1:${port}/interactions`);
    await sleep(300);
    await server.probe(true);
    run.rssIdle = serverRss(server.pid);

    const next = planner(
      spec,
      fake.users.map((u) => u.id),
      args,
      spec.name === 'seed' ? 101 : 202,
    );
    if (args.warmup > 0) {
      const warm = await drive(fake, Math.min(...args.rates), args.warmup, next);
      await settle(warm, 15_000, 200);
      const unanswered = warm.filter((s) => !s.handle?.callback).length;
      console.log(`[${spec.name}] warm-up: ${warm.length} interactions in ${args.warmup} s (not measured)${unanswered ? `, ${unanswered} unanswered` : ''}`);
      await sleep(500);
    }

    for (const rate of args.rates) {
      if (!server.running) {
        run.skipped.push(`${rate}/s: the server is not running (exit ${JSON.stringify(server.exit)})`);
        continue;
      }
      if (args.quietWait > 0) {
        const quiet = await waitForQuiet(processTree(server.pid), args.quietMax, args.quietWait * 1000);
        if (quiet.othersPct > args.quietMax) {
          console.log(
            `[${spec.name}] the machine is busy (other processes use ${fmt(quiet.othersPct, 0)} % of a core after waiting ${fmt(quiet.waitedMs / 1000, 0)} s): measuring anyway`,
          );
        }
      }
      await server.probe(); // resets the event-loop histogram
      benchLoop.reset();
      const reqFrom = fake.requests.length;
      const pids = processTree(server.pid);
      const cpu0 = cpuSnapshot(server.pid, pids);
      const phaseStart = performance.now() - server.spawnedAt;
      const sent = await drive(fake, rate, args.seconds, next);
      await settle(sent, 15_000, 0);
      const cpu1 = cpuSnapshot(server.pid, pids);
      loadWindow = [loadWindow?.[0] ?? phaseStart, performance.now() - server.spawnedAt];
      const benchEld = benchLoop.percentile(99) / 1e6;
      await sleep(300);
      const result = analyse({
        rate,
        seconds: args.seconds,
        sent,
        requests: fake.requests.slice(reqFrom),
        apology: APOLOGY,
        cpu: cpuUse(cpu0, cpu1),
        rss: serverRss(server.pid),
        probe: await server.probe(),
      });
      result.benchEldP99Ms = benchEld;
      const statuses = deliveryStatuses(sent);
      run.phases.push({ ...result, statuses });
      console.log(
        `[${spec.name}] ${rate}/s: ${result.sent} sent, throughput ${fmt(result.throughputPerS, 1)}/s, p50 ${fmt(result.all.p50)} p99 ${fmt(result.all.p99)} max ${fmt(result.all.max)} ms, lost ${result.lost}, CPU % of a core: server ${fmt(result.cpu.botPct, 0)} (waiting for a CPU ${fmt(result.cpu.botRunqueuePct, 0)}), bench ${fmt(result.cpu.benchPct, 0)}, other processes ${fmt(result.cpu.othersPct, 0)}; answers ${JSON.stringify(statuses)}`,
      );
      for (const p of result.problems) console.log(`    ! ${p}`);
      if (result.missing > result.sent * 0.05) {
        const higher = args.rates.filter((r) => r > rate);
        if (higher.length) run.skipped.push(`${higher.join(', ')}/s: skipped, the server could not keep up at ${rate}/s (${result.missing} unanswered after 15 s)`);
        break;
      }
      await sleep(1000);
    }
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
    console.log(`[${spec.name}] ERROR: ${run.error}`);
  } finally {
    await server.stop();
    live.child = null;
    if (server.exit && server.exit.code !== 0) run.skipped.push(`the server exited with ${JSON.stringify(server.exit)} on SIGTERM (expected code 0)`);
    run.serverWarnings = server.warnings;
    run.serverTail = server.tail(8);
    await fake.close();
    live.fake = null;
  }
  const profile = profDir ? mainThreadProfile(profDir, server.pid) : null;
  if (profile) {
    const [from, to] = loadWindow ?? [0, Infinity];
    console.log(`\n[${spec.name}] CPU profile of the server (${profile}), during the measured phases only:\n${summariseCpuProfile(profile, from, to)}`);
    const answered = run.phases.reduce((n, p) => n + p.sent - p.missing, 0);
    console.log(`\n[${spec.name}] the server's CPU per interaction by part (each sample in the first part its stack reaches):\n${splitHttpProfile(profile, from, to, answered)}`);
  }
  return run;
}

function report(runs: CorpusRun[], args: BenchArgs): void {
  console.log('\n== HTTP interactions: signed POST → response taken as the callback (ms), open-loop arrivals ==');
  const rows: string[][] = [];
  for (const run of runs) {
    for (const p of run.phases) {
      rows.push([
        ...latencyCells(`${run.spec.name} (${run.paragraphs} ¶)`, p),
        fmt(p.cpu.botPct, 0),
        fmt(p.botCpuMsPerInteraction),
        // With workers, the main threads' CPU is summed over several event loops and the probe sees the supervisor's only.
        args.workers > 1 ? '–' : fmt(1000 / p.mainThreadMsPerInteraction, 0),
        p.probe && args.workers === 1 ? fmt(p.probe.eld.p99) : '–',
        p.rss ? fmt(p.rss.rssMiB, 0) : '–',
        fmt(p.cpu.benchPct, 0),
        fmt(p.cpu.othersPct, 0),
      ]);
    }
    for (const s of run.skipped) rows.push([run.spec.name, s]);
    if (run.error) rows.push([run.spec.name, `error: ${run.error.split('\n')[0]}`]);
  }
  console.log(table([...LATENCY_COLUMNS, 'server CPU %', 'CPU ms/int', 'capacity/s', 'ELD p99', 'RSS MiB', 'bench CPU %', 'others CPU %'], rows, ['left', 'left']));
  console.log(
    `lost = no answer + answered twice + error answers (a non-200, an apology, a body Discord refuses, a wrong type, a follow-up) + an answer after Discord's ${DISCORD_CALLBACK_DEADLINE_MS / 1000} s deadline.` +
      ' server CPU = % of one core (the machine has ' +
      cpus().length * 100 +
      " %); CPU ms/int = the server's CPU per answered interaction; capacity/s = 1000 / its event loop's ms per interaction. ELD = the server's event-loop delay (both '–' with --workers: several event loops). bench = this process (load generator + fake Discord; its lag is measurement error); others = every other process.",
  );

  console.log('\n== Per command (p50 / p99 / max ms, n) ==');
  console.log(
    table(
      ['corpus', 'rate/s', '/ask', '/summary', 'autocomplete', 'inflight', 'gen lag ms', 'bench ELD p99'],
      runs.flatMap((run) =>
        run.phases.map((p) => {
          const cell = (k: 'ask' | 'summary' | 'autocomplete'): string =>
            p.byKind[k].n ? `${fmt(p.byKind[k].p50)} / ${fmt(p.byKind[k].p99)} / ${fmt(p.byKind[k].max)} (${p.byKind[k].n})` : '–';
          return [run.spec.name, `${p.rate}`, cell('ask'), cell('summary'), cell('autocomplete'), `${p.maxInFlight}`, fmt(p.generatorLagMaxMs), fmt(p.benchEldP99Ms)];
        }),
      ),
    ),
  );

  console.log('\n== Start-up and memory of the server ==');
  console.log(
    table(
      ['corpus', 'articles', 'paragraphs', 'spawn→/healthz 200 ms', 'RSS idle MiB', 'peak RSS MiB'],
      runs.map((r) => [
        r.spec.name,
        `${r.spec.articles.length}`,
        `${r.paragraphs}`,
        r.startupMs === null ? '–' : fmt(r.startupMs, 0),
        r.rssIdle ? fmt(r.rssIdle.rssMiB, 0) : '–',
        r.phases.at(-1)?.rss ? fmt(r.phases.at(-1)!.rss!.hwmMiB, 0) : '–',
      ]),
    ),
  );
  for (const r of runs) {
    console.log(`${r.spec.name}: ${r.spec.origin}`);
    if (r.serverWarnings) console.log(`  the server logged ${r.serverWarnings} warning/error line(s); last:\n    ${r.serverTail.join('\n    ')}`);
  }
  const busy = runs.flatMap((r) => r.phases.filter((p) => p.cpu.othersPct > args.quietMax || p.cpu.botRunqueuePct > 10).map((p) => `${r.spec.name} ${p.rate}/s`));
  if (busy.length) {
    console.log(
      `WARNING: other processes competed for the CPUs during ${busy.join(', ')}: those latencies are partly the machine's, not the server's; re-run on a quiet machine${args.priority === null ? ' or with --priority -10' : ''}. CPU ms per interaction and capacity/s hold anyway.`,
    );
  }

  const target = `p99 < ${args.targetP99} ms at ${args.targetRate} interactions/s on the ~${args.paragraphs}-paragraph corpus, nothing lost`;
  const big = runs.find((r) => r.spec.name === 'big');
  const p = big?.phases.find((x) => x.rate === args.targetRate);
  console.log('');
  if (!p) {
    console.log(`Target (${target}): not evaluated — ${big ? `add ${args.targetRate} to --rates` : 'the big corpus was not run'}.`);
    return;
  }
  const pass = p.all.p99 < args.targetP99 && p.lost === 0;
  console.log(`${pass ? 'PASS' : 'MISS'}  target: ${target}: p99 ${fmt(p.all.p99)} ms (/ask ${fmt(p.byKind.ask.p99)} ms), lost ${p.lost} of ${p.sent}`);
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2), { rates: [200, 500, 1000], targetRate: 500, workers: 1 }, USAGE);
    if (args.editEvery > 0) throw new Error(`--edit-every is bench:bot's (live reloads under load)\n${USAGE}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  applyPriority(args.priority, 'server');
  const source = botSource(REPO_ROOT, args.src);
  live.cleanups.push(source.cleanup);
  console.log(`HTTP interactions load benchmark (${new Date().toISOString()}): rates ${args.rates.join(', ')}/s × ${args.seconds} s, corpus ${args.corpus}; ${environment()}`);
  console.log(
    `Server: node --import tsx src/main/http.ts from the ${source.label}, ${args.workers > 1 ? `HTTP_WORKERS=${args.workers} (a supervising process and ${args.workers} workers sharing the port; CPU and RSS are summed over them)` : 'alone in its process'}; signed requests from this process.`,
  );
  console.log(
    `Mix: /ask ${fmt((1 - args.summaryShare - args.autocompleteShare) * 100, 0)}%, /summary ${fmt(args.summaryShare * 100, 0)}%, autocomplete ${fmt(args.autocompleteShare * 100, 0)}%, from ${args.users} users (COOLDOWN_QUESTIONS=0, LOG_LEVEL=warn).`,
  );

  await measureCorpora({ name: 'bench:http', args, live, started, run: (spec) => runCorpus(spec, args, source), report: (runs) => report(runs, args) });
}

if (!relayedInNewSession()) {
  runBench({
    name: 'bench:http',
    child: 'server',
    main,
    live,
  });
}
