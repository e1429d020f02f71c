import { performance } from 'node:perf_hooks';
import type { FakeDiscord, InteractionHandle } from '../../../fakes/discord/index.ts';
import type { SendAutocompleteInput, SendCommandInput } from '../../../fakes/discord/types.ts';
import { sleep } from './proc.ts';

/** The open-loop interaction generator against the fake Discord. */

export type Kind = 'ask' | 'summary' | 'autocomplete';

export type Planned = { kind: 'ask' | 'summary'; input: SendCommandInput } | { kind: 'autocomplete'; input: SendAutocompleteInput };

export interface Sent {
  kind: Kind;
  /** When the schedule said to send it (performance.now()). */
  dueAt: number;
  /** When sendCommand was called. */
  calledAt: number;
  handle: InteractionHandle | null;
  sendError: string | null;
}

/**
 * Sends `round(rate × seconds)` interactions at a fixed arrival rate, open loop: the i-th goes out
 * at t0 + i/rate whatever happened to the ones before (late ticks send what is due at once).
 * Resolves when the last one has been handed to the gateway.
 */
export async function drive(fake: FakeDiscord, rate: number, seconds: number, next: (i: number) => Planned): Promise<Sent[]> {
  const total = Math.max(1, Math.round(rate * seconds));
  const gap = 1000 / rate;
  const sent: Sent[] = [];
  const pending: Promise<unknown>[] = [];
  const t0 = performance.now() + 5;
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (i < total && t0 + i * gap <= now) {
        const plan = next(i);
        const record: Sent = { kind: plan.kind, dueAt: t0 + i * gap, calledAt: performance.now(), handle: null, sendError: null };
        sent.push(record);
        const p = plan.kind === 'autocomplete' ? fake.sendAutocomplete(plan.input) : fake.sendCommand(plan.input);
        pending.push(
          p.then(
            (h) => void (record.handle = h),
            (error: unknown) => void (record.sendError = error instanceof Error ? error.message : String(error)),
          ),
        );
        i++;
      }
      if (i >= total) {
        resolve();
        return;
      }
      const wait = t0 + i * gap - performance.now();
      setTimeout(tick, Math.max(0, Math.min(wait, 50)));
    };
    tick();
  });
  await Promise.all(pending);
  return sent;
}

/**
 * Waits until every sent interaction has its first callback (or `timeoutMs` passed), then `graceMs`
 * more so that a late second callback (a double answer) would still be counted.
 */
export async function settle(sent: readonly Sent[], timeoutMs: number, graceMs = 500): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (sent.every((s) => !s.handle || s.handle.callbackAt !== null)) break;
    await sleep(20);
  }
  await sleep(graceMs);
  return performance.now() - start;
}
