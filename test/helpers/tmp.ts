import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder for this test, removed after it; write files with `put`. */
export function useTempDir() {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-'));
    dirs.push(dir);
    return {
      dir,
      put: (name: string, content: string | Uint8Array): string => {
        const file = path.join(dir, name);
        writeFileSync(file, content);
        return file;
      },
    };
  };
}
