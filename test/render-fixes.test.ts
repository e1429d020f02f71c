import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/articles/parse.ts';
import { lookupProblem } from '../src/bot/article-option.ts';
import { Library } from '../src/library/library.ts';
import { renderAnswer, renderContext } from '../src/bot/commands/ask/view.ts';
import { renderHelp } from '../src/bot/commands/help/view.ts';
import { renderSummary } from '../src/bot/commands/summary/view.ts';
import { limitProblems } from '../src/bot/limits.ts';
import { plural } from '../src/text/plural.ts';
import type { AnswerResult } from '../src/types.ts';
import { makeArticle, makeMatch } from './helpers/bot-fixtures.ts';

/** The seed article: no headline, so its title is its 106-character first sentence. */
const seed = parseArticle(readFileSync('seeds/000_bb9a71c91ac491ea.txt', 'utf8'), { id: '000_bb9a71c91ac491ea', file: 'seeds/000_bb9a71c91ac491ea.txt' });

function otherMatches(payload: ReturnType<typeof renderAnswer>): string {
  return payload.embeds[0].fields!.find((f) => f.name === 'Other matches' || f.name === 'Other near passages')!.value;
}

describe('what a user sees in /ask', () => {
  it('"Other matches" tells alternatives of one article apart by paragraph and sentence, without the title or a 0%', () => {
    const sentence = (p: number) => seed.paragraphs[p - 1].text.split('. ')[0];
    const result: AnswerResult = {
      kind: 'answer',
      best: makeMatch(seed, 2, sentence(2), 0.62),
      alternatives: [makeMatch(seed, 3, sentence(3), 0.004), makeMatch(seed, 5, sentence(5), 0), makeMatch(seed, 7, sentence(7), 0.21), makeMatch(seed, 9, sentence(9), 0)],
    };
    const payload = renderAnswer(result, { question: 'Who condemned the attack?' });
    expect(limitProblems(payload)).toEqual([]);
    const lines = otherMatches(payload).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^2\. ¶3: /);
    expect(lines[2]).toMatch(/^4\. ¶7 · 21%: /);
    for (const line of lines) {
      expect(line).not.toContain('Afghanistan has assured Pakistan');
      expect(line).not.toMatch(/\b0%/);
      expect(line.length).toBeLessThan(140);
    }
    // Each line shows (the start of) its own passage's answering sentence.
    expect(lines[1]).toContain(sentence(5).slice(0, 40));
    expect(payload.embeds[0].fields!.find((f) => f.name === 'Confidence')!.value).toBe('62%');
  });

  it('names the article of an alternative only when it is not the one shown, and says "Under 1%" rather than 0%', () => {
    const other = makeArticle('other', 'Floods close the coastal road', '2023-01-01', ['The coastal road was closed by floods on Monday.']);
    const result: AnswerResult = {
      kind: 'none',
      closest: makeMatch(seed, 4, undefined, 0.001),
      alternatives: [makeMatch(other, 1, undefined, 0.3), makeMatch(seed, 6, undefined, 0.2)],
      reason: 'Nothing answers.',
    };
    const payload = renderAnswer(result, { question: 'What closed the road?' });
    const lines = otherMatches(payload).split('\n');
    expect(lines[0]).toMatch(/^2\. ¶1 of \*Floods close the coastal road\* · 30%: The coastal road was closed/);
    expect(lines[1]).toMatch(/^3\. ¶6 · 20%: /);
    expect(payload.embeds[0].fields!.find((f) => f.name === 'Confidence')!.value).toBe('Under 1%');
    expect(limitProblems(payload)).toEqual([]);
  });

  it('cuts a long lede standing in for the title at a word within 100 characters, and gives it whole in the description', () => {
    expect(seed.title.length).toBeGreaterThan(100);
    const shown = renderAnswer({ kind: 'answer', best: makeMatch(seed, 3), alternatives: [] }, { question: 'Who was hurt?' });
    const { title, description } = shown.embeds[0];
    expect(title!.length).toBeLessThanOrEqual(100);
    expect(title).toBe('Afghanistan has assured Pakistan it will track and bring those who attacked the embassy in Kabul to…');
    expect(description!.startsWith(`*${seed.title}*\n\n`)).toBe(true);
    expect(limitProblems(shown)).toEqual([]);
    // Not repeated when the passage shown starts with it (paragraph 1 is the lede).
    const lede = renderAnswer({ kind: 'answer', best: makeMatch(seed, 1), alternatives: [] }, { question: 'Who assured whom?' });
    expect(lede.embeds[0].description).toBe(`**${seed.paragraphs[0].text}**`);
    // A short headline is left as it is.
    const short = makeArticle('s', 'Short headline', null, ['Body text.']);
    const plain = renderAnswer({ kind: 'answer', best: makeMatch(short, 1), alternatives: [] }, { question: 'q?' });
    expect(plain.embeds[0].title).toBe('Short headline');
    expect(plain.embeds[0].description).toBe('**Body text.**');
  });

  it('the context and summary replies carry the whole long title too', () => {
    const context = renderContext(seed, 5);
    expect(context.embeds[0].title!.length).toBeLessThanOrEqual(100);
    expect(context.embeds[0].description!.startsWith(`*${seed.title}*`)).toBe(true);
    expect(limitProblems(context)).toEqual([]);
    const summary = renderSummary({ article: seed, sentences: ['Second sentence here.'], paragraphs: [2], words: 3 });
    expect(summary.embeds[0].description).toBe(`*${seed.title}*\n\nSecond sentence here.`);
  });
});

