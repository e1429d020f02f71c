import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Which bot to measure: the working tree, or a snapshot of a commit (`--source`). */

function git(repoRoot: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/**
 * The folder to run the bot from: the repository (`worktree`), or a temp snapshot of a commit
 * (git archive of src/, package.json, tsconfig.json; node_modules symlinked). `cleanup` removes it.
 */
export function botSource(repoRoot: string, src: string): { root: string; label: string; cleanup: () => void } {
  const head = git(repoRoot, ['rev-parse', '--short', 'HEAD']);
  if (src === 'worktree') {
    const dirty = git(repoRoot, ['status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).length;
    return { root: repoRoot, label: `working tree at ${head}${dirty ? ` + ${dirty} uncommitted change(s) in src/` : ''}`, cleanup: () => {} };
  }
  const sha = git(repoRoot, ['rev-parse', '--verify', `${src}^{commit}`]);
  if (!sha) throw new Error(`--src ${src}: not a commit`);
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-bot-src-'));
  const paths = ['src', 'package.json', 'tsconfig.json'].filter((p) => git(repoRoot, ['ls-tree', '--name-only', sha, p]));
  const archive = spawnSync('git', ['archive', '--format=tar', sha, ...paths], { cwd: repoRoot, maxBuffer: 1 << 28 });
  if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr.toString()}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr.toString()}`);
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const subject = git(repoRoot, ['log', '-1', '--format=%s', sha]).slice(0, 80);
  return { root: dir, label: `commit ${sha.slice(0, 7)} "${subject}" (snapshot)`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
