/**
 * Speed benchmark (issue 2, "Speed"): our answer engine against MiniSearch 7.2 (Porter2 stemming +
 * English stop words, the same stemmer and stop list as the engine's src/text/ when it
 * exports them), measured in the same run at about 2,000, 20,000 and 100,000 paragraphs, plus the
 * CLI end to end.
 *
 *   npx tsx bench/speed.ts [--sizes 2000,20000,100000] [--queries 2000] [--budget 20] [--passes 2]
 *                          [--repeat-small 5] [--build-reps 1] [--nice N] [--src HEAD|worktree|REF]
 *                          [--minisearch-stem-cache] [--no-e2e] [--e2e-only]
 *                          [--e2e-paragraphs 20000] [--e2e-questions 2000] [--out FILE]
 *
 * Each engine at each size is measured in a fresh child process (node --expose-gc --import tsx
 * this file --child ...), so memory figures are not polluted by the other engine. By default the
 * engine is the committed HEAD (a `git archive` snapshot of src/ in a temp dir), not the shared
 * working tree, so half-edited files are never measured; `--src worktree` measures the working tree.
 *
 * Per size and engine: the cold build time (wall and CPU), query p50/p99 over up to --queries
 * SQuAD questions searched over the whole corpus (and within the question's own article at the
 * smallest size), each question timed --passes times keeping its best, a query pass cut after
 * --budget seconds; index memory = (heapUsed + external) after build − before, after gc. Sizes
 * ≤ 5,000 paragraphs are run --repeat-small times and the medians shown. End to end: the corpus at
 * --e2e-paragraphs is written as article files and `npm run --silent ask -- --articles DIR --json`
 * answers --e2e-questions questions from stdin, against bench/lib/minisearch-cli.ts doing the same.
 * PASS/MISS per target: ours ≤ 0.5× MiniSearch's build time and query p99 at every size, less
 * index memory, and end to end ≤ 0.5× MiniSearch's time. Figures also go to bench/out/speed.json.
 *
 * Missing data never fails the run: SQuAD absent → synthetic text (BENCH_SYNTHETIC=1 forces it);
 * CLI absent → the end-to-end part is skipped with a message.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnswerResult, Article } from '../src/types.ts';
import { baseId, corpusForSize, fileIdFor, loadSquadCorpus, paragraphCount, sampleQuestions, writeArticleFiles } from './lib/corpus.ts';
import type { BenchQuestion } from './lib/corpus.ts';
import { MiniSearchBaseline, resolveTextPipeline } from './lib/minisearch-cli.ts';
import { fmt, nowMs, ratio, summarize, table } from './lib/stats.ts';
import type { Summary } from './lib/stats.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const THIS_FILE = fileURLToPath(import.meta.url);
const MB = 1024 * 1024;
const RESULT_TAG = '@@SPEED_RESULT ';

type EngineName = 'ours' | 'minisearch';

interface ChildResult {
  engine: EngineName;
  size: number;
  paragraphs: number;
  articles: number;
  origin: string;
  synthetic: boolean;
  textPipeline?: string;
  /** The first (cold) build; `buildTimes` has it and any extra builds (--build-reps). */
  buildMs: number;
  buildTimes: number[];
  /** CPU time (all threads, incl. gc helpers) of the first build. */
  buildCpuMs: number;
  heapBeforeMB: number;
  heapAfterMB: number;
  externalBeforeMB: number;
  externalAfterMB: number;
  /** (heapUsed + external) after the first build − before it, after gc. */
  indexMB: number;
  gc: boolean;
  /** 1-minute load average when the child started and ended. */
  load: [number, number];
  whole: QueryStats;
  within?: QueryStats;
  /** How many runs the figures are medians of (absent: one). */
  runs?: number;
}

/** Wall-clock figures (per question, best of the passes); `cpu`: the same in process CPU time, less sensitive to other processes. */
type QueryStats = Summary & { top1: number; budgetHit: boolean; firstPass: { p50: number; p99: number }; cpu: { p50: number; p99: number } };

interface Options {
  sizes: number[];
  queries: number;
  budgetS: number;
  passes: number;
  buildReps: number;
  buildBudgetS: number;
  childTimeoutS: number;
  /** Niceness for the measured processes (negative = higher priority; needs root). 0 = unchanged. */
  nice: number;
  /** Runs per engine at sizes ≤ 5,000 paragraphs (medians are reported). */
  repeatSmall: number;
  /** Give the MiniSearch baseline a per-word stem cache (not the issue's baseline; for comparison). */
  msStemCache: boolean;
  src: string;
  e2e: boolean;
  speed: boolean;
  e2eQuestions: number;
  e2eParagraphs: number;
  /** Time limit for our CLI run (default: 3× MiniSearch's time, at least 120 s). */
  e2eTimeoutS?: number;
  out: string;
}

