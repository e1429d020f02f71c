import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, spawnEntryPoint, spawnNpmScript } from '../helpers/cli.ts';
import { useTempDir } from '../helpers/tmp.ts';

const SEED_ID = '000_bb9a71c91ac491ea';

describe('the commands as people run them (spawned)', () => {
  const tempDir = useTempDir();

  it('npm run ask answers a question as JSON and exits 0', async () => {
    const run = await spawnNpmScript('ask', ['--json', 'Will the embassy in Kabul be closed?']);
    expect(run.code).toBe(0);
    const [line] = jsonLines(run.stdout);
    expect(line.answer.article.id).toBe(SEED_ID);
    expect(line.answer.paragraph).toBe(14);
  });

  it('summary exits 2 with one line on stderr for a bad flag', async () => {
    const run = await spawnEntryPoint('src/cli/summary.ts', ['--sentences', '9']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^newsdesk: --sentences takes a whole number from 1 to 8, not "9" \(usage: .+\)\n$/);
  });

  it('articles reads ARTICLES_DIR from .env in the working directory', async () => {
    const { dir, put } = tempDir();
    put('.env', 'ARTICLES_DIR=news\n');
    mkdirSync(path.join(dir, 'news'));
    put('news/only.txt', 'The only article.');
    const run = await spawnEntryPoint('src/cli/articles.ts', ['--json'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(jsonLines(run.stdout)).toEqual([{ id: 'only', title: 'The only article.', date: null, source: 'only.txt', paragraphs: 1 }]);
  });
});
