import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderArticleList } from '../src/bot/commands/articles/view.ts';
import { renderAnswer } from '../src/bot/commands/ask/view.ts';
import { command as feedsCommand } from '../src/bot/commands/feeds/command.ts';
import { FEEDS_PREFIX, renderFeedList } from '../src/bot/commands/feeds/view.ts';
import { commands } from '../src/bot/commands/registry.ts';
import type { BotContext } from '../src/bot/command.ts';
import type { CommandRequest, Responder } from '../src/bot/interaction.ts';
import type { MessagePayload } from '../src/bot/payload.ts';
import { limitProblems } from '../src/bot/limits.ts';
import { parsePageButton } from '../src/bot/paging.ts';
import type { FeedStatus } from '../src/feeds/status.ts';
import { feedStatusReader, firstArticles, startFeedPolling } from '../src/main/feeds.ts';
import { parseConfig } from '../src/runtime/config.ts';
import { createLogger } from '../src/runtime/log.ts';
import { FakeNewsServer } from '../fakes/news/server.ts';
import { makeArticle, makeMatch } from './helpers/bot-fixtures.ts';
import { useTempDir } from './helpers/tmp.ts';

const silentLog = createLogger({ level: 'error', write: () => {} });

const fetched = makeArticle(
  'harbour-bridge-reopens-3f9a12c4',
  'Harbour bridge reopens after two years of repairs',
  '2026-11-30',
  ['The harbour bridge reopened to traffic on Monday morning.', 'Every cable was replaced.'],
  {
    source: 'The Riverside Courier',
    url: 'https://courier.test/news/harbour-bridge-reopens',
  },
);

describe('fetched articles in the bot', () => {
  it("/ask shows the headline linked to the article's URL, the publisher and the date", () => {
    const payload = renderAnswer({ kind: 'answer', best: makeMatch(fetched, 2), alternatives: [] }, { question: 'What was replaced?' });
    const embed = payload.embeds[0];
    expect(embed.title).toBe('Harbour bridge reopens after two years of repairs');
    expect(embed.url).toBe('https://courier.test/news/harbour-bridge-reopens');
    expect(embed.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Source', value: 'The Riverside Courier' }), expect.objectContaining({ name: 'Date', value: '2026-11-30' })]),
    );
  });

  it('/articles shows the publisher and links the headline; a hand-written file stays as it was', () => {
    const handwritten = makeArticle('notes', 'Notes from the council', '2026-11-01', ['Text.']);
    const odd = makeArticle('odd', 'A [bracketed] title', null, ['Text.'], { source: 'Odd News', url: 'https://odd.test/a_(b)' });
    const text = renderArticleList([fetched, handwritten, odd], 0).embeds[0].description!;
    expect(text).toContain(
      '**1. [Harbour bridge reopens after two years of repairs](https://courier.test/news/harbour-bridge-reopens)**\nThe Riverside Courier · 2026-11-30 · 2 paragraphs',
    );
    expect(text).toContain('**2. Notes from the council**\n2026-11-01 · 1 paragraph · id notes');
    expect(text).toContain('[A \\[bracketed\\] title](https://odd.test/a_%28b%29)');
  });
});

describe('/feeds', () => {
  const status = (i: number, extra: Partial<FeedStatus> = {}): FeedStatus => ({ url: `https://news${i}.test/feed.xml`, stored: i, ...extra });

  it('lists each feed with its title, last successful poll, articles stored and last error', () => {
    const payload = renderFeedList(
      [status(1, { title: 'The Riverside Courier', lastSuccess: '2026-12-02T09:30:00Z' }), status(2, { lastError: 'https://news2.test/feed.xml answered HTTP 404' })],
      0,
    );
    expect(limitProblems(payload)).toEqual([]);
    const embed = payload.embeds[0];
    expect(embed.title).toBe('Feeds (2 followed, 1 failing)');
    expect(embed.description).toBe(
      [
        '**1. The Riverside Courier**',
        'https://news1.test/feed.xml',
        `last read <t:${Date.parse('2026-12-02T09:30:00Z') / 1000}:R> · 1 article stored`,
        '**2. https://news2.test/feed.xml**',
        'https://news2.test/feed.xml',
        'not read yet · 2 articles stored',
        '⚠ https://news2.test/feed.xml answered HTTP 404',
      ].join('\n'),
    );
    expect(payload.components).toEqual([]);
  });

  it('pages by 10 within the embed limits, even with long titles and errors', () => {
    const feeds = Array.from({ length: 23 }, (_, i) =>
      status(i, { title: `Feed ${i} ${'very long title '.repeat(40)}`, lastError: 'x'.repeat(3000), lastSuccess: '2026-12-01T00:00:00Z' }),
    );
    const first = renderFeedList(feeds, 0);
    expect(limitProblems(first)).toEqual([]);
    expect(first.embeds[0].footer!.text).toBe('Page 1 of 3');
    const [, next] = first.components[0].components as { custom_id: string }[];
    expect(parsePageButton(FEEDS_PREFIX, next.custom_id)).toEqual({ ok: true, action: { direction: 'next', page: 1 } });
    const last = renderFeedList(feeds, 2);
    expect(limitProblems(last)).toEqual([]);
    expect(last.embeds[0].description).toMatch(/^\*\*21\. Feed 20/);
  });

  it('says how to follow feeds when there are none', () => {
    expect(renderFeedList([], 0).content).toMatch(/No feeds are followed.*FEEDS/);
  });

  it('is registered, and answers from the feeds the bot follows', async () => {
    expect(commands.map((c) => c.data.name)).toContain('feeds');
    const replies: MessagePayload[] = [];
    const respond = { reply: (payload: MessagePayload) => Promise.resolve(void replies.push(payload)) } as unknown as Responder;
    const ctx = { feeds: () => Promise.resolve([status(7, { title: 'Seven' })]) } as unknown as BotContext;
    await feedsCommand.execute({} as CommandRequest, respond, ctx);
    expect(replies[0].embeds[0].description).toMatch(/^\*\*1\. Seven\*\*/);
    await feedsCommand.execute({} as CommandRequest, respond, {} as BotContext);
    expect(replies[1].content).toMatch(/No feeds are followed/);
  });
});

describe('background polling (npm start, the sharding manager)', () => {
  const tempDir = useTempDir();

  it('polls the configured feeds into the articles folder, and /feeds reads their state from it', async () => {
    const server = new FakeNewsServer();
    const base = await server.start();
    const { dir } = tempDir();
    const articlesDir = path.join(dir, 'articles');
    try {
      const config = parseConfig({ DISCORD_TOKEN: 'x'.repeat(60), ARTICLES_DIR: articlesDir, FEEDS: `${base}/feeds/rss.xml ${base}/feeds/missing.xml` });
      const polling = await startFeedPolling(config, silentLog);
      expect(polling).toBeDefined();
      await firstArticles(articlesDir, polling);
      await polling!.poller.stop();
      expect(readdirSync(articlesDir).filter((f) => f.endsWith('.txt'))).toHaveLength(4);
      const statuses = await feedStatusReader(config)!();
      expect(statuses).toEqual([
        { url: `${base}/feeds/rss.xml`, title: 'The Riverside Courier & Friends', lastSuccess: expect.any(String), stored: 4 },
        { url: `${base}/feeds/missing.xml`, lastError: expect.stringMatching(/HTTP 404/), stored: 0 },
      ]);
      expect(await startFeedPolling(parseConfig({ DISCORD_TOKEN: 'x'.repeat(60), ARTICLES_DIR: articlesDir }), silentLog)).toBeUndefined();
    } finally {
      await server.stop();
    }
  });
});