function parseArgs(argv: string[]): Options & { child?: Record<string, string> } {
  const o: Options & { child?: Record<string, string> } = {
    sizes: [2000, 20000, 100000],
    queries: 2000,
    budgetS: 20,
    passes: 2,
    buildReps: 1,
    buildBudgetS: 12,
    childTimeoutS: 480,
    nice: 0,
    repeatSmall: 5,
    msStemCache: false,
    src: 'HEAD',
    e2e: true,
    speed: true,
    e2eQuestions: 2000,
    e2eParagraphs: 20000,
    out: join(REPO_ROOT, 'bench/out/speed.json'),
  };
  const child: Record<string, string> = {};
  let isChild = false;
  // Accept --flag=value as well as --flag value.
  argv = argv.flatMap((a) => (/^--[\w-]+=/.test(a) ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--child') isChild = true;
    else if (a === '--sizes')
      o.sizes = val()
        .split(',')
        .map((s) => Math.round(Number(s.replace(/[_k]/g, (m) => (m === 'k' ? '000' : '')))))
        .filter((n) => n > 0);
    else if (a === '--queries') o.queries = Number(val());
    else if (a === '--budget') o.budgetS = Number(val());
    else if (a === '--passes') o.passes = Math.max(1, Number(val()));
    else if (a === '--build-reps') o.buildReps = Math.max(1, Number(val()));
    else if (a === '--build-budget') o.buildBudgetS = Number(val());
    else if (a === '--child-timeout') o.childTimeoutS = Number(val());
    else if (a === '--src') o.src = val();
    else if (a === '--nice') o.nice = Number(val());
    else if (a === '--repeat-small') o.repeatSmall = Math.max(1, Number(val()));
    else if (a === '--minisearch-stem-cache') o.msStemCache = true;
    else if (a === '--no-e2e') o.e2e = false;
    else if (a === '--e2e-only') o.speed = false;
    else if (a === '--e2e-questions') o.e2eQuestions = Number(val());
    else if (a === '--e2e-paragraphs') o.e2eParagraphs = Number(val());
    else if (a === '--e2e-timeout') o.e2eTimeoutS = Number(val());
    else if (a === '--out') o.out = resolve(val());
    else if (isChild && a.startsWith('--')) child[a.slice(2)] = val();
    // Unknown arguments are ignored: bench/index.ts passes the same arguments to every bench.
  }
  if (isChild) o.child = child;
  return o;
}

// ---------------------------------------------------------------------------------------------
// Child: one engine at one size

interface Engine {
  answer(question: string, articleId?: string): { articleId: string; paragraph: number } | null;
}

/**
 * Imports what an engine needs (outside the timed build) and returns its builder, so module
 * loading and transpiling are never counted as build time.
 */
async function engineBuilder(name: EngineName, srcRoot: string, cacheStems = false): Promise<{ build: (articles: readonly Article[]) => Engine; textPipeline?: string }> {
  if (name === 'minisearch') {
    const text = await resolveTextPipeline(srcRoot);
    return {
      textPipeline: text.origin,
      build(articles) {
        const ms = MiniSearchBaseline.build(articles, text, cacheStems);
        return {
          answer(q, articleId) {
            const h = ms.search(q, 4, articleId)[0];
            return h ? { articleId: h.article.id, paragraph: h.article.paragraphs[h.paragraphIndex].index } : null;
          },
        };
      },
    };
  }
  const mod = (await import(pathToFileURL(join(srcRoot, 'src/search/engine.ts')).href)) as {
    SearchEngine: { build(articles: readonly Article[]): { answer(q: string, o?: { articleId?: string }): AnswerResult } };
  };
  return {
    build(articles) {
      const built = mod.SearchEngine.build(articles);
      return {
        answer(q, articleId) {
          const r = built.answer(q, articleId === undefined ? {} : { articleId });
          const m = r.kind === 'answer' ? r.best : r.closest;
          return m ? { articleId: m.article.id, paragraph: m.paragraph.index } : null;
        },
      };
    },
  };
}

/**
 * Memory in MB after a full gc: V8 heap plus memory outside it (typed arrays' ArrayBuffers count
 * as `external`, so an index in typed arrays is not missed).
 */
function memoryMB(): { heap: number; external: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed / MB, external: m.external / MB };
}

