/**
 * When a sliced build or update (corpus.ts, corpus-update.ts, inverted-index.ts) pauses: once it
 * has worked about SLICE_MS since it last resumed. The work is cut into small pieces with the
 * clock read between them, so that a slice stays short whatever a piece costs at the time (code
 * not yet optimised, memory written for the first time, a machine busy with other work).
 */

/** Work between two pauses, in milliseconds: short enough for the bot to answer in between. */
const SLICE_MS = 4;

export class SliceClock {
  private end = performance.now() + SLICE_MS;

  /** Yields (where the caller pauses) when this slice has run its time; the next one starts after the pause. */
  *pause(): Generator<void, void> {
    if (performance.now() < this.end) return;
    yield;
    this.end = performance.now() + SLICE_MS;
  }
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
