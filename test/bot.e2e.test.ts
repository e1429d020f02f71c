import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../src/library/library.ts';
import { APOLOGY } from '../src/bot/interactions.ts';
import { encodeAskButton, hashQuestion } from '../src/bot/commands/ask/buttons.ts';
import { limitProblems } from '../src/bot/limits.ts';
import type { BotHandle } from '../src/main/bot.ts';
import { findButton, type FakeMessage } from '../fakes/discord/index.ts';
import { makeArticle, makeMatch, newsArticles } from './helpers/bot-fixtures.ts';
import type { AnswerResult } from '../src/types.ts';
import { startHarness, type Harness } from './helpers/bot-harness.ts';

/** Text Discord would turn into a ping if mentions were parsed. */
const PING = /@(everyone|here)|<@[!&]?\d+>/;
const EPHEMERAL = 64;

let h: Harness;
let bot: BotHandle;
/** The first /ask answer, made by the first bot process (its buttons are clicked after a restart). */
let firstAnswer: FakeMessage;
let firstAsker: string;

beforeAll(async () => {
  h = await startHarness();
  bot = await h.start();
});

afterAll(async () => {
  await bot?.stop();
  await h?.fake.close();
});

let users = 0;
/** A fresh user per question unless one is given, so that only the cooldown test meets the cooldown. */
function freshUser(): string {
  users += 1;
  return `7${String(users).padStart(17, '0')}`;
}

function ask(question: string, extra: Record<string, unknown> = {}, userId = freshUser()) {
  return h.fake.sendCommand({ name: 'ask', options: { question, ...extra }, userId });
}

function expectWithinLimits(message: FakeMessage) {
  expect(limitProblems(message)).toEqual([]);
}

