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

/** The names of the files that changed in a burst, or null when the watcher could not tell. */
export type ChangedNames = ReadonlySet<string> | null;

/**
 * Calls `onChange` once a burst of changes in `dir` has settled, with the names of the files
 * the burst touched (null when some event came without one: then anything may have changed).
 * Never runs two `onChange` at once: a change arriving during a run schedules exactly one more
 * run after it, with the names gathered meanwhile.
 */
export function watchFolder(dir: string, onChange: (changed: ChangedNames) => Promise<void>, options: WatchOptions = {}): FolderWatch {
  const debounceMs = options.debounceMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;
  let pending: Set<string> | null = new Set();

  const run = async () => {
    timer = undefined;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    const changed = pending;
    pending = new Set();
    try {
      await onChange(changed);
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

  const note = (_event: string, name: string | Buffer | null) => {
    if (name === null) pending = null;
    else pending?.add(name.toString());
    schedule();
  };
  let watcher: FSWatcher | undefined = watch(dir, { persistent: false }, note);
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
