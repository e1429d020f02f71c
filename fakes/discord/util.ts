import type { FakeChannel, FakeGuild } from './types.ts';
import { EventEmitter } from 'node:events';

/** Thrown (as a rejection) when a `waitFor`-style helper runs out of time. */
export class FakeDiscordTimeoutError extends Error {
  override name = 'FakeDiscordTimeoutError';
}

/**
 * A change notifier: every state change in the fake calls `notify()`, and `waitFor` re-checks its
 * predicate on each change (plus a slow poll, so predicates over the test's own state work too).
 */
export class Changes {
  readonly #emitter = new EventEmitter();
  #closed = false;

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  /** Wakes every keyless waiter, and the waiters registered on `key` (e.g. an interaction id). */
  notify(key?: string): void {
    this.#emitter.emit('change');
    if (key !== undefined) this.#emitter.emit(`change:${key}`);
  }

  close(): void {
    this.#closed = true;
    this.#emitter.emit('close');
  }

  /**
   * Resolves with the first truthy value returned by `predicate`; rejects after `timeoutMs` with a
   * FakeDiscordTimeoutError whose message is `what`, or as soon as the fake is closed.
   * An exception thrown by `predicate` rejects the promise. `poll: false` re-checks only on changes
   * (for predicates over the fake's own state). With a `key`, only `notify(key)` wakes the waiter
   * (cheap when thousands of interactions are pending, e.g. in benchmarks).
   */
  waitFor<T>(predicate: () => T | undefined | null | false | 0 | '', timeoutMs: number, what: string, poll = true, key?: string): Promise<T> {
    const event = key === undefined ? 'change' : `change:${key}`;
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        let value: T | undefined | null | false | 0 | '';
        try {
          value = predicate();
        } catch (error) {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
          return true;
        }
        if (value) {
          finish();
          resolve(value);
          return true;
        }
        return false;
      };
      const onClose = (): void => {
        finish();
        reject(new Error(`fake-discord was closed while waiting for: ${what}`));
      };
      const timer = setTimeout(() => {
        if (check()) return;
        finish();
        reject(new FakeDiscordTimeoutError(`timed out after ${timeoutMs} ms waiting for: ${what}`));
      }, timeoutMs);
      const interval = poll ? setInterval(check, 50) : undefined;
      const finish = (): void => {
        clearTimeout(timer);
        if (interval) clearInterval(interval);
        this.#emitter.off(event, check);
        this.#emitter.off('close', onClose);
      };
      if (this.#closed) {
        // still allow predicates that are already satisfied
        if (!check()) onClose();
        return;
      }
      this.#emitter.on(event, check);
      this.#emitter.on('close', onClose);
      check();
    });
  }
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

export function isoNow(): string {
  return new Date().toISOString();
}

/** A guild channel as the API shows it (in GUILD_CREATE and in an interaction's `channel`). */
export function apiChannel(guild: FakeGuild, channel: FakeChannel) {
  return {
    id: channel.id,
    type: channel.type,
    guild_id: guild.id,
    name: channel.name,
    position: guild.channels.indexOf(channel),
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: [],
    flags: 0,
  };
}
