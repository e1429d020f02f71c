import type { Logger } from '../runtime/log.ts';

/**
 * SIGINT/SIGTERM, for an entry point: the first signal runs `stop` (which says what it is doing),
 * then the process exits 0, also when stopping failed (the error is logged). Later signals are
 * ignored while it stops.
 */
export function stopOnSignals(log: Logger, stop: (signal: NodeJS.Signals) => Promise<unknown>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('error while stopping', error);
        process.exit(0);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
