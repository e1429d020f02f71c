/**
 * Incremental index updates (issue 12): `npm run bench -- --only incremental`, or
 *
 *   npx tsx --expose-gc bench/incremental.ts [--paragraphs 100000] [--rounds 5] [--cycles 1000]
 *                                           [--startups 3] [--baseline REF] [--priority -10]
 *
 * (--startups 0 or --cycles 0 leaves that part out; --priority runs the bench in a session of its
 * own with that nice value, as bench:bot does, to measure the update rather than a busy machine.)
 *
 * At about 100,000 paragraphs (SQuAD grown by perturbed copies, written as article files to a
 * temp folder; skipped with a message when SQuAD is absent):
 *
 * 1. Start-up: openLibrary on the folder (read + sliced build), in a fresh child process each,
 *    for this tree and for --baseline (default: main when this work started), alternating,
 *    --startups times each; medians and their ratio.
 * 2. Live updates as the bot runs them (watchLibrary with its 0.2 s debounce, a LibraryStore):
 *    per round a new article file lands (written aside and renamed in, as the feed poller does),
 *    an article file is changed, and the new one is removed again; the time from the file landing
 *    to the library in service answering from it (or no longer holding it), and the longest
 *    event-loop block from the landing until the new library is swapped in (a 1 ms timer's
 *    longest gap; the question then asked of it, in a turn of its own, is not counted), and the
 *    longest garbage-collection pause meanwhile; then the same timer over as many windows as long
 *    with no update running. Targets: ≤ 1 s, ≤ 20 ms. The block is judged on the wall clock, and
 *    also on the main thread's CPU time between two ticks (garbage collection included; Linux
 *    accounts it in ticks of about 4 ms): the wall-clock gap also holds the stalls of this virtual
 *    machine, up to 20-40 ms with nothing running.
 * 3. Memory: --cycles add/remove cycles (an article added at a random place, then removed) through
 *    SearchEngine.update, then (heapUsed + external) after gc of that library against a library
 *    started fresh from the same articles as the bot starts one (with the buffers of its first
 *    update reserved, as an updated library holds its predecessor's), and against the index alone
 *    built fresh. Target: within 5 % of the fresh start.
 *
 * A benchmark: it reports PASS/MISS and always exits 0; the temp folder is removed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArticleFileCache } from '../src/articles/load.ts';
import { Library, LibraryStore, openLibrary } from '../src/library/library.ts';
import { watchLibrary } from '../src/library/reload.ts';
import { SearchEngine } from '../src/search/engine.ts';
import type { Article } from '../src/types.ts';
import { numberOption } from './lib/args.ts';
import { relayedInNewSession, setGroupPriority } from './lib/bot-load/child.ts';
import { botSource } from './lib/bot-load/source.ts';
import { corpusForSize, loadSquadCorpus, paragraphCount, writeArticleFiles } from './lib/corpus.ts';
import { fmt, mulberry32, nowMs, summarize } from './lib/stats.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** main when the incremental work started (the layout move): the start-up baseline. */
const DEFAULT_BASELINE = 'a14682d';
const MB = 1024 * 1024;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function verdict(ok: boolean, what: string): void {
  console.log(`${ok ? 'PASS' : 'MISS'}  ${what}`);
}

/**
 * Resolves with the time since `since` at which `store` first holds a library passing `test`,
 * called right after the file landed, before the watcher can have swapped anything in. Checked
 * after each swap only, so that checking costs the event loop nothing in between (checking the
 * library in service first was a question asked in the update's first block, and counted as part
 * of it), and in a turn of the event loop of its own, as the bot's next question would be, so that
 * the check is not counted in the update's last block.
 */
