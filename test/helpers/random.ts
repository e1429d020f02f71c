import { mulberry32 } from '../../bench/lib/stats.ts';

/** A seeded PRNG, so generated test inputs are the same on every run. */
export function seededRandom(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

/** Mentions of every kind Discord would turn into a ping: generated text mixes them in. */
export const MENTIONS = ['@everyone', '@here', '<@&1>', '<@123456789012345678>', '<@!42>'];