async function runChild(o: Options, args: Record<string, string>): Promise<void> {
  const engineName = args.engine as EngineName;
  const size = Number(args.size);
  const srcRoot = o.src === 'HEAD' ? REPO_ROOT : o.src; // the parent passes a directory
  const within = args.within === '1';
  const log = (s: string) => process.stderr.write(`  [${engineName} @ ${size}] ${s}\n`);
  const loadStart = loadavg()[0];

  const corpus = await corpusForSize(REPO_ROOT, size);
  const questions = sampleQuestions(corpus.questions, o.queries + 50);
  const warm = questions.slice(o.queries);
  const timed = questions.slice(0, o.queries);
  const paragraphs = paragraphCount(corpus.articles);
  const { build, textPipeline } = await engineBuilder(engineName, srcRoot, o.msStemCache);

  // First build: timed, and the one whose memory is measured and which answers the questions.
  const before = memoryMB();
  let t0 = nowMs();
  const cpu0 = process.cpuUsage();
  const engine = build(corpus.articles);
  const buildTimes = [nowMs() - t0];
  const cpu = process.cpuUsage(cpu0);
  const buildCpuMs = (cpu.user + cpu.system) / 1000;
  const after = memoryMB();
  // Extra builds (--build-reps, while they stay within --build-budget) are reported for
  // information: warm builds, less sensitive to other processes, but not what a user waits for.
  while (buildTimes.length < o.buildReps && buildTimes.reduce((a, b) => a + b, 0) + buildTimes[0] <= o.buildBudgetS * 1000) {
    t0 = nowMs();
    build(corpus.articles);
    buildTimes.push(nowMs() - t0);
    memoryMB();
  }
  // The first (cold) build is the figure: the CLI and the bot build once per process.
  const buildMs = buildTimes[0];
  const indexMB = after.heap + after.external - (before.heap + before.external);
  log(
    `built ${paragraphs} paragraphs in ${buildTimes.map((t) => fmt(t, 0)).join(' / ')} ms (first: ${fmt(buildCpuMs, 0)} ms cpu), index ${fmt(indexMB)} MB (heap ${fmt(after.heap - before.heap)} + external ${fmt(after.external - before.external)})`,
  );

  for (const q of warm) engine.answer(q.q);

  /** Per question, the best of `passes` timings; pass 1 is cut at the budget, later passes repeat the same questions. */
  const measure = (qs: BenchQuestion[], useArticle: boolean): QueryStats => {
    const best: number[] = [];
    const cpuBest: number[] = [];
    let right = 0;
    const deadline = nowMs() + o.budgetS * 1000;
    let budgetHit = false;
    for (const q of qs) {
      const c0 = process.cpuUsage();
      const t = nowMs();
      const hit = engine.answer(q.q, useArticle ? q.articleId : undefined);
      const end = nowMs();
      const c = process.cpuUsage(c0);
      best.push(end - t);
      cpuBest.push((c.user + c.system) / 1000);
      if (hit && baseId(hit.articleId) === q.articleId && hit.paragraph === q.paragraph) right++;
      if (end > deadline) {
        budgetHit = best.length < qs.length;
        break;
      }
    }
    const first = summarize(best);
    for (let pass = 1; pass < o.passes; pass++) {
      for (let i = 0; i < best.length; i++) {
        const c0 = process.cpuUsage();
        const t = nowMs();
        engine.answer(qs[i].q, useArticle ? qs[i].articleId : undefined);
        const end = nowMs();
        const c = process.cpuUsage(c0);
        best[i] = Math.min(best[i], end - t);
        cpuBest[i] = Math.min(cpuBest[i], (c.user + c.system) / 1000);
      }
    }
    const cpu = summarize(cpuBest);
    return {
      ...summarize(best),
      top1: best.length ? right / best.length : NaN,
      budgetHit,
      firstPass: { p50: first.p50, p99: first.p99 },
      cpu: { p50: cpu.p50, p99: cpu.p99 },
    };
  };
  const whole = measure(timed, false);
  log(
    `whole corpus: ${whole.n} questions, p50 ${fmt(whole.p50)} ms, p99 ${fmt(whole.p99)} ms (first pass alone ${fmt(whole.firstPass.p50)} / ${fmt(whole.firstPass.p99)}; cpu ${fmt(whole.cpu.p50)} / ${fmt(whole.cpu.p99)})`,
  );
  const withinRes = within ? measure(timed, true) : undefined;
  if (withinRes) log(`within article: ${withinRes.n} questions, p50 ${fmt(withinRes.p50)} ms, p99 ${fmt(withinRes.p99)} ms`);

  // Keep the engine reachable until here so it is not collected before the memory was read.
  void engine;
  const result: ChildResult = {
    engine: engineName,
    size,
    paragraphs,
    articles: corpus.articles.length,
    origin: corpus.origin,
    synthetic: corpus.synthetic,
    textPipeline,
    buildMs,
    buildTimes,
    buildCpuMs,
    heapBeforeMB: before.heap,
    heapAfterMB: after.heap,
    externalBeforeMB: before.external,
    externalAfterMB: after.external,
    indexMB,
    gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
    load: [loadStart, loadavg()[0]],
    whole,
    within: withinRes,
  };
  process.stdout.write(`${RESULT_TAG}${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/**
 * The directory whose `src/` holds the engine to measure: the working tree, or a snapshot of a
 * commit (git archive of src/, package.json, tsconfig.json; node_modules symlinked).
 */
function engineRoot(src: string): { root: string; label: string } {
  if (src === 'worktree') {
    const dirty = git(['status', '--porcelain', '--', 'src']);
    return { root: REPO_ROOT, label: `working tree${dirty ? ' (with uncommitted changes in src/)' : ''} at ${git(['rev-parse', '--short', 'HEAD'])}` };
  }
  const sha = git(['rev-parse', '--verify', `${src}^{commit}`]);
  if (!sha) throw new Error(`--src ${src}: not a commit`);
  // Keyed by the trees it holds, so commits that do not touch src/ reuse the same snapshot.
  const paths = ['src', 'package.json', 'tsconfig.json'].filter((p) => git(['ls-tree', '--name-only', sha, p]));
  const key = paths.map((p) => git(['rev-parse', `${sha}:${p}`]).slice(0, 8)).join('-');
  const dir = join(tmpdir(), `newsdesk-src-${key}`);
  if (!existsSync(join(dir, 'src/search/engine.ts'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = spawnSync('git', ['archive', '--format=tar', sha, ...paths], { cwd: REPO_ROOT, maxBuffer: 1 << 28 });
    if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr.toString()}`);
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr.toString()}`);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  }
  const lastSearch = git(['log', '-1', '--format=%h %cd "%s"', '--date=format:%Y-%m-%d %H:%M', sha, '--', 'src/search']).slice(0, 110);
  return { root: dir, label: `${src} = ${sha.slice(0, 7)}; last change to src/search: ${lastSearch || 'none'}` };
}

function spawnChild(o: Options, engine: EngineName, size: number, srcRoot: string, within: boolean): Promise<ChildResult | string> {
  const args = [
    '--expose-gc',
    '--max-old-space-size=12288',
    '--import',
    'tsx',
    THIS_FILE,
    '--child',
    '--engine',
    engine,
    '--size',
    String(size),
    '--src',
    srcRoot,
    '--within',
    within ? '1' : '0',
    '--queries',
    String(o.queries),
    '--budget',
    String(o.budgetS),
    '--passes',
    String(o.passes),
    '--build-reps',
    String(o.buildReps),
    '--build-budget',
    String(o.buildBudgetS),
    ...(o.msStemCache ? ['--minisearch-stem-cache'] : []),
  ];
  return new Promise((done) => {
    const [cmd, cmdArgs] = niced(o, process.execPath, args);
    const child = spawn(cmd, cmdArgs, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.childTimeoutS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(RESULT_TAG));
      if (line) return done(JSON.parse(line.slice(RESULT_TAG.length)) as ChildResult);
      if (signal === 'SIGKILL') return done(`timed out after ${o.childTimeoutS} s`);
      done(`failed (exit ${code ?? signal}): ${out.trim().split('\n').slice(-3).join(' | ')}`);
    });
  });
}

interface Verdict {
  target: string;
  ours: string;
  minisearch: string;
  ratio: string;
  /** The same ratio in CPU time (a cross-check when the machine is busy), when measured. */
  cpuRatio: string;
  pass: boolean | null;
}

function verdictRow(
  target: string,
  ours: number | undefined,
  ms: number | undefined,
  unit: string,
  limit: number,
  strict = false,
  cpu?: [number | undefined, number | undefined],
): Verdict {
  const okNum = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
  const pass = okNum(ours) && okNum(ms) ? (strict ? ours < ms * limit : ours <= ms * limit) : okNum(ms) && !okNum(ours) ? false : null;
  return {
    target,
    ours: okNum(ours) ? `${fmt(ours)} ${unit}` : 'n/a',
    minisearch: okNum(ms) ? `${fmt(ms)} ${unit}` : 'n/a',
    ratio: ratio(ours, ms),
    cpuRatio: cpu ? ratio(cpu[0], cpu[1]) : '',
    pass,
  };
}

const median = (xs: number[]): number => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

function medianStats(xs: QueryStats[]): QueryStats {
  const num = (f: (q: QueryStats) => number) => median(xs.map(f));
  return {
    ...xs[0],
    mean: num((q) => q.mean),
    p50: num((q) => q.p50),
    p90: num((q) => q.p90),
    p99: num((q) => q.p99),
    max: num((q) => q.max),
    top1: num((q) => q.top1),
    budgetHit: xs.some((q) => q.budgetHit),
    firstPass: { p50: num((q) => q.firstPass.p50), p99: num((q) => q.firstPass.p99) },
    cpu: { p50: num((q) => q.cpu.p50), p99: num((q) => q.cpu.p99) },
  };
}

/** Per-figure medians over repeated runs of one engine at one size (`runs` holds each run). */
function medianResult(rs: ChildResult[]): ChildResult {
  if (rs.length === 1) return rs[0];
  const num = (f: (r: ChildResult) => number) => median(rs.map(f));
  return {
    ...rs[0],
    buildMs: num((r) => r.buildMs),
    buildTimes: rs.map((r) => r.buildMs),
    buildCpuMs: num((r) => r.buildCpuMs),
    heapBeforeMB: num((r) => r.heapBeforeMB),
    heapAfterMB: num((r) => r.heapAfterMB),
    externalBeforeMB: num((r) => r.externalBeforeMB),
    externalAfterMB: num((r) => r.externalAfterMB),
    indexMB: num((r) => r.indexMB),
    load: [Math.min(...rs.map((r) => r.load[0])), Math.max(...rs.map((r) => r.load[1]))],
    whole: medianStats(rs.map((r) => r.whole)),
    within: rs.every((r) => r.within) ? medianStats(rs.map((r) => r.within as QueryStats)) : undefined,
    runs: rs.length,
  };
}

async function runSpeed(o: Options, srcRoot: string, verdicts: Verdict[], report: Record<string, unknown>): Promise<void> {
  const results: { size: number; ours: ChildResult | string; minisearch: ChildResult | string }[] = [];
  const smallest = Math.min(...o.sizes);
  for (const size of o.sizes) {
    const within = size === smallest;
    console.log(`\n• ${size.toLocaleString('en-US')} paragraphs`);
    // Small sizes are cheap: run the pair several times (alternating) and take medians, which
    // steadies the figures on a busy machine.
    const reps = size <= 5000 ? o.repeatSmall : 1;
    const runs: Record<EngineName, ChildResult[]> = { minisearch: [], ours: [] };
    const failures: Record<EngineName, string> = { minisearch: '', ours: '' };
    for (let rep = 0; rep < reps; rep++) {
      for (const name of ['minisearch', 'ours'] as const) {
        const r = await spawnChild(o, name, size, srcRoot, within);
        if (typeof r === 'string') {
          console.log(`  ${name}: ${r}`);
          failures[name] = r;
        } else runs[name].push(r);
      }
    }
    const pick = (name: EngineName): ChildResult | string => (runs[name].length ? medianResult(runs[name]) : failures[name] || 'failed');
    results.push({ size, ours: pick('ours'), minisearch: pick('minisearch') });
  }
  report.speed = results;

  const first = results
    .map((r) => [r.ours, r.minisearch])
    .flat()
    .find((r): r is ChildResult => typeof r !== 'string');
  console.log('');
  if (first) {
    console.log(
      first.synthetic
        ? `Corpus: ${first.origin} — SYNTHETIC TEXT (no SQuAD dev), generated at each size.`
        : `Corpus: ${first.origin.replace(/, ×\d+.*$/, '')}, grown by perturbed copies (sentences shuffled, one word dropped per sentence).`,
    );
    const ms = results.map((r) => r.minisearch).find((r): r is ChildResult => typeof r !== 'string');
    if (ms?.textPipeline)
      console.log(`MiniSearch baseline text pipeline: ${ms.textPipeline}${o.msStemCache ? " WITH a per-word stem cache (--minisearch-stem-cache: not the issue's baseline)" : ''}`);
    console.log(
      `Memory: index MB = (heapUsed + external) after build − before build, after gc${first.gc ? '' : ' (NO --expose-gc: memory figures unreliable)'}; heap MB = heapUsed after build (corpus included).`,
    );
    if (o.repeatSmall > 1 && o.sizes.some((z) => z <= 5000))
      console.log(`Sizes ≤ 5,000 paragraphs: each engine run ${o.repeatSmall} times (alternating), medians shown (--repeat-small).`);
    console.log(
      `Build: the first (cold) build in a fresh process. Queries: after 50 warm-up questions, per question the best of ${o.passes} pass${o.passes > 1 ? 'es' : ''}, then p50/p99 over questions.`,
    );
  }
  const rows: string[][] = [];
  const cell = (r: ChildResult | string, f: (c: ChildResult) => string) => (typeof r === 'string' ? 'n/a' : f(r));
  const nq = (s: Summary & { budgetHit: boolean }) => `${s.n}${s.budgetHit ? '*' : ''}`;
  for (const { size, ours, minisearch } of results) {
    for (const [name, r] of [
      ['MiniSearch', minisearch],
      ['ours', ours],
    ] as const) {
      rows.push([
        name === 'ours' ? '' : size.toLocaleString('en-US'),
        cell(r, (c) => c.paragraphs.toLocaleString('en-US')),
        name,
        cell(r, (c) => fmt(c.buildMs, 0)),
        cell(r, (c) => fmt(c.whole.p50, 2)),
        cell(r, (c) => fmt(c.whole.p99, 2)),
        cell(r, (c) => nq(c.whole)),
        cell(r, (c) => (c.within ? fmt(c.within.p50, 2) : '')),
        cell(r, (c) => (c.within ? fmt(c.within.p99, 2) : '')),
        cell(r, (c) => fmt(c.indexMB, 1)),
        cell(r, (c) => fmt(c.heapAfterMB, 0)),
        cell(r, (c) => `${c.load[0].toFixed(1)}–${c.load[1].toFixed(1)}`),
        cell(r, (c) => `${(c.whole.top1 * 100).toFixed(1)}${c.within ? ` / ${(c.within.top1 * 100).toFixed(1)}` : ''}`),
      ]);
    }
    const o2 = typeof ours === 'string' ? undefined : ours;
    const m2 = typeof minisearch === 'string' ? undefined : minisearch;
    rows.push([
      '',
      '',
      'ratio',
      ratio(o2?.buildMs, m2?.buildMs),
      ratio(o2?.whole.p50, m2?.whole.p50),
      ratio(o2?.whole.p99, m2?.whole.p99),
      '',
      o2?.within && m2?.within ? ratio(o2.within.p50, m2.within.p50) : '',
      o2?.within && m2?.within ? ratio(o2.within.p99, m2.within.p99) : '',
      ratio(o2?.indexMB, m2?.indexMB),
      '',
      '',
      '',
    ]);
    const label = size.toLocaleString('en-US');
    verdicts.push(verdictRow(`build ≤ 0.5× @ ${label}`, o2?.buildMs, m2?.buildMs, 'ms', 0.5, false, [o2?.buildCpuMs, m2?.buildCpuMs]));
    verdicts.push(verdictRow(`query p99 ≤ 0.5× @ ${label}`, o2?.whole.p99, m2?.whole.p99, 'ms', 0.5, false, [o2?.whole.cpu.p99, m2?.whole.cpu.p99]));
    if (o2?.within || m2?.within) {
      verdicts.push(verdictRow(`query p99 within-article ≤ 0.5× @ ${label}`, o2?.within?.p99, m2?.within?.p99, 'ms', 0.5, false, [o2?.within?.cpu.p99, m2?.within?.cpu.p99]));
    }
    verdicts.push(verdictRow(`index memory < MiniSearch @ ${label}`, o2?.indexMB, m2?.indexMB, 'MB', 1, true));
  }
  console.log(
    table(['size', 'paragraphs', 'engine', 'build ms', 'p50 ms', 'p99 ms', 'queries', 'in-art p50', 'in-art p99', 'index MB', 'heap MB', 'load', 'top-1 %'], rows, [
      'left',
      'right',
      'left',
    ]),
  );
  console.log(
    `(queries = whole-corpus questions timed, * = cut by the ${o.budgetS} s budget; in-art = searching only the question's own article; load = 1-min load average at child start–end (${cpus().length} cores); top-1 % = right paragraph first, whole corpus / within article: a sanity check, not the quality bench.)`,
  );
}