describe('the bot against the fake Discord', () => {
  it('logs in, registers its commands to the guild and says what it loaded', () => {
    expect(bot.registration).toEqual({ scope: 'guild', guildId: h.fake.guild.id, changed: true, count: 8 });
    const names = h.fake
      .commands(h.fake.guild.id)
      .map((c) => c.name)
      .sort();
    expect(names).toEqual(['articles', 'ask', 'boom', 'feeds', 'help', 'slowboom', 'summary', 'wait']);
    expect(h.fake.commandWrites).toHaveLength(1);
    const ask = h.fake.commands(h.fake.guild.id).find((c) => c.name === 'ask')!;
    expect(ask.options!.map((o: { name: string }) => o.name)).toEqual(['question', 'article', 'hide']);
    const line = h.logs.find((l) => l.includes('articles ('));
    expect(line).toMatch(/INFO 3 articles \(\d+ paragraphs\) loaded from .*; commands registered to guild \d+$/m);
    // Guilds intent only.
    expect(h.fake.identifies[0].intents).toBe(1);
    expect(h.logs.join('')).not.toContain(h.fake.token);
  });

  it('/ask answers with the passage, the answering sentence in bold, and its source', async () => {
    const i = await ask('What will the bridge cost?');
    const response = await i.response();
    expect(response.type).toBe(4);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    const message = await i.reply();
    expect(message.ephemeral).toBe(false);
    expectWithinLimits(message);
    const embed = message.embeds[0];
    expect(embed.title).toBe('City council approves new harbour bridge');
    expect(embed.description).toContain('**The bridge will cost 420 million dollars and take four years to build, the mayor said.**');
    const fields = Object.fromEntries(embed.fields.map((f: { name: string; value: string }) => [f.name, f.value]));
    expect(fields.Source).toBe('Harbour Gazette');
    expect(fields.Date).toBe('2023-05-10');
    expect(fields.Paragraph).toBe('Paragraph 2 of 3');
    expect(fields.Confidence).toMatch(/^\d{1,3}%$/);
    expect(embed.footer.text).toBe('Question: What will the bridge cost?');
    expect(findButton(message, 'Next match')).toBeTruthy();
    expect(findButton(message, 'Context')).toBeTruthy();
    firstAnswer = message;
    firstAsker = i.userId;
  });

  it('restarts without re-registering, and the old message’s buttons still work', async () => {
    await bot.stop();
    bot = await h.start();
    expect(bot.registration?.changed).toBe(false);
    expect(h.fake.commandWrites).toHaveLength(1);
    expect(h.logs.some((l) => /commands registered to guild \d+ \(unchanged\)$/m.test(l))).toBe(true);

    // "Next match" edits the message in place (callback type 7) to the next passage.
    const nextId = findButton(firstAnswer, 'Next match')!.custom_id as string;
    const next = await h.fake.sendButton({ message: firstAnswer, customId: nextId, userId: firstAsker });
    expect((await next.response()).type).toBe(7);
    const stepped = await next.reply();
    expect(stepped.id).toBe(firstAnswer.id);
    expectWithinLimits(stepped);
    expect(stepped.embeds[0].author.name).toMatch(/^Other match \(2 of \d\)$/);
    expect(stepped.embeds[0].description).not.toBe(firstAnswer.embeds[0].description);
    expect(stepped.embeds[0].footer.text).toBe(firstAnswer.embeds[0].footer.text);

    // Someone else clicking gets a private copy to browse; the shared message stays as it is.
    const other = await h.fake.sendButton({ message: stepped, customId: findButton(stepped, 'Next match')!.custom_id as string, userId: freshUser() });
    const copy = await other.reply();
    expect(copy.ephemeral).toBe(true);
    expect(copy.id).not.toBe(firstAnswer.id);
    expect(copy.embeds[0].author.name).toMatch(/\((3|1) of \d\)$/);
    expect(h.fake.message(firstAnswer.id)!.embeds[0].author.name).toBe(stepped.embeds[0].author.name);

    // "Context" answers privately with the paragraphs around the passage.
    const contextId = findButton(firstAnswer, 'Context')!.custom_id as string;
    const context = await h.fake.sendButton({ message: firstAnswer, customId: contextId });
    const shown = await context.reply();
    expect(shown.ephemeral).toBe(true);
    expect(shown.embeds[0].description).toContain('**▶ ¶2**');
    expect(shown.embeds[0].description).toContain('**¶1**');
    expect(shown.embeds[0].description).toContain('**¶3**');
  });

  it('a stale, outdated or foreign button gets a short private explanation', async () => {
    const cases: [string, RegExp][] = [
      [encodeAskButton({ kind: 'next', rank: 1, articleRef: '', questionHash: hashQuestion('another question') }), /no longer matches/],
      ['ask:v0:next:1::abcdefghij', /older version/],
      ['poll:v1:vote:3', /does not belong/],
      [encodeAskButton({ kind: 'context', articleRef: 'deleted-article', paragraph: 1 }), /no longer loaded/],
    ];
    for (const [customId, why] of cases) {
      const click = await h.fake.sendButton({ message: firstAnswer, customId });
      const reply = await click.reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(why);
    }
  });

  it('/ask with no answer says so, shows the closest passage as low confidence and points to /articles', async () => {
    const i = await ask('quantum chromodynamics lattice gluons');
    const message = await i.reply();
    expectWithinLimits(message);
    expect(message.content).toMatch(/could not find a passage that answers/);
    expect(message.content).toContain('/articles');
    if (message.embeds.length) expect(message.embeds[0].author.name).toMatch(/low confidence/);

    // With a closest passage (a library whose engine always comes up short).
    class ShortLibrary extends Library {
      override ask(): AnswerResult {
        const article = this.articles[0];
        return {
          kind: 'none',
          closest: makeMatch(article, 3, undefined, 0.12),
          alternatives: [makeMatch(article, 1, undefined, 0.05)],
          reason: 'No passage answers this question.',
        };
      }
    }
    bot.store.replace(new ShortLibrary(newsArticles()));
    try {
      const weak = await (await ask('Who runs the ferries?')).reply();
      expectWithinLimits(weak);
      expect(weak.content).toMatch(/could not find a passage that answers/);
      expect(weak.content).toContain('/articles');
      expect(weak.embeds[0].author.name).toBe('Closest passage (1 of 2) · low confidence, probably not an answer');
      expect(weak.embeds[0].description).toContain('ferry operators');
      expect(weak.embeds[0].fields.find((f: { name: string }) => f.name === 'Confidence').value).toBe('12%');
      expect(findButton(weak, 'Next match')!.disabled).toBeFalsy();
    } finally {
      bot.store.replace(new Library(newsArticles()));
    }
  });

  it('hide makes the answer ephemeral (flag 64)', async () => {
    const i = await ask('Who condemned the attack on the embassy?', { hide: true });
    const response = await i.response();
    expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const message = await i.reply();
    expect(message.ephemeral).toBe(true);
    expect(message.embeds[0].title).toMatch(/Kabul embassy attack/);
  });

  it('autocompletes article titles and ids, and /ask can be limited to one article', async () => {
    const a = await h.fake.sendAutocomplete({ name: 'ask', options: { question: 'x', article: 'harbor brige' }, focused: 'article' });
    const choices = await a.choices();
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: 'City council approves new harbour bridge (2023-05-10)', value: 'harbour-bridge' });
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);

    const all = await h.fake.sendAutocomplete({ name: 'summary', options: { article: '' }, focused: 'article' });
    expect((await all.choices()).map((c) => c.value)).toEqual(['harbour-bridge', 'embassy-attack', 'mentions-and-markdown']);

    const scoped = await ask('What did critics say?', { article: 'embassy-attack' });
    const message = await scoped.reply();
    expect(message.embeds[0]?.title ?? '').not.toMatch(/harbour/);
    const unknown = await ask('What did critics say?', { article: 'zzzzqqqq' });
    const explained = await unknown.reply();
    expect(explained.ephemeral).toBe(true);
    expect(explained.content).toMatch(/No loaded article matches/);
  });

  it('/summary summarises the newest article by default, or the one asked for', async () => {
    const i = await h.fake.sendCommand({ name: 'summary', options: {} });
    const message = await i.reply();
    expectWithinLimits(message);
    expect(message.embeds[0].title).toBe('City council approves new harbour bridge');
    expect(message.embeds[0].description).toContain('city council voted');
    expect(message.embeds[0].fields.find((f: { name: string }) => f.name === 'Source').value).toBe('Harbour Gazette');

    const two = await h.fake.sendCommand({ name: 'summary', options: { article: 'embassy-attack', sentences: 1 } });
    const short = await two.reply();
    expect(short.embeds[0].title).toMatch(/Kabul embassy attack/);
    expect(short.embeds[0].fields.find((f: { name: string }) => f.name === 'Length').value).toMatch(/^1 sentence,/);
  });

  it('/articles lists newest first and pages with buttons beyond 10', async () => {
    const i = await h.fake.sendCommand({ name: 'articles' });
    const message = await i.reply();
    const lines = (message.embeds[0].description as string).split('\n').filter((l) => l.startsWith('**'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('City council approves new harbour bridge');
    expect(message.embeds[0].description).toContain('2023-05-10 · 3 paragraphs');
    expect(message.components).toEqual([]);

    // A bigger library swapped in while running (as the folder watcher will do).
    const many = Array.from({ length: 23 }, (_, n) => makeArticle(`story-${n}`, `Story number ${n}`, `2024-02-${String(n + 1).padStart(2, '0')}`, ['Text.']));
    bot.store.replace(new Library([...newsArticles(), ...many]));
    try {
      const paged = await (await h.fake.sendCommand({ name: 'articles' })).reply();
      expectWithinLimits(paged);
      expect(paged.embeds[0].title).toBe('Articles (26 loaded, newest first)');
      expect(paged.embeds[0].footer.text).toBe('Page 1 of 3');
      expect(paged.embeds[0].description).toMatch(/^\*\*1\. Story number 22\*\*/);
      const next = await h.fake.sendButton({ message: paged, customId: findButton(paged, 'Next')!.custom_id as string });
      const page2 = await next.reply();
      expect(page2.embeds[0].footer.text).toBe('Page 2 of 3');
      expect(page2.embeds[0].description).toMatch(/^\*\*11\. Story number 12\*\*/);
      expect(findButton(page2, 'Previous')!.disabled).toBeFalsy();
    } finally {
      bot.store.replace(new Library(newsArticles()));
    }
  });

  it('/help explains the commands, privately', async () => {
    const message = await (await h.fake.sendCommand({ name: 'help' })).reply();
    expect(message.ephemeral).toBe(true);
    expect(message.embeds[0].description).toContain('/ask');
    expect(message.embeds[0].description).toContain('3 articles');
  });

  it('nothing can ping: @everyone and <@&1> in the question and in articles are neutralised', async () => {
    const i = await ask('Did @everyone contact <@&1> for tickets to the final?');
    const response = await i.response();
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    const message = await i.reply();
    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(message.embeds[0].title).toContain('Fans');
    expect(JSON.stringify(message)).not.toMatch(PING);
    expect(message.embeds[0].description).toContain('\\*final\\*');
    // The question still round-trips through the footer for "Next match".
    const next = await h.fake.sendButton({ message, customId: findButton(message, 'Next match')!.custom_id as string, userId: i.userId });
    expect((await next.response()).type).toBe(7);
    expect(JSON.stringify(await next.reply())).not.toMatch(PING);
  });

  it('bad input gets a short private explanation', async () => {
    for (const question of ['   ', '?!?! ...']) {
      const reply = await (await ask(question)).reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/empty|no words|search/i);
      expect(reply.embeds).toEqual([]);
    }
  });

  it('a handler error is logged with the interaction id and answered with a private apology; the bot goes on', async () => {
    const boom = await h.fake.sendCommand({ name: 'boom' });
    const apology = await boom.reply();
    expect(apology.ephemeral).toBe(true);
    expect(apology.content).toBe(APOLOGY);
    expect(h.logs.some((l) => l.includes(`interaction ${boom.id} (/boom) failed: Error: kaboom in a handler`))).toBe(true);

    // After a public deferral: the placeholder is removed and the apology is private.
    const slow = await h.fake.sendCommand({ name: 'slowboom' });
    expect((await slow.response()).type).toBe(5);
    const [followUp] = await slow.waitForFollowUps(1);
    expect(followUp.ephemeral).toBe(true);
    expect(followUp.content).toBe(APOLOGY);
    expect(slow.message?.deleted).toBe(true);
    expect(h.logs.some((l) => l.includes(`interaction ${slow.id} (/slowboom) failed`))).toBe(true);

    const after = await (await ask('What will the bridge cost?')).reply();
    expect(after.embeds[0].title).toBe('City council approves new harbour bridge');
  });

  it('a failing reply (REST 500) is logged and the bot goes on', async () => {
    h.fake.failNext('POST /interactions/:id/:token/callback', 500, 4);
    const failed = await ask('Who was injured?');
    await h.fake.waitFor(() => h.logs.some((l) => l.includes(`interaction ${failed.id} (/ask) failed`)), 10_000, 'the failure to be logged');
    const after = await (await ask('Who was injured?')).reply();
    expect(after.embeds[0].description).toContain('guard');
  });

  it('the per-user cooldown answers privately with "try again in N s"', async () => {
    const user = '555555555555555555';
    for (let n = 0; n < 5; n++) {
      const ok = await (await ask('Who condemned the attack?', {}, user)).reply();
      expect(ok.embeds).toHaveLength(1);
    }
    const limited = await (await ask('Who condemned the attack?', {}, user)).reply();
    expect(limited.ephemeral).toBe(true);
    expect(limited.content).toMatch(/try again in \d+ s/);
    // Other users are not affected.
    const other = await (await ask('Who condemned the attack?', {}, '666666666666666666')).reply();
    expect(other.embeds).toHaveLength(1);
  });

  it('answers the next question after the gateway connection drops', async () => {
    const resumes = h.fake.resumes.length;
    expect(h.fake.dropConnection()).toBe(1);
    const i = await ask('How long will the bridge take to build?');
    const message = await i.reply(15_000);
    expect(message.embeds[0].title).toBe('City council approves new harbour bridge');
    expect(h.fake.resumes.length).toBeGreaterThan(resumes);
    const again = await (await ask('Who condemned the attack?')).reply();
    expect(again.embeds[0].title).toMatch(/Kabul embassy attack/);
  });

  it('answers after a RECONNECT and after a non-resumable INVALID_SESSION from the server', async () => {
    const resumes = h.fake.resumes.length;
    expect(h.fake.sendReconnect()).toBe(1);
    await h.fake.waitForResume(resumes + 1);
    const afterReconnect = await (await ask('What will the bridge cost?')).reply(15_000);
    expect(afterReconnect.embeds[0].title).toBe('City council approves new harbour bridge');

    const identifies = h.fake.identifies.length;
    expect(h.fake.sendInvalidSession(false)).toBe(1);
    await h.fake.waitForIdentify(identifies + 1);
    await h.fake.waitForReady(1);
    const afterInvalid = await (await ask('Who condemned the attack?')).reply(15_000);
    expect(afterInvalid.embeds[0].title).toMatch(/Kabul embassy attack/);
  });

  it('defers the reply when the library is large', async () => {
    await bot.stop();
    bot = await h.start({ deferAbove: 0 });
    const i = await ask('What will the bridge cost?', { hide: true });
    const response = await i.response();
    expect(response.type).toBe(5);
    expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const message = await i.reply();
    expect(message.ephemeral).toBe(true);
    expect(message.embeds[0].title).toBe('City council approves new harbour bridge');
  });

  it('stop() finishes the replies in flight before disconnecting', async () => {
    const waiting = await h.fake.sendCommand({ name: 'wait' });
    await h.fake.waitFor(() => h.gate.waiting, 5000, 'the /wait interaction to be in flight');
    expect(bot.router.pending).toBeGreaterThan(0);
    const stopping = bot.stop();
    h.gate.open();
    await stopping;
    expect((await waiting.reply()).content).toBe('finished after the gate opened');
    expect(h.fake.openConnections).toBe(0);
  });
});
