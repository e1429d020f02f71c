import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderText } from '../src/cli/text.ts';
import { jsonLines, runCli } from './helpers/cli.ts';
import { useTempDir } from './helpers/tmp.ts';

const SEED_ID = '000_bb9a71c91ac491ea';
const MATCH_KEYS = ['article', 'confidence', 'paragraph', 'paragraphs', 'passage', 'score', 'sentence'];

describe('ask', () => {
  const tempDir = useTempDir();
  it('answers a question given on the command line, through npm run, as JSON', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'ask', '--', '--json', 'Will the embassy in Kabul be closed?']);
    const [line] = jsonLines(stdout);
    expect(Object.keys(line).sort()).toEqual(['alternatives', 'answer', 'closest', 'question']);
    expect(line.question).toBe('Will the embassy in Kabul be closed?');
    expect(Object.keys(line.answer).sort()).toEqual(MATCH_KEYS);
    expect(line.answer.article).toEqual({
      id: SEED_ID,
      title: 'Afghanistan has assured Pakistan it will track and bring those who attacked the embassy in Kabul to justice.',
      date: '2022-12-03',
      source: `${SEED_ID}.txt`,
    });
    expect(line.answer.paragraph).toBe(14);
    expect(line.answer.paragraphs).toBe(15);
    expect(line.answer.sentence).toContain('no plans to close the embassy');
    expect(line.answer.passage).toContain(line.answer.sentence);
    expect(line.closest).toBeNull();
  });

  it('reads one question per line from stdin, one JSON object each, in order', async () => {
    const run = await runCli('ask', ['--json', '--top', '2'], {
      stdin: 'What did Bilawal reiterate?\n\n' + 'x'.repeat(301) + '\nWhat is the weather in London?\n',
    });
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(4);
    expect(lines[0].answer.passage).toContain('unwavering commitment to fight terrorism');
    expect(lines[0].alternatives).toHaveLength(1);
    expect(lines[1]).toEqual({ question: '', answer: null, closest: null, alternatives: [], error: expect.any(String) });
    expect(lines[2].error).toMatch(/300/);
    expect(lines[2].answer).toBeNull();
    expect(lines[3].answer).toBeNull();
    expect(lines[3].error).toBeUndefined();
  });

  it('prints a readable answer with the sentence marked and the source', async () => {
    const run = await runCli('ask', ['How', 'was', 'the', 'injured', 'guard', 'transported?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('>>> “The helicopter carrying the injured security guard');
    expect(run.stdout).toMatch(/paragraph 13 of 15/);
    expect(run.stdout).toContain('2022-12-03');
  });

  it('says plainly when nothing answers', async () => {
    const run = await runCli('ask', ['Who is the president of the United States?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No passage in the articles answers this/);
  });

  it('restricts to one article with --article (fuzzy title allowed)', async () => {
    const run = await runCli('ask', ['--json', '--article', 'Afghanistan has assured Pakistan', 'who was injured']);
    expect(jsonLines(run.stdout)[0].answer.article.id).toBe(SEED_ID);
  });

  it.each([
    [['--article', 'no-such-article', 'question'], /unknown article "no-such-article"/],
    [['--articles', '/nonexistent/dir', 'question'], /articles folder \/nonexistent\/dir does not exist/],
    [['--frobnicate', 'question'], /Unknown option '--frobnicate'/],
    [['--top', 'many', 'question'], /--top takes a whole number/],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const run = await runCli('ask', args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 when no article can be loaded, naming the skipped files', async () => {
    const { dir, put } = tempDir();
    put('empty.txt', '');
    const run = await runCli('ask', ['--articles', dir, 'question']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No article could be loaded from .*empty\.txt: it is empty/);
  });
});

describe('articles', () => {
  const tempDir = useTempDir();

  it('lists loaded articles and skipped files as JSON Lines', async () => {
    const { dir, put } = tempDir();
    put('old.txt', 'date 2020-01-01 Old news. Really.');
    put('new.txt', 'date 2024-06-01 New news.\n\nMore.');
    put('new.meta.json', JSON.stringify({ source: 'Dawn', url: 'https://example.org/new' }));
    put('bad.txt', 'date 2024-02-30 Bad date.');
    const run = await runCli('articles', ['--articles', dir, '--json']);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toEqual([
      { id: 'new', title: 'New news.', date: '2024-06-01', source: 'Dawn', url: 'https://example.org/new', paragraphs: 2 },
      { id: 'old', title: 'Old news.', date: '2020-01-01', source: 'old.txt', paragraphs: 1 },
      { skipped: expect.stringMatching(/bad\.txt$/), reason: 'the date 2024-02-30 does not exist' },
    ]);
  });

  it('uses ARTICLES_DIR when no flag is given', async () => {
    const { dir, put } = tempDir();
    put('only.txt', 'The only article.');
    const run = await runCli('articles', [], { env: { ARTICLES_DIR: dir } });
    expect(run.stdout).toMatch(/only\s+The only article\./);
  });
});

describe('summary', () => {
  it('summarizes the newest article as JSON', async () => {
    const run = await runCli('summary', ['--json', '--sentences', '2']);
    expect(run.code).toBe(0);
    const [line] = jsonLines(run.stdout);
    expect(Object.keys(line).sort()).toEqual(['article', 'paragraphs', 'sentences', 'words']);
    expect(line.article.id).toBe(SEED_ID);
    expect(line.sentences).toHaveLength(2);
    expect(line.paragraphs).toHaveLength(2);
    expect(line.words).toBe(line.sentences.join(' ').split(/\s+/).length);
  });

  it('rejects --article with --all, and a sentence count out of range', async () => {
    expect((await runCli('summary', ['--all', '--article', SEED_ID])).code).toBe(2);
    const run = await runCli('summary', ['--sentences', '9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--sentences takes a whole number from 1 to 8/);
  });
});

describe('renderText', () => {
  const article = { id: 'a', title: 'Title', date: '2024-01-02', source: 'Dawn', url: 'https://example.org/a', paragraphs: [{ index: 1, text: 'One. Two.' }, { index: 2, text: 'Three.' }] };
  const match = { article, paragraph: article.paragraphs[0], passage: 'One. Two.', sentence: 'Two.', score: 1.5, confidence: 0.2 };

  it('labels the closest passage of an abstention as low confidence, with its source', () => {
    const text = renderText('q?', { kind: 'none', closest: match, alternatives: [], reason: 'Nothing covers it.' });
    expect(text).toBe(
      'Q: q?\nNo passage in the articles answers this: Nothing covers it.\nClosest passage (low confidence):\n' +
        'One. >>> Two. <<<\n— Title · Dawn · 2024-01-02 · paragraph 1 of 2 · https://example.org/a (score 1.50, confidence 20 %)\n\n',
    );
  });
});
