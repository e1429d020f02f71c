import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A small summariser for V8 CPU profiles of the bot. */

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
  if (/\/src\/http\//.test(url)) return 'HTTP edge (src/http: server, signature check)';
  if (/\/src\/bot\//.test(url)) return 'bot (src/bot: views, safe text, router, transport)';
  if (/\/src\//.test(url)) return 'bot (other src)';
  if (url.startsWith('node:') || (!url && fn)) return 'node core / builtins';
  return 'other';
}

/** Inclusive shares (a sample counts for every group one of its frames matches; they overlap). */
const INCLUSIVE_GROUPS: Array<[string, (url: string, fn: string) => boolean, outsideHandler?: boolean]> = [
  ['our InteractionCreate handler (Gateway adapter + router + commands, all below it)', (u) => /\/src\/bot\/(gateway|interactions)\.ts/.test(u)],
  ['  engine: Library.ask (src/search)', (u) => /\/src\/search\//.test(u)],
  ['  summariser (src/summary)', (u) => /\/src\/summary\//.test(u)],
  ['  rendering (the views and safe-text.ts, with the embed builders below them)', (u) => /\/src\/bot\/(commands\/[^/]+\/view|safe-text|article-embed|limits)\.ts/.test(u)],
  ['    builders validation (@sapphire/shapeshift, mostly ValidationError objects)', (u) => /@sapphire\/shapeshift/.test(u)],
  ['  discord.js reply() → MessagePayload.resolveBody', (u, f) => /MessagePayload\.js/.test(u) && f === 'resolveBody'],
  ['    require() at run time (lazy requires resolved through tsx hooks)', (_u, f) => f === 'Module._load'],
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

/** A profile's nodes, their parents, and self time per node within a window. */
interface Window {
  byId: Map<number, ProfileNode>;
  parent: Map<number, number>;
  self: Map<number, number>;
}

function readWindow(file: string, fromMs: number, toMs: number): Window {
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
  return { byId, parent, self };
}

/**
 * The profile's self time by part, inclusive time of the bot's main stages, and its top functions
 * (idle excluded). `fromMs`/`toMs` keep the samples in that window from the profile's start (e.g. the
 * load phases, without start-up).
 */
export function summariseCpuProfile(file: string, fromMs = 0, toMs = Infinity, top = 15): string {
  const { byId, parent, self } = readWindow(file, fromMs, toMs);
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

/**
 * Where the HTTP server's CPU goes per interaction, each sample counted once: in the first part
 * (in this order) that any frame of its stack belongs to. So the engine's time is the engine's
 * whoever called it, rendering is what the views and safe-text.ts spend outside the engine, and
 * so on down to the HTTP edge, which gets only what none of the parts above it called.
 */
const HTTP_PARTS: Array<[string, (url: string, fn: string) => boolean]> = [
  ['GC', (_u, f) => f === '(garbage collector)'],
  ['engine (src/search, with the text helpers it calls)', (u) => /\/src\/search\//.test(u)],
  ['summary (src/summary)', (u) => /\/src\/summary\//.test(u)],
  ['autocomplete (src/library/titles.ts, fuse.js, article-option.ts)', (u) => /\/src\/library\/titles\.ts|\/fuse\.js\/|\/src\/bot\/article-option\.ts/.test(u)],
  ['rendering (views, safe-text, article-embed, limits, payload)', (u) => /\/src\/bot\/(commands\/[^/]+\/view|safe-text|article-embed|limits|payload)\.ts/.test(u)],
  ['Library (question, resolve, memo; not the engine)', (u) => /\/src\/library\//.test(u)],
  ['signature check (src/http/signature.ts + crypto)', (u) => /\/src\/http\/signature\.ts/.test(u)],
  ['dispatch (http-dispatcher, router, command handlers)', (u) => /\/src\/bot\//.test(u)],
  ['request body (src/http/body.ts)', (u) => /\/src\/http\/body\.ts/.test(u)],
  ['HTTP edge (server.ts: JSON parse/stringify, response write)', (u) => /\/src\/http\/server\.ts/.test(u)],
  ['node http/net (request parsing, sockets, streams)', (u) => /^node:(_http|http|net|internal\/(http|stream|streams|stream_base_commons))/.test(u)],
];

/**
 * The server's busy CPU in the window split into HTTP_PARTS (`interactions` answered in it: ms per
 * interaction too), with each part's top functions.
 */
export function splitHttpProfile(file: string, fromMs: number, toMs: number, interactions: number, top = 3): string {
  const { byId, parent, self } = readWindow(file, fromMs, toMs);
  const parts = new Map<string, { ms: number; fns: Map<string, number> }>();
  let busy = 0;
  for (const [id, ms] of self) {
    const leaf = byId.get(id)!.callFrame;
    if (leaf.functionName === '(idle)') continue;
    busy += ms;
    const stack: ProfileNode['callFrame'][] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!.callFrame);
    const part = HTTP_PARTS.find(([, test]) => stack.some((f) => test(f.url, f.functionName)))?.[0] ?? 'other (V8 program, timers, promise jobs)';
    const entry = parts.get(part) ?? { ms: 0, fns: new Map<string, number>() };
    entry.ms += ms;
    const key = `${leaf.functionName || '(anonymous)'} ${leaf.url.replace(/^.*\/(node_modules\/|src\/)/, '$1')}`;
    entry.fns.set(key, (entry.fns.get(key) ?? 0) + ms);
    parts.set(part, entry);
  }
  const per = (ms: number): string => (interactions > 0 ? (ms / interactions).toFixed(3) : '–').padStart(6);
  const lines = [
    `busy CPU of the server's main thread: ${Math.round(busy)} ms for ${interactions} interactions = ${per(busy).trim()} ms per interaction (profiled: slower than unprofiled)`,
  ];
  for (const [name, { ms, fns }] of [...parts].sort((a, b) => b[1].ms - a[1].ms)) {
    const topFns = [...fns]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${k} ${Math.round((v / ms) * 100)}%`);
    lines.push(`  ${per(ms)} ms  ${((ms / Math.max(busy, 1e-9)) * 100).toFixed(1).padStart(5)}%  ${name}  [${topFns.join('; ')}]`);
  }
  return lines.join('\n');
}
