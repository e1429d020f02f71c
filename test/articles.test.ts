import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArticlesFolderError, loadArticles, MAX_ARTICLE_BYTES } from '../src/articles/load.ts';
import { ArticleFormatError, checkDate, parseArticle } from '../src/articles/parse.ts';
import { useTempDir } from './helpers/tmp.ts';

const SEED = 'seeds/000_bb9a71c91ac491ea.txt';

describe('parseArticle: the seed', () => {
  const article = parseArticle(readFileSync(SEED, 'utf8'), { id: '000_bb9a71c91ac491ea', file: SEED });

  it('reads the date header and keeps the lede as paragraph 1', () => {
    expect(article.date).toBe('2022-12-03');
    expect(article.paragraphs[0]).toEqual({
      index: 1,
      text: 'Afghanistan has assured Pakistan it will track and bring those who attacked the embassy in Kabul to justice.',
    });
  });

  it("titles it with the lede's first sentence and names the file as the source", () => {
    expect(article.title).toBe('Afghanistan has assured Pakistan it will track and bring those who attacked the embassy in Kabul to justice.');
    expect(article.source).toBe('000_bb9a71c91ac491ea.txt');
    expect(article.url).toBeUndefined();
    expect(article.file).toBe(SEED);
  });

  it('numbers 15 paragraphs and puts the subheading on the paragraphs after it', () => {
    expect(article.paragraphs).toHaveLength(15);
    expect(article.paragraphs.map((p) => p.index)).toEqual([...Array(15).keys()].map((i) => i + 1));
    expect(article.paragraphs.filter((p) => p.section).map((p) => p.index)).toEqual([12, 13, 14, 15]);
    expect(article.paragraphs[11].section).toBe('Injured guard flown to Pakistan');
    expect(article.paragraphs.some((p) => p.text === 'Injured guard flown to Pakistan')).toBe(false);
  });
});

describe('parseArticle: edge cases', () => {
  const parse = (text: string) => parseArticle(text, { id: 'x' });

  it('tolerates a BOM, CRLF, leading whitespace, trailing spaces and runs of blank lines', () => {
    const a = parse('\uFEFF  date 2024-02-29 Lede one. Lede two.  \r\n\r\n\r\n\r\nSecond   para\r\nwraps here.   \r\n\r\n');
    expect(a.date).toBe('2024-02-29');
    expect(a.paragraphs.map((p) => p.text)).toEqual(['Lede one. Lede two.', 'Second para wraps here.']);
    expect(a.title).toBe('Lede one.');
  });

  it('keeps curly quotes as they are', () => {
    const a = parse('“Quoted,” she said. It’s fine.');
    expect(a.paragraphs[0].text).toBe('“Quoted,” she said. It’s fine.');
  });

  it('has no date without a header', () => {
    expect(parse('Just a paragraph.').date).toBeNull();
  });

  it('takes a heading before the first paragraph as the title, not a section', () => {
    const a = parse('Storm hits the coast\n\nThe storm arrived at dawn.\n\nDamage\n\nRoofs were lost.');
    expect(a.title).toBe('Storm hits the coast');
    expect(a.paragraphs).toEqual([
      { index: 1, text: 'The storm arrived at dawn.' },
      { index: 2, text: 'Roofs were lost.', section: 'Damage' },
    ]);
  });

  it('accepts a subheading on the line just above its paragraph', () => {
    const a = parse('date 2020-01-01 Lede.\n\nAftermath\nPeople returned home.');
    expect(a.paragraphs[1]).toEqual({ index: 2, text: 'People returned home.', section: 'Aftermath' });
  });

  it('does not take a long line without end punctuation for a heading', () => {
    const long = 'this line runs on and on with many words and never ends with any punctuation at all so it is text';
    expect(parse(`Lede.\n\n${long}`).paragraphs[1].text).toBe(long);
  });

  it('rejects an impossible date, a malformed date and an empty text', () => {
    expect(() => parse('date 2022-02-30 Lede.')).toThrow(/2022-02-30 does not exist/);
    expect(() => parse('date 2022-13-01 Lede.')).toThrow(ArticleFormatError);
    expect(() => parse('date 12/03/2022 Lede.')).toThrow(/YYYY-MM-DD/);
    expect(() => parse(' \n\n \r\n')).toThrow(/empty/);
    expect(() => parse('date 2022-01-01')).toThrow(/no paragraphs/);
  });

  it('checks dates on the calendar', () => {
    expect(checkDate('2024-02-29')).toBe('2024-02-29');
    expect(() => checkDate('2023-02-29')).toThrow(ArticleFormatError);
  });
});

describe('loadArticles', () => {
  const tempDir = useTempDir();

  it('loads the good files and names each bad file with its problem', async () => {
    const { dir, put } = tempDir();
    put('good.txt', 'date 2023-05-01 A good lede. More.\n\nA second paragraph.');
    put('empty.txt', '');
    put('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e]));
    put('binary.txt', Buffer.from([0x41, 0x00, 0x42]));
    put('baddate.txt', 'date 2023-02-31 Lede.');
    put('huge.txt', Buffer.alloc(MAX_ARTICLE_BYTES + 1, 0x61));
    put('notes.md', 'ignored: not an article file');
    const { articles, problems } = await loadArticles(dir);
    expect(articles.map((a) => a.id)).toEqual(['good']);
    const reasons = Object.fromEntries(problems.map((p) => [p.file.split('/').pop(), p.reason]));
    expect(reasons).toEqual({
      'baddate.txt': 'the date 2023-02-31 does not exist',
      'binary.txt': 'it is not text (it contains NUL bytes)',
      'empty.txt': 'it is empty',
      'huge.txt': expect.stringMatching(/larger than 5 MB/),
      'latin1.txt': 'it is not UTF-8 text',
    });
  });

  it('applies a sidecar over what the text gives', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'date 2023-05-01 Lede sentence. Second.');
    put('a.meta.json', JSON.stringify({ title: 'Real headline', source: 'Dawn', url: 'https://example.org/a', date: '2023-05-02' }));
    const { articles, problems } = await loadArticles(dir);
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({ id: 'a', title: 'Real headline', source: 'Dawn', url: 'https://example.org/a', date: '2023-05-02' });
  });

  it('ignores a bad sidecar with a warning and still loads the article', async () => {
    const { dir, put } = tempDir();
    put('a.txt', 'Lede sentence.');
    put('a.meta.json', '{"title": ');
    put('b.txt', 'Other lede.');
    put('b.meta.json', JSON.stringify({ url: 'javascript:alert(1)', title: 'Not applied' }));
    const { articles, problems } = await loadArticles(dir);
    expect(articles.map((a) => [a.id, a.title, a.url])).toEqual([
      ['a', 'Lede sentence.', undefined],
      ['b', 'Other lede.', undefined],
    ]);
    expect(problems.map((p) => p.reason)).toEqual([expect.stringMatching(/^sidecar ignored: it is not valid JSON/), 'sidecar ignored: "url" is not an http(s) URL']);
  });

  it('fails clearly on a missing folder', async () => {
    await expect(loadArticles('/nonexistent/newsdesk')).rejects.toThrow(ArticlesFolderError);
    await expect(loadArticles('/nonexistent/newsdesk')).rejects.toThrow('The articles folder /nonexistent/newsdesk does not exist.');
  });
});