/** The command line, run through `nice -n N` when --nice is set (children inherit the niceness). */
function niced(o: Options, cmd: string, args: string[]): [string, string[]] {
  return o.nice ? ['nice', ['-n', String(o.nice), cmd, ...args]] : [cmd, args];
}

function runTimed(
  cmd: string,
  args: string[],
  cwd: string,
  stdinFile: string,
  stdoutFile: string,
  timeoutS: number,
): Promise<{ ms: number; code: number | null; timedOut: boolean; stderr: string }> {
  return new Promise((done) => {
    const out = createWriteStream(stdoutFile);
    const t0 = nowMs();
    // Its own process group, so a timeout ends npm, tsx and node together.
    const child = spawn(cmd, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' }, detached: true });
    createReadStream(stdinFile).pipe(child.stdin);
    child.stdout.pipe(out);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutS * 1000);
    child.on('close', (code) => {
      const ms = nowMs() - t0;
      clearTimeout(timer);
      out.end(() => done({ ms, code, timedOut, stderr }));
    });
  });
}

/** Parses the JSON lines of a CLI run; counts valid lines and right top-1 paragraphs. */
function checkJsonLines(file: string, questions: BenchQuestion[]): { lines: number; valid: number; top1: number } {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  let valid = 0;
  let right = 0;
  lines.forEach((l, i) => {
    try {
      const v = JSON.parse(l) as {
        question?: string;
        answer?: { article: { id: string }; paragraph: number } | null;
        closest?: { article: { id: string }; paragraph: number } | null;
      };
      if (typeof v.question !== 'string') return;
      valid++;
      const m = v.answer ?? v.closest;
      const q = questions[i];
      if (m && q && baseId(m.article.id) === fileIdFor(q.articleId) && m.paragraph === q.paragraph) right++;
    } catch {
      // not JSON: counted as invalid
    }
  });
  return { lines: lines.length, valid, top1: lines.length ? right / lines.length : NaN };
}