function until(store: LibraryStore, test: (library: Library) => boolean, since: number, timeoutMs = 30_000): Promise<number> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      stop();
      fail(new Error(`not done after ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = store.onReplace((library) => {
      setImmediate(() => {
        if (!test(library)) return;
        const ms = nowMs() - since;
        clearTimeout(timer);
        stop();
        done(ms);
      });
    });
  });
}

/**
 * CPU time so far in milliseconds: the calling (main) thread's, read from Linux's
 * /proc/thread-self/schedstat, so that the garbage collector's helper threads marking
 * concurrently are not counted as blocking the event loop; elsewhere the process's (all threads).
 */
const { cpuMs, cpuOf } = ((): { cpuMs: () => number; cpuOf: string } => {
  try {
    readFileSync('/proc/thread-self/schedstat', 'latin1');
  } catch {
    return { cpuMs: () => (process.cpuUsage().user + process.cpuUsage().system) / 1000, cpuOf: 'all threads' };
  }
  return { cpuMs: () => Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1e6, cpuOf: 'main thread' };
})();

/**
 * From `reset()` to `settle()` (or until now): the longest gap between ticks of a 1 ms timer
 * (wall clock), the most CPU time the main thread used within one gap (cpuMs: about what the block
 * would take on an idle machine; on a busy one the wall-clock gap is longer), and the longest
 * garbage-collection pause.
 */
function loopMonitor() {
  let last = nowMs();
  let lastCpu = cpuMs();
  let worst = 0;
  let worstCpu = 0;
  let worstGc = 0;
  let resetAt = nowMs();
  let settledAt = Infinity;
  const timer = setInterval(() => {
    if (settledAt < Infinity) return;
    const now = nowMs();
    const cpu = cpuMs();
    worst = Math.max(worst, now - last);
    worstCpu = Math.max(worstCpu, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
  }, 1);
  const gc = new PerformanceObserver((list) => {
    // (entries come some time after their collection: one that began before the reset is not the update's)
    for (const entry of list.getEntries()) if (entry.startTime >= resetAt && entry.startTime <= settledAt) worstGc = Math.max(worstGc, entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  return {
    reset() {
      last = resetAt = nowMs();
      lastCpu = cpuMs();
      worst = 0;
      worstCpu = 0;
      worstGc = 0;
      settledAt = Infinity;
    },
    /** Stops measuring (until the next reset), counting the block in progress up to now. */
    settle() {
      if (settledAt < Infinity) return;
      settledAt = nowMs();
      worst = Math.max(worst, settledAt - last);
      worstCpu = Math.max(worstCpu, cpuMs() - lastCpu);
    },
    worst: () => (settledAt < Infinity ? worst : Math.max(worst, nowMs() - last)),
    /** From the reset to the settle (or until now). */
    span: () => (settledAt < Infinity ? settledAt : nowMs()) - resetAt,
    worstCpu: () => worstCpu,
    worstGc: () => worstGc,
    stop() {
      clearInterval(timer);
      gc.disconnect();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Start-up against the baseline

/** openLibrary on `dir` with the sources under `root`, in a child process: milliseconds. */
function startupMs(root: string, dir: string): number {
  const script = [
    `const { openLibrary } = await import(${JSON.stringify(join(root, 'src/library/library.ts'))});`,
    `const t0 = performance.now(); const lib = await openLibrary(${JSON.stringify(dir)});`,
    `console.log(JSON.stringify({ ms: performance.now() - t0, paragraphs: lib.paragraphCount }));`,
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`start-up child failed: ${child.stderr.slice(-400)}`);
  const { ms } = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number };
  return ms;
}

function startup(dir: string, runs: number): void {
  const ref = option('--baseline') ?? DEFAULT_BASELINE;
  const baseline = botSource(REPO_ROOT, ref);
  try {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < runs; i++) {
      theirs.push(startupMs(baseline.root, dir));
      ours.push(startupMs(REPO_ROOT, dir));
    }
    const a = summarize(ours).p50,
      b = summarize(theirs).p50;
    console.log(
      `Start-up (openLibrary: read the folder, build in slices), median of ${runs}: ${fmt(a / 1000, 2)} s; ${baseline.label}: ${fmt(b / 1000, 2)} s; ratio ${fmt(a / b, 2)}×.`,
    );
  } finally {
    baseline.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Live updates through the watcher

/** An article file's text with a paragraph holding `word` (the project's article format). */
function articleText(article: Article, word: string): string {
  const paragraphs = article.paragraphs.map((p) => p.text.replace(/\s+/g, ' ').trim());
  return [`date 2026-12-02 ${paragraphs[0]}`, ...paragraphs.slice(1), `The ${word} was first reported here.`].join('\n\n') + '\n';
}

/** Writes `file` as the feed poller does: aside under a name the loader ignores, then renamed in. */
function land(file: string, text: string): void {
  const aside = join(dirname(file), `.${Date.now()}.tmp`);
  writeFileSync(aside, text);
  renameSync(aside, file);
}

async function liveUpdates(dir: string, rounds: number): Promise<void> {
  const files = new ArticleFileCache();
  const store = new LibraryStore(await openLibrary(dir, files));
  const reloads: string[] = [];
  const watch = watchLibrary(dir, store, { files, onReload: (line) => reloads.push(line) });
  const monitor = loopMonitor();
  // the update ends when its library is swapped in: the question asked of it next is not part of it
  store.onReplace(() => monitor.settle());
  const times: Record<'add' | 'change' | 'remove', number[]> = { add: [], change: [], remove: [] };
  const blocks: number[] = [];
  const gcPauses: number[] = [];
  const cpuBlocks: number[] = [];
  const spans: number[] = [];
  const record = () => {
    blocks.push(monitor.worst());
    gcPauses.push(monitor.worstGc());
    cpuBlocks.push(monitor.worstCpu());
    spans.push(monitor.span());
  };
  // the same measure with nothing updating, over as many windows as long: what the machine itself does to a 1 ms timer
  const idleBlocks: number[] = [];
  const idleCpu: number[] = [];
  const rand = mulberry32(12);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  /** Does `library` answer a question about `word` from article `id`? */
  const answersFrom = (word: string, id: string) => (library: Library) => {
    const check = library.question(`Where was the ${word} first reported?`);
    if (!check.ok) throw new Error(check.error);
    const result = library.ask(check.question);
    return result.kind === 'answer' && result.best.article.id === id;
  };
  try {
    // A first question, as the bot has answered many before any update. The first one loads the
    // English word list, some 100,000 small objects: collected here, as a bot that has been
    // answering has long had them moved out of the young generation, so that this one-off
    // collection does not fall into the first update.
    answersFrom('warm-up', '')(store.current);
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 500)); // the watcher settles
    for (let round = 0; round < rounds; round++) {
      const word = `zorblax${round}quint`;
      // a new article lands next to a random one (so that its paragraphs land mid-index), a copy of another
      const { articles } = store.current;
      const model = articles[Math.floor(rand() * articles.length)];
      const name = names[Math.floor(rand() * names.length)].replace(/\.txt$/, `-late${round}.txt`);
      const id = name.slice(0, -4);
      const added = articleText(model, word);
      let t0 = nowMs();
      monitor.reset();
      land(join(dir, name), added);
      times.add.push(await until(store, answersFrom(word, id), t0));
      record();
      // an existing article changes
      const changed = names[Math.floor(rand() * names.length)];
      const changedWord = `quaxtel${round}mire`;
      const text = `${readFileSync(join(dir, changed), 'utf8').trimEnd()}\n\nThe ${changedWord} was first reported here.\n`;
      t0 = nowMs();
      monitor.reset();
      land(join(dir, changed), text);
      times.change.push(await until(store, answersFrom(changedWord, changed.slice(0, -4)), t0));
      record();
      // the new article is removed
      t0 = nowMs();
      monitor.reset();
      unlinkSync(join(dir, name));
      times.remove.push(await until(store, (library) => library.article(id) === undefined, t0));
      record();
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const ms of spans) {
      monitor.reset();
      await new Promise((r) => setTimeout(r, ms));
      monitor.settle();
      idleBlocks.push(monitor.worst());
      idleCpu.push(monitor.worstCpu());
    }
  } finally {
    monitor.stop();
    watch.close();
  }
  const all = [...times.add, ...times.change, ...times.remove];
  for (const [what, list] of Object.entries(times)) {
    const s = summarize(list);
    console.log(`  ${what.padEnd(6)} file landed → in service: median ${fmt(s.p50, 0)} ms, max ${fmt(s.max, 0)} ms (${s.n} rounds, 200 ms of it the watcher's debounce)`);
  }
  const b = summarize(blocks);
  const g = summarize(gcPauses);
  console.log(`  longest event-loop block during an update: median ${fmt(b.p50, 1)} ms, max ${fmt(b.max, 1)} ms`);
  console.log(`  longest garbage-collection pause during an update: median ${fmt(g.p50, 1)} ms, max ${fmt(g.max, 1)} ms`);
  const c = summarize(cpuBlocks);
  console.log(`  most CPU used within one block (${cpuOf}): median ${fmt(c.p50, 1)} ms, max ${fmt(c.max, 1)} ms`);
  console.log(
    `  each update in turn (add, change, remove per round), longest block / most CPU in one block / longest GC pause, ms: ${blocks.map((ms, i) => `${fmt(ms, 0)}/${fmt(cpuBlocks[i], 0)}/${fmt(gcPauses[i], 0)}`).join(' ')}`,
  );
  const idle = summarize(idleBlocks);
  console.log(
    `  the same timer with no update running, over ${idle.n} windows as long as the updates' (the machine's own stalls, and collections the updates began): longest gap median ${fmt(idle.p50, 1)} ms, max ${fmt(idle.max, 1)} ms; most CPU within one gap ${fmt(Math.max(...idleCpu), 1)} ms`,
  );
  console.log(`  last reload: ${reloads[reloads.length - 1] ?? '(none)'}`);
  verdict(Math.max(...all) <= 1000, `an article added, changed or removed is in service within 1 s of its file landing (worst ${fmt(Math.max(...all), 0)} ms)`);
  verdict(b.max <= 20, `the longest event-loop block of an update is ≤ 20 ms (worst ${fmt(b.max, 1)} ms of wall clock; ${fmt(idle.max, 1)} ms with no update running)`);
  // the same block counted as the main thread's work (garbage collection included), without the
  // times this virtual machine stops the process; Linux accounts it in ticks of about 4 ms
  verdict(c.max <= 20, `… counted as main-thread CPU time within one block (±4 ms): ≤ 20 ms (worst ${fmt(c.max, 1)} ms)`);
}

// ---------------------------------------------------------------------------------------------
// 3. Memory after add/remove cycles

function heapMB(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / MB;
}

/**
 * Memory of a library built fresh from `articles`, over `before`. A function of its own, not
 * async: a suspended async function may keep its locals alive, and the library must be gone after.
 */
function freshLibrary(articles: readonly Article[], before: number): { mb: number; buildMs: number } {
  const t0 = nowMs();
  const fresh = new Library(articles, [], SearchEngine.build(articles));
  const buildMs = nowMs() - t0;
  const mb = heapMB() - before;
  if (fresh.paragraphCount !== paragraphCount(articles)) throw new Error('the fresh library lost paragraphs');
  return { mb, buildMs };
}

/**
 * `cycles` times: an article (a copy of some article, with a word of its own) added next to
 * another one, then removed again; returns the engine at the end and the mean time of an update.
 * A function of its own, so that nothing of the engines in between outlives it.
 */
async function addRemoveCycles(articles: readonly Article[], cycles: number): Promise<{ engine: SearchEngine; updateMs: number }> {
  const rand = mulberry32(34);
  let engine = SearchEngine.build(articles);
  const noPause = () => Promise.resolve();
  const t0 = nowMs();
  for (let i = 0; i < cycles; i++) {
    const at = Math.floor(rand() * articles.length);
    const model = articles[Math.floor(rand() * articles.length)];
    const [first, ...rest] = model.paragraphs;
    const paragraphs = [{ ...first, text: `${first.text} Cycle${i}marker was seen.` }, ...rest];
    const extra: Article = { ...model, id: `${articles[at].id}-cycle${i}`, title: `${model.title} (cycle ${i})`, paragraphs };
    engine = await engine.update([...articles.slice(0, at + 1), extra, ...articles.slice(at + 1)], noPause);
    engine = await engine.update(articles, noPause);
    if ((i + 1) % 100 === 0) process.stdout.write(`  ${i + 1} cycles, ${fmt((nowMs() - t0) / (2 * (i + 1)), 1)} ms an update…\r`);
  }
  return { engine, updateMs: (nowMs() - t0) / (2 * cycles) };
}

/** The least of three heapMB() readings a turn of the event loop apart (garbage still held by a finished job is let go). */
async function settledHeapMB(): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    least = Math.min(least, heapMB());
  }
  return least;
}