describe('singular and plural', () => {
  it('counts agree with their nouns', () => {
    expect(plural(1, 'article')).toBe('1 article');
    expect(plural(0, 'article')).toBe('0 articles');
    expect(plural(15, 'paragraph')).toBe('15 paragraphs');
  });

  it('/help says "1 article (15 paragraphs) is loaded" and "2 articles (1 paragraph) are loaded"', () => {
    const one = renderHelp({ articles: 1, paragraphs: 15, cooldown: { questions: 1, seconds: 1 } }).embeds[0].description!;
    expect(one).toContain('1 article (15 paragraphs) is loaded.');
    expect(one).toContain('You can ask 1 question every 1 second.');
    const two = renderHelp({ articles: 2, paragraphs: 1, cooldown: { questions: 5, seconds: 30 } }).embeds[0].description!;
    expect(two).toContain('2 articles (1 paragraph) are loaded.');
    expect(two).toContain('You can ask 5 questions every 30 seconds.');
  });

  it('the summary and context replies count in the singular when there is one', () => {
    const one = makeArticle('one', 'One paragraph only', null, ['Just this.']);
    const summary = renderSummary({ article: one, sentences: ['Just this.'], paragraphs: [1], words: 1 });
    expect(summary.embeds[0].fields!.find((f) => f.name === 'Length')!.value).toBe('1 sentence, 1 word, from 1 paragraph');
    expect(renderContext(one, 1).embeds[0].author!.name).toBe('Context: paragraph 1 of 1');
  });
});

describe('an article option that names no one article', () => {
  const library = new Library([
    makeArticle('storm', 'Storm hits the coast of *Pakistan*', '2023-01-02', ['Storm.']),
    makeArticle('kabul', 'Afghanistan assures Pakistan', '2022-12-03', ['Kabul.']),
  ]);

  it('says what matched when several do, and what to do', () => {
    const lookup = library.resolveArticle('pakistan');
    expect(lookup.ok).toBe(false);
    if (lookup.ok) return;
    expect(lookupProblem(lookup)).toBe(
      '“pakistan” matches several articles: “Storm hits the coast of \\*Pakistan\\*”, “Afghanistan assures Pakistan”. Pick one from the list as you type, or give more of its title.',
    );
  });

  it('points to /articles when nothing matches', () => {
    const lookup = library.resolveArticle('weather in @everyone');
    expect(lookup).toMatchObject({ ok: false, problem: 'unknown' });
    if (lookup.ok) return;
    expect(lookupProblem(lookup)).toBe('No loaded article matches “weather in @everyone”. See `/articles` for what is loaded.');
  });
});
