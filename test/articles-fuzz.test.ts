import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticleFile, loadArticles } from '../src/articles/load.ts';
import { parseArticle } from '../src/articles/parse.ts';
import { seededRandom } from './helpers/random.ts';
import { useTempDir } from './helpers/tmp.ts';

const FRAGMENTS = ['date 2023-01-01 ', 'date 9999-99-99 ', '\r\n', '\n\n', '\uFEFF', '“', '’', '.', 'Heading', '\t', ' ', 'word', '\u200b', '🙂', '\u202e', 'é', '\0'];

describe('loader against hostile files', () => {
  const tempDir = useTempDir();

  it('reports and goes on for random bytes, random text and huge lines (seeded)', async () => {
    const random = seededRandom(20261126);
    const { dir, put } = tempDir();
    put('000-good.txt', 'date 2023-01-01 A good article stays loaded.');
    for (let i = 0; i < 60; i++) {
      if (i % 3 === 0) {
        put(`bytes-${i}.txt`, Buffer.from(Array.from({ length: random.int(4000) }, () => random.int(256))));
      } else if (i % 3 === 1) {
        put(`text-${i}.txt`, Array.from({ length: random.int(200) }, () => random.pick(FRAGMENTS)).join(''));
      } else {
        put(`line-${i}.txt`, `date 2023-01-01 ${'x'.repeat(200_000 + random.int(500_000))}`);
      }
    }
    const { articles, problems } = await loadArticles(dir);
    expect(articles.map((a) => a.id)).toContain('000-good');
    expect(articles.length + problems.length).toBe(61);
    for (const problem of problems) {
      expect(problem.file).toMatch(/\.txt$/);
      expect(problem.reason.length).toBeGreaterThan(0);
    }
    for (const article of articles) {
      expect(article.paragraphs.length).toBeGreaterThan(0);
      article.paragraphs.forEach((p, i) => expect(p.index).toBe(i + 1));
    }
  });

  it('parses any string without an unexpected exception (seeded)', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const text = Array.from({ length: random.int(60) }, () => random.pick(FRAGMENTS)).join('');
      try {
        const article = parseArticle(text, { id: `t${i}` });
        expect(article.paragraphs.every((p) => p.text.trim() === p.text && p.text.length > 0)).toBe(true);
      } catch (error) {
        expect((error as Error).name).toBe('ArticleFormatError');
      }
    }
  });

  it('reports a file that vanishes before it is read', async () => {
    const { dir } = tempDir();
    const outcome = await loadArticleFile(path.join(dir, 'gone.txt'));
    expect(outcome).toEqual({ problem: { file: path.join(dir, 'gone.txt'), reason: 'it disappeared while being read' } });
  });

  it('survives files appearing and vanishing while the folder is read', async () => {
    const { dir, put } = tempDir();
    put('stable.txt', 'A stable article.');
    let churn = true;
    const churner = (async () => {
      for (let i = 0; churn; i++) {
        const file = path.join(dir, `churn-${i % 5}.txt`);
        writeFileSync(file, 'Here for a moment.');
        await new Promise((r) => setImmediate(r));
        rmSync(file, { force: true });
      }
    })();
    try {
      for (let round = 0; round < 30; round++) {
        const { articles, problems } = await loadArticles(dir);
        expect(articles.map((a) => a.id)).toContain('stable');
        for (const problem of problems) expect(problem.reason).toBe('it disappeared while being read');
      }
    } finally {
      churn = false;
      await churner;
    }
  });
});
