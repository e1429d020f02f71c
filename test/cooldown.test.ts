import { describe, expect, it } from 'vitest';
import { Cooldown } from '../src/bot/cooldown.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('Cooldown', () => {
  it('allows `limit` uses per window, then says how long to wait', () => {
    const c = clock();
    const cooldown = new Cooldown(5, 30_000, c.now);
    for (let i = 0; i < 5; i++) {
      expect(cooldown.take('u1')).toEqual({ ok: true });
      c.advance(1000);
    }
    // Uses at t = 0..4 s; now t = 5 s: the first frees up at 30 s → 25 s.
    expect(cooldown.take('u1')).toEqual({ ok: false, retryAfterSeconds: 25 });
    c.advance(24_500);
    expect(cooldown.take('u1')).toEqual({ ok: false, retryAfterSeconds: 1 });
    c.advance(600);
    expect(cooldown.take('u1')).toEqual({ ok: true });
    expect(cooldown.take('u1')).toMatchObject({ ok: false });
  });

  it('is per user', () => {
    const c = clock();
    const cooldown = new Cooldown(1, 10_000, c.now);
    expect(cooldown.take('a').ok).toBe(true);
    expect(cooldown.take('a').ok).toBe(false);
    expect(cooldown.take('b').ok).toBe(true);
  });

  it('refused attempts do not extend the wait', () => {
    const c = clock();
    const cooldown = new Cooldown(1, 10_000, c.now);
    cooldown.take('a');
    for (let i = 0; i < 9; i++) {
      c.advance(1000);
      expect(cooldown.take('a').ok).toBe(false);
    }
    c.advance(1000);
    expect(cooldown.take('a').ok).toBe(true);
  });

  it('a limit of 0 turns it off', () => {
    const cooldown = new Cooldown(0, 10_000);
    for (let i = 0; i < 100; i++) expect(cooldown.take('a').ok).toBe(true);
  });

  it('forgets idle users', () => {
    const c = clock();
    const cooldown = new Cooldown(2, 1000, c.now);
    for (let i = 0; i < 1000; i++) cooldown.take(`user${i}`);
    expect(cooldown.size).toBe(1000);
    c.advance(5000);
    cooldown.take('late');
    expect(cooldown.size).toBe(1);
  });
});
