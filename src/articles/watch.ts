import { watch, type FSWatcher } from 'node:fs';

export interface FolderWatch {
  /** Stops watching; pending changes are dropped. */
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs (editors write in bursts). */
  debounceMs?: number;
  /** Told when the watcher itself fails (the folder was removed, too many watches…). */
  onError?: (error: Error) => void;
}

/**
 * Calls `onChange` once a burst of changes in `dir` has settled. Never runs two `onChange`
 * at once: a change arriving during a run schedules exactly one more run after it.
 */
export function watchFolder(dir: string, onChange: () => Promise<void>, options: WatchOptions = {}): FolderWatch {
  const debounceMs = options.debounceMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  const run = async () => {
    timer = undefined;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await onChange();
    } catch (error) {
      options.onError?.(error as Error);
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  };

  let watcher: FSWatcher | undefined = watch(dir, { persistent: false }, schedule);
  watcher.on('error', (error) => {
    options.onError?.(error);
    watcher?.close();
    watcher = undefined;
  });

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
    },
  };
}