/**
 * Memory of a library started as the bot starts one (SearchEngine.buildInSlices, which also
 * reserves the buffers of its first update), over `before`. Its background writing of those
 * buffers runs to the end in microtasks (no pause), before the next turn of the event loop.
 */
async function freshStartMB(articles: readonly Article[], before: number): Promise<number> {
  const engine = await SearchEngine.buildInSlices(articles, {}, () => Promise.resolve());
  const mb = (await settledHeapMB()) - before;
  if (engine.corpus.paragraphCount !== paragraphCount(articles)) throw new Error('the fresh start lost paragraphs');
  return mb;
}

async function memory(articles: readonly Article[], cycles: number): Promise<void> {
  if (typeof globalThis.gc !== 'function') {
    console.log('Memory: skipped (run with --expose-gc, as npm run bench does).');
    return;
  }
  const sorted = [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const before = await settledHeapMB();
  const { mb: freshMB, buildMs } = freshLibrary(sorted, before);
  const startMB = await freshStartMB(sorted, before);
  const { engine, updateMs } = await addRemoveCycles(sorted, cycles);
  const cycled = new Library(sorted, [], engine);
  const cycledMB = (await settledHeapMB()) - before;
  console.log(
    `Updates without pauses: ${fmt(updateMs, 1)} ms each over ${2 * cycles} (an article added or removed); a full build of the same articles: ${fmt(buildMs, 0)} ms (${fmt(updateMs / buildMs, 3)}×).`,
  );
  const percent = (mb: number) => `${fmt((100 * cycledMB) / mb - 100, 1)} %`;
  console.log(
    `Memory after ${cycles} add/remove cycles: ${fmt(cycledMB, 1)} MB (the index and one spare set of its arrays, for the next update); a fresh start as the bot's (the index and the first update's reserved arrays): ${fmt(startMB, 1)} MB (${percent(startMB)}); the index alone, built fresh: ${fmt(freshMB, 1)} MB (${percent(freshMB)}).`,
  );
  verdict(Math.abs(cycledMB / startMB - 1) <= 0.05, `memory after ${cycles} add/remove cycles within 5 % of a fresh start (no growth)`);
  if (cycled.paragraphCount !== paragraphCount(sorted)) throw new Error('the cycled library lost paragraphs');
}

/**
 * The corpus of about `paragraphs` paragraphs written to `dir` as article files. The articles
 * made for it are let go when this returns: the live updates run with the bot's own copy only
 * (the library's), as a bot would, not beside a second one that the collector would also trace.
 */
async function writeCorpus(dir: string, paragraphs: number): Promise<void> {
  const corpus = await corpusForSize(REPO_ROOT, paragraphs);
  writeArticleFiles(dir, corpus.articles);
  console.log(
    `Incremental updates: ${corpus.articles.length} articles, ${paragraphCount(corpus.articles)} paragraphs (${corpus.origin}); load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on this machine.`,
  );
}

// ---------------------------------------------------------------------------------------------

if (relayedInNewSession()) {
  // --priority: the bench runs in a child of its own session; this process only relays
} else if (!loadSquadCorpus(REPO_ROOT)) {
  console.log('Incremental updates: skipped (SQuAD dev is absent from ../shared/data/).');
} else {
  const priority = option('--priority');
  if (priority !== undefined) {
    const problems = setGroupPriority(process.pid, Number(priority));
    console.log(problems.length ? `(could not set priority ${priority}: ${problems.join('; ')})` : `(running at priority ${priority}, in a session of its own)`);
  }
  const paragraphs = numberOption('--paragraphs', 100000);
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-incremental-'));
  try {
    await writeCorpus(dir, paragraphs);
    const startups = Number(option('--startups') ?? 3);
    if (startups > 0) startup(dir, startups);
    console.log('Live updates (watchLibrary, as the bot runs it):');
    await liveUpdates(dir, numberOption('--rounds', 5));
    const cycles = Number(option('--cycles') ?? 1000);
    if (cycles > 0) await memory((await corpusForSize(REPO_ROOT, paragraphs)).articles, cycles);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
