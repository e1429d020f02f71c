import { describe, expect, it } from 'vitest';
import { nextTurn } from '../src/search/slice-clock.ts';

/** Holds the thread for `ms` (a slice of work). */
function work(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('nextTurn', () => {
  it('lets jobs in slices take turns, one slice per turn of the event loop, with timers in between', async () => {
    const log: string[] = [];
    const job = async (name: string) => {
      for (let i = 0; i < 3; i++) {
        await nextTurn();
        log.push(`${name}${i}`);
        // a timer due before the next turn: it runs before any other slice does
        setTimeout(() => log.push(`timer after ${name}${i}`), 0);
        work(2);
      }
    };
    await Promise.all([job('a'), job('b')]);
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['a0', 'timer after a0', 'b0', 'timer after b0', 'a1', 'timer after a1', 'b1', 'timer after b1', 'a2', 'timer after a2', 'b2', 'timer after b2']);
  });
});
