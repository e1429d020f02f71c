/**
 * When a sliced build or update (corpus.ts, corpus-update.ts, inverted-index.ts) pauses: once it
 * has worked about SLICE_MS since it last resumed. The work is cut into small pieces with the
 * clock read between them, so that a slice stays short whatever a piece costs at the time (code
 * not yet optimised, memory written for the first time, a machine busy with other work).
 */

/** Work between two pauses, in milliseconds: short enough for the bot to answer in between. */
const SLICE_MS = 2;

export class SliceClock {
  private end = performance.now() + SLICE_MS;

  /** Yields (where the caller pauses) when this slice has run its time; the next one starts after the pause. */
  *pause(): Generator<void, void> {
    if (performance.now() < this.end) return;
    yield;
    this.end = performance.now() + SLICE_MS;
  }
}

/** Jobs waiting for their next slice (see `nextTurn`), first come first served. */
const waiting: (() => void)[] = [];

/** Resumes the job that has waited longest; the next one waits for the next turn of the loop. */
function resumeNext(): void {
  const resume = waiting.shift();
  if (waiting.length > 0) setImmediate(resumeNext);
  resume?.();
}

/**
 * A pause until a later turn of the event loop, after what is already waiting on it (I/O,
 * timers). Jobs in slices that run at the same time (a live update, the build's buffers being
 * written, the title index) take turns: one slice per turn of the loop in all, so that the
 * loop is held up for one slice, not for one slice of each job.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(resumeNext);
  });
}

/** Runs `steps` to the end without pausing; its result. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs `steps` to the end, awaiting `pause()` wherever it yields; its result. */
export async function inSlices<T>(steps: Generator<void, T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
