import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { type LatencyStats, latencyStats } from './analyse.ts';

/** Per-stage costs, in this process: what one interaction costs where. */

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
  const { openLibrary } = (await import(from('src/library/library.ts'))) as typeof import('../../../src/library/library.ts');
  const { renderAnswer, ALTERNATIVES } = (await import(from('src/bot/commands/ask/view.ts'))) as typeof import('../../../src/bot/commands/ask/view.ts');
  const { renderSummary } = (await import(from('src/bot/commands/summary/view.ts'))) as typeof import('../../../src/bot/commands/summary/view.ts');
  const t0 = performance.now();
  const library = await openLibrary(dir);
  const buildMs = performance.now() - t0;
  const ask: number[] = [];
  const render: number[] = [];
  const find: number[] = [];
  const summary: number[] = [];
  const qs = questions.flatMap((q) => {
    const check = library.question(q);
    return check.ok ? [check.question] : [];
  });
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
