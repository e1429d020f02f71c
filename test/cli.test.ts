import { describe, expect, it } from 'vitest';
import { articles } from '../src/cli/articles.ts';
import { ask } from '../src/cli/ask.ts';
import { summary } from '../src/cli/summary.ts';
import { renderText } from '../src/cli/text.ts';
import { jsonLines, runCli } from './helpers/cli.ts';
import { useTempDir } from './helpers/tmp.ts';

const SEED_ID = '000_bb9a71c91ac491ea';
const MATCH_KEYS = ['article', 'confidence', 'paragraph', 'paragraphs', 'passage', 'score', 'sentence'];

describe('ask', () => {
  const tempDir = useTempDir();

  it('answers a question given on the command line as JSON', async () => {
    const run = await runCli(ask, ['--json', 'Will the embassy in Kabul be closed?']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [line] = jsonLines(run.stdout);
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
    const run = await runCli(ask, ['--json', '--top', '2'], {
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

  it('without --json, skips blank stdin lines and explains a rejected question on stderr', async () => {
    const run = await runCli(ask, [], { stdin: '\n?!?\nWho condemned the attack?\n' });
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^newsdesk: /);
    expect(run.stdout.match(/^Q: /gm)).toEqual(['Q: ']);
  });

  it('prints a readable answer with the sentence marked and the source, naming the file once', async () => {
    const run = await runCli(ask, ['How', 'was', 'the', 'injured', 'guard', 'transported?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('>>> “The helicopter carrying the injured security guard');
    const source = run.stdout.split('\n').find((l) => l.startsWith('— '))!;
    expect(source).toMatch(/ · seeds\/000_bb9a71c91ac491ea\.txt · 2022-12-03 · paragraph 13 of 15 \(score \d+\.\d\d, confidence \d+ %\)$/);
    expect(source.split(`${SEED_ID}.txt`)).toHaveLength(2);
  });

  it('says plainly when nothing answers', async () => {
    const run = await runCli(ask, ['Who is the president of the United States?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No passage in the articles answers this/);
  });

  it('replies to small talk instead of quoting a passage', async () => {
    const run = await runCli(ask, ['--json', 'good morning bot']);
    expect(jsonLines(run.stdout)[0]).toEqual({ question: 'good morning bot', answer: null, closest: null, alternatives: [], error: expect.stringMatching(/^Hello!/) });
  });

  it('exits 1 when the question given as arguments is rejected', async () => {
    const run = await runCli(ask, ['?!?']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^newsdesk: .+\n$/);
  });

  it('restricts to one article with --article (fuzzy title allowed)', async () => {
    const run = await runCli(ask, ['--json', '--article', 'Afghanistan has assured Pakistan', 'who was injured']);
    expect(jsonLines(run.stdout)[0].answer.article.id).toBe(SEED_ID);
  });

  it.each([
    [['--article', 'no-such-article', 'question'], /unknown article "no-such-article"/],
    [['--articles', '/nonexistent/dir', 'question'], /articles folder \/nonexistent\/dir does not exist/],
    [['--frobnicate', 'question'], /Unknown option '--frobnicate'/],
    [['--top', 'many', 'question'], /--top takes a whole number/],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const run = await runCli(ask, args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 naming the candidates when --article matches several articles', async () => {
    const { dir, put } = tempDir();
    put('approved.txt', 'Harbour bridge approved by the council.');
    put('opened.txt', 'Harbour bridge opened to traffic.');
    const run = await runCli(ask, ['--articles', dir, '--article', 'harbour bridge', 'question']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^newsdesk: "harbour bridge" matches several articles \((approved, opened|opened, approved)\); give its id/);
  });

  it('exits 2 when no article can be loaded, naming the skipped files', async () => {
    const { dir, put } = tempDir();
    put('empty.txt', '');
    const run = await runCli(ask, ['--articles', dir, 'question']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No article could be loaded from .*empty\.txt: it is empty/);
  });

  it('--help prints the usage and exits 0', async () => {
    const run = await runCli(ask, ['--help']);
    expect(run).toEqual({ code: 0, stdout: `usage: npm run --silent ask -- [--articles DIR] [--article ID] [--top N] [--json] [QUESTION ...]\n`, stderr: '' });
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
    const run = await runCli(articles, ['--articles', dir, '--json']);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toEqual([
      { id: 'new', title: 'New news.', date: '2024-06-01', source: 'Dawn', url: 'https://example.org/new', paragraphs: 2 },
      { id: 'old', title: 'Old news.', date: '2020-01-01', source: 'old.txt', paragraphs: 1 },
      { skipped: expect.stringMatching(/bad\.txt$/), reason: 'the date 2024-02-30 does not exist' },
    ]);
  });

  it('lists them as text, one paragraph or several', async () => {
    const { dir, put } = tempDir();
    put('one.txt', 'date 2020-01-01 Old news. Really.');
    put('two.txt', 'Undated news.\n\nMore.');
    const run = await runCli(articles, ['--articles', dir]);
    expect(run.stdout).toBe('2020-01-01  one  Old news.  (one.txt, 1 paragraph)\nundated     two  Undated news.  (two.txt, 2 paragraphs)\n');
  });

  it('uses ARTICLES_DIR when no flag is given', async () => {
    const { dir, put } = tempDir();
    put('only.txt', 'The only article.');
    const run = await runCli(articles, [], { env: { ARTICLES_DIR: dir } });
    expect(run.stdout).toMatch(/only\s+The only article\./);
  });
});

describe('summary', () => {
  it('summarizes the newest article as JSON', async () => {
    const run = await runCli(summary, ['--json', '--sentences', '2']);
    expect(run.code).toBe(0);
    const [line] = jsonLines(run.stdout);
    expect(Object.keys(line).sort()).toEqual(['article', 'paragraphs', 'sentences', 'words']);
    expect(line.article.id).toBe(SEED_ID);
    expect(line.sentences).toHaveLength(2);
    expect(line.paragraphs).toHaveLength(2);
    expect(line.words).toBe(line.sentences.join(' ').split(/\s+/).length);
  });

  it('prints a readable summary with each sentence’s paragraph and the word count', async () => {
    const run = await runCli(summary, ['--article', SEED_ID, '--sentences', '1']);
    expect(run.code).toBe(0);
    const [title, source, sentence, words] = run.stdout.split('\n');
    expect(title).toMatch(/^Afghanistan has assured Pakistan/);
    expect(source).toBe(`${SEED_ID}.txt · 2022-12-03`);
    expect(sentence).toMatch(/^ {2}.+ \[¶\d+\]$/);
    expect(words).toMatch(/^\(\d+ words\)$/);
  });

  it('rejects --article with --all, and a sentence count out of range', async () => {
    expect((await runCli(summary, ['--all', '--article', SEED_ID])).code).toBe(2);
    const run = await runCli(summary, ['--sentences', '9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--sentences takes a whole number from 1 to 8/);
  });
});

describe('renderText', () => {
  const article = {
    id: 'a',
    title: 'Title',
    date: '2024-01-02',
    source: 'Dawn',
    url: 'https://example.org/a',
    paragraphs: [
      { index: 1, text: 'One. Two.' },
      { index: 2, text: 'Three.' },
    ],
  };
  const match = { article, paragraph: article.paragraphs[0], passage: 'One. Two.', sentence: 'Two.', score: 1.5, confidence: 0.2 };

  it('labels the closest passage of an abstention as low confidence, with its source', () => {
    const text = renderText('q?', { kind: 'none', closest: match, alternatives: [], reason: 'Nothing covers it.' });
    expect(text).toBe(
      'Q: q?\nNo passage in the articles answers this: Nothing covers it.\nClosest passage (low confidence):\n' +
        'One. >>> Two. <<<\n— Title · Dawn · 2024-01-02 · paragraph 1 of 2 · https://example.org/a (score 1.50, confidence 20 %)\n\n',
    );
  });

  it('names the file once: in place of the source when the source is the file name, else after it', () => {
    const fromFile = { ...article, url: undefined, source: 'a.txt', file: 'news/a.txt' };
    const named = { ...article, url: undefined, file: 'news/a.txt' };
    const line = (a: typeof fromFile) => renderText('q?', { kind: 'answer', best: { ...match, article: a }, alternatives: [] }).split('\n')[2];
    expect(line(fromFile)).toBe('— Title · news/a.txt · 2024-01-02 · paragraph 1 of 2 (score 1.50, confidence 20 %)');
    expect(line(named)).toBe('— Title · Dawn · 2024-01-02 · paragraph 1 of 2 · news/a.txt (score 1.50, confidence 20 %)');
  });

  it('says "under 1 %" rather than 0 % for a confidence that rounds to nothing', () => {
    const text = renderText('q?', { kind: 'answer', best: { ...match, confidence: 0.004 }, alternatives: [] });
    expect(text).toContain('(score 1.50, confidence under 1 %)');
    expect(text).not.toContain('confidence 0 %');
  });
});
