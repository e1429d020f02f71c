/**
 * CPU of the HTTP request path's own stages (not the engine), this tree against a baseline commit,
 * in one process and in alternating rounds, so that the ratios hold on a busy machine:
 *
 *   npx tsx bench/http-stages.ts [--against <commit>] [--paragraphs 20000] [--rounds 6]
 *
 * On the ~20,000-paragraph corpus of bench:http (SQuAD, else synthetic), each tree's own modules:
 * - shown sentences: the answering sentences of the 5 passages each of 1,000 questions shows (the
 *   engine's answer with them, less the answer alone), a different thousand of the corpus's
 *   questions each round: the engine's cache of split paragraphs holds those of the earlier
 *   rounds, as the server's holds those of earlier questions;
 * - renderAnswer: /ask's reply to each of 1,000 questions (results computed beforehand; their answering
 *   sentences read once, as the first rendering does in the server, so that only the view is timed);
 * - summary: summarize + renderSummary of 200 articles at 1 to 5 sentences each (fresh Article objects
 *   per round: the first summaries of an article, then other lengths of it, as /summary sees them);
 * - response: JSON.stringify of the interaction response holding each reply (what the server writes).
 * CPU time (user + system) per call; the ratio is this tree's over the baseline's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadArticles } from '../src/articles/load.ts';
import { botSource } from './lib/bot-load/source.ts';
import { REPO_ROOT, prepareBig } from './lib/bot-load/workload.ts';
import { fmt, table } from './lib/stats.ts';

interface Tree {
  label: string;
  ask: (questions: readonly string[]) => { payloads: () => unknown[]; answer: (questions: readonly string[], sentences: boolean) => void; render: () => void; respond: () => void };
  summary: (articles: readonly unknown[]) => void;
}

async function loadTree(root: string, label: string, dir: string): Promise<Tree> {
  const from = (path: string): string => pathToFileURL(join(root, path)).href;
  const { openLibrary } = (await import(from('src/library/library.ts'))) as typeof import('../src/library/library.ts');
  const { renderAnswer, matchesOf, ALTERNATIVES } = (await import(from('src/bot/commands/ask/view.ts'))) as typeof import('../src/bot/commands/ask/view.ts');
  const { renderSummary } = (await import(from('src/bot/commands/summary/view.ts'))) as typeof import('../src/bot/commands/summary/view.ts');
  const { summarize } = (await import(from('src/summary/summarize.ts'))) as typeof import('../src/summary/summarize.ts');
  const { messageBody } = (await import(from('src/bot/payload.ts'))) as typeof import('../src/bot/payload.ts');
  const library = await openLibrary(dir);
  return {
    label,
    ask(questions) {
      const asked = questions.flatMap((q) => {
        const check = library.question(q);
        return check.ok ? [{ question: check.question, result: library.ask(check.question, { alternatives: ALTERNATIVES }) }] : [];
      });
      const payloads = (): unknown[] => asked.map(({ question, result }) => ({ type: 4, data: messageBody(renderAnswer(result, { question })) }));
      payloads(); // the engine's lazy answering sentences, read once as the first rendering does
      const rendered = payloads();
      return {
        payloads,
        answer: (questions, sentences) => {
          for (const q of questions) {
            const check = library.question(q);
            if (!check.ok) continue;
            const result = library.ask(check.question, { alternatives: ALTERNATIVES });
            if (sentences) for (const m of matchesOf(result)) void m.sentence;
          }
        },
        render: () => {
          for (const { question, result } of asked) renderAnswer(result, { question });
        },
        respond: () => {
          for (const p of rendered) JSON.stringify(p);
        },
      };
    },
    summary(articles) {
      for (const a of articles as Parameters<typeof summarize>[0][]) {
        for (let sentences = 1; sentences <= 5; sentences++) renderSummary(summarize(a, { sentences }));
      }
    },
  };
}

function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, fallback: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  const against = opt('--against', 'e2fd5fc');
  const paragraphs = Number(opt('--paragraphs', '20000'));
  const rounds = Number(opt('--rounds', '6'));
  const tmp = mkdtempSync(join(tmpdir(), 'newsdesk-bench-http-stages-'));
  const base = botSource(REPO_ROOT, against);
  try {
    const spec = await prepareBig(paragraphs, tmp);
    if (!spec) return;
    const trees = [await loadTree(base.root, `baseline (${against})`, spec.dir), await loadTree(REPO_ROOT, 'this tree', spec.dir)];
    console.log(`baseline: ${base.label}`);
    const questions = spec.questions.slice(0, 1000);
    const asks = trees.map((t) => t.ask(questions));
    const same = JSON.stringify(asks[0].payloads()) === JSON.stringify(asks[1].payloads());
    const summaryArticles = spec.articles.slice(0, 200).map((a) => a.id);
    const cpu = trees.map(() => ({ answer: 0, sentences: 0, render: 0, respond: 0, summary: 0 }));
    for (let round = 0; round <= rounds; round++) {
      // Fresh Article objects each round (as after a reload): no summary is remembered from the last.
      const { articles } = await loadArticles(spec.dir);
      const picked = summaryArticles.map((id) => articles.find((a) => a.id === id)!);
      const thousand = Array.from({ length: 1000 }, (_, i) => spec.questions[(round * 1000 + i) % spec.questions.length]);
      // The order alternates between rounds: neither tree always runs after the other's garbage.
      for (const t of round % 2 ? [1, 0] : [0, 1]) {
        const tree = trees[t];
        const ask = asks[t];
        const a = cpuMs(() => ask.answer(thousand, false));
        const w = cpuMs(() => ask.answer(thousand, true));
        const r = cpuMs(ask.render);
        const s = cpuMs(ask.respond);
        const m = cpuMs(() => tree.summary(picked));
        if (round === 0) continue; // warm-up (JIT)
        cpu[t].answer += a;
        cpu[t].sentences += w - a;
        cpu[t].render += r;
        cpu[t].respond += s;
        cpu[t].summary += m;
      }
    }
    const per = (ms: number, n: number): number => (ms / rounds / n) * 1000;
    const n = asks[0].payloads().length;
    const rows = [
      ['engine answer, sentences not read', n, (c: (typeof cpu)[0]) => c.answer],
      ['shown sentences (5 per question)', n, (c: (typeof cpu)[0]) => c.sentences],
      ['renderAnswer (/ask reply)', n, (c: (typeof cpu)[0]) => c.render],
      ['JSON.stringify of the response', n, (c: (typeof cpu)[0]) => c.respond],
      ['summarize + renderSummary (1–5 sentences)', summaryArticles.length * 5, (c: (typeof cpu)[0]) => c.summary],
    ] as const;
    console.log(`\nCPU µs per call, mean of ${rounds} rounds (after a warm-up round), ${paragraphs}-paragraph corpus (${spec.origin})`);
    console.log(
      table(
        ['stage', 'calls/round', trees[0].label, trees[1].label, 'ratio (this / baseline)'],
        rows.map(([name, calls, pick]) => [name, `${calls}`, fmt(per(pick(cpu[0]), calls)), fmt(per(pick(cpu[1]), calls)), fmt(pick(cpu[1]) / pick(cpu[0]), 2)]),
      ),
    );
    console.log(`/ask payloads of the two trees ${same ? 'are byte-identical' : 'DIFFER'} (${n} questions).`);
  } finally {
    base.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