async function runEndToEnd(o: Options, src: { root: string }, verdicts: Verdict[], report: Record<string, unknown>): Promise<void> {
  console.log(`\n== End to end: load ~${o.e2eParagraphs.toLocaleString('en-US')} paragraphs from files, answer ${o.e2eQuestions.toLocaleString('en-US')} questions from stdin ==`);
  if (!existsSync(join(src.root, 'src/cli/ask.ts'))) {
    console.log('SKIP: src/cli/ask.ts is not there yet (no CLI to time).');
    return;
  }
  const corpus = await corpusForSize(REPO_ROOT, o.e2eParagraphs);
  const work = mkdtempSync(join(tmpdir(), 'newsdesk-e2e-'));
  try {
    const dir = join(work, 'articles');
    const files = writeArticleFiles(dir, corpus.articles);
    const questions = sampleQuestions(corpus.questions, o.e2eQuestions, 7);
    const qFile = join(work, 'questions.txt');
    writeFileSync(qFile, questions.map((q) => q.q).join('\n') + '\n');
    console.log(
      `${files} article files, ${paragraphCount(corpus.articles).toLocaleString('en-US')} paragraphs (${corpus.origin}${corpus.synthetic ? ' — SYNTHETIC' : ''}), ${questions.length} questions`,
    );

    const tsx = join(REPO_ROOT, 'node_modules/.bin/tsx');
    const msOut = join(work, 'minisearch.jsonl');
    const ms = await runTimed(
      ...niced(o, tsx, [join(REPO_ROOT, 'bench/lib/minisearch-cli.ts'), '--articles', dir, '--json', '--text-from', src.root, ...(o.msStemCache ? ['--stem-cache'] : [])]),
      src.root,
      qFile,
      msOut,
      600,
    );
    const msCheck = checkJsonLines(msOut, questions);
    console.log(
      `  MiniSearch (tsx bench/lib/minisearch-cli.ts): ${fmt(ms.ms / 1000, 2)} s, ${msCheck.valid}/${msCheck.lines} JSON lines, top-1 ${fmt(msCheck.top1 * 100, 1)} %${ms.code ? ` — exit ${ms.code}: ${ms.stderr.trim().split('\n').slice(-2).join(' | ')}` : ''}`,
    );

    const limit = o.e2eTimeoutS ?? Math.max(120, Math.ceil((ms.ms / 1000) * 3));
    const oursOut = join(work, 'ours.jsonl');
    const ours = await runTimed(...niced(o, 'npm', ['run', '--silent', 'ask', '--', '--articles', dir, '--json']), src.root, qFile, oursOut, limit);
    const oursCheck = checkJsonLines(oursOut, questions);
    const oursOk = !ours.timedOut && ours.code === 0 && oursCheck.valid === questions.length;
    console.log(
      `  ours (npm run --silent ask -- --articles DIR --json): ${ours.timedOut ? `TIMED OUT after ${limit} s` : `${fmt(ours.ms / 1000, 2)} s`}, ${oursCheck.valid}/${oursCheck.lines} JSON lines, top-1 ${fmt(oursCheck.top1 * 100, 1)} %${ours.code ? ` — exit ${ours.code}: ${ours.stderr.trim().split('\n').slice(-2).join(' | ')}` : ''}`,
    );
    if (!oursOk && !ours.timedOut) console.log(`  (ours did not answer every question: expected ${questions.length} JSON lines)`);
    report.e2e = { files, paragraphs: paragraphCount(corpus.articles), questions: questions.length, minisearch: { ...ms, ...msCheck }, ours: { ...ours, ...oursCheck } };
    verdicts.push(
      verdictRow(
        `end to end ≤ 0.5× (CLI, ${paragraphCount(corpus.articles).toLocaleString('en-US')} ¶, ${questions.length.toLocaleString('en-US')} questions)`,
        oursOk ? ours.ms / 1000 : undefined,
        ms.code === 0 ? ms.ms / 1000 : undefined,
        's',
        0.5,
      ),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.child) return runChild(o, o.child);

  const started = nowMs();
  console.log('== Speed: our engine vs MiniSearch 7.2 (Porter2 stemming + English stop words) ==');
  let src: { root: string; label: string };
  try {
    src = engineRoot(o.src);
  } catch (err) {
    console.log(`Cannot prepare the engine source (${(err as Error).message}); measuring the working tree.`);
    src = engineRoot('worktree');
  }
  console.log(`Engine under test: ${src.label}`);
  console.log(
    `Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${o.queries} questions per size, ${o.budgetS} s budget per query pass`,
  );
  if (o.nice) console.log(`Measured processes run with nice ${o.nice}.`);
  if (loadavg()[0] > cpus().length)
    console.log(
      `WARNING: the machine is busy (load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores): absolute times are inflated; the ratios are measured back to back and are the figures to read.`,
    );
  const squad = loadSquadCorpus(REPO_ROOT);
  if (!squad) {
    const why = process.env.BENCH_SYNTHETIC === '1' ? 'BENCH_SYNTHETIC=1 is set' : `SQuAD dev not found at ${join(REPO_ROOT, '../shared/data/squad-dev-v1.1.jsonl')}`;
    console.log(`${why}: using SYNTHETIC text from a seeded generator (questions are word runs from a known paragraph).`);
  } else
    console.log(
      `Data: ${squad.origin} (${squad.articles.length} articles, ${paragraphCount(squad.articles).toLocaleString('en-US')} paragraphs, ${squad.questions.length.toLocaleString('en-US')} questions)`,
    );

  const verdicts: Verdict[] = [];
  const report: Record<string, unknown> = { date: new Date().toISOString(), engine: src.label, node: process.version, options: o };
  if (o.speed && o.sizes.length) await runSpeed(o, src.root, verdicts, report);
  if (o.e2e) await runEndToEnd(o, src, verdicts, report);

  console.log('\n== Targets ==');
  console.log(
    table(
      ['target', 'ours', 'MiniSearch', 'ratio', 'cpu ratio', 'result'],
      verdicts.map((v) => [v.target, v.ours, v.minisearch, v.ratio, v.cpuRatio, v.pass === null ? 'n/a' : v.pass ? 'PASS' : 'MISS']),
      ['left'],
    ),
  );
  console.log('(result is judged on wall-clock time; cpu ratio = the same ratio in process CPU time, a cross-check that other processes on the machine cannot inflate.)');
  const passed = verdicts.filter((v) => v.pass).length;
  console.log(`${passed} of ${verdicts.length} targets met. Total bench time ${fmt((nowMs() - started) / 1000, 0)} s.`);
  report.verdicts = verdicts;
  try {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, JSON.stringify(report, null, 2));
    console.log(`Raw figures: ${o.out}`);
  } catch {
    // the report file is a convenience
  }
}

await main();
