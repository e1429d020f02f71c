import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/library.ts';
import { STORIES } from '../../fakes/news/stories.ts';
import { jsonLines, spawnNpmScript } from '../helpers/cli.ts';
import { useTempDir } from '../helpers/tmp.ts';
import { useFakeNewsServer } from '../helpers/news.ts';

const NEWS = useFakeNewsServer();
const tempDir = useTempDir();

describe('fetch as people run it (spawned)', () => {
  it('runs as `npm run --silent fetch`, and what it stores the library answers from, with headline, publisher and link', async () => {
    const { dir } = tempDir();
    const { code, stdout } = await spawnNpmScript('fetch', ['--articles', dir, '--json', `${NEWS.base()}/feeds/feed.json`]);
    expect(code).toBe(0);
    expect(jsonLines(stdout)[0]).toMatchObject({ ok: true, new: 4 });
    const library = await openLibrary(dir);
    expect(library.problems).toEqual([]);
    const question = library.question('How many suspension cables were replaced on the harbour bridge?');
    if (!question.ok) throw new Error(question.error);
    const result = library.ask(question.question);
    expect(result.kind).toBe('answer');
    const match = result.kind === 'answer' ? result.best : null;
    expect(match?.sentence).toContain('112 suspension cables');
    expect(match?.article).toMatchObject({
      title: STORIES[0].headline,
      source: 'The Riverside Courier',
      url: `${NEWS.base()}/news/${STORIES[0].slug}`,
      date: '2026-11-30',
    });
  });
});
