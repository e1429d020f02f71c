import { describe, expect, it } from 'vitest';
import type { AnswerResult } from '../src/types.ts';
import { LIMITS, embedSize, limitProblems } from '../src/bot/limits.ts';
import { fitSafe, isPlain, neutraliseMentions, renderPassage, safeText } from '../src/bot/safe-text.ts';
import { notice } from '../src/bot/payload.ts';
import { questionFromEmbeds, questionFooter, renderAnswer, renderContext } from '../src/bot/commands/ask/view.ts';
import { parseAskButton } from '../src/bot/commands/ask/buttons.ts';
import { renderArticleList } from '../src/bot/commands/articles/view.ts';
import { parseArticlesButton } from '../src/bot/commands/articles/buttons.ts';
import { renderHelp } from '../src/bot/commands/help/view.ts';
import { renderSummary } from '../src/bot/commands/summary/view.ts';
import { makeArticle, makeMatch } from './helpers/bot-fixtures.ts';
import { MENTIONS, seededRandom } from './helpers/random.ts';

/** Any text Discord would turn into a ping, were mentions parsed. */
const PING = /@(everyone|here)|<@[!&]?\d+>/;

function sentence(i: number, words = 12): string {
  return `Sentence number ${i} ${'talks about the harbour bridge and its cost '.repeat(Math.ceil(words / 8)).trim()}.`;
}

function allText(payload: unknown): string {
  return JSON.stringify(payload);
}

describe('text safety', () => {
  it('neutralises every kind of mention', () => {
    const out = safeText('Hi @everyone and @here, <@123>, <@!456> and <@&789>');
    expect(out).not.toMatch(PING);
    expect(out).toContain('everyone');
    expect(out).toContain('789');
  });

  it('escapes markdown so article text cannot break the embed', () => {
    const out = safeText('**bold** __under__ *it* ~~gone~~ ||spoiler|| `code` ```block```\n# Heading\n- item\n1. one [link](https://x.y) \\');
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).toContain('\\_\\_under\\_\\_');
    expect(out).toContain('\\~\\~gone\\~\\~');
    expect(out).toContain('\\|\\|spoiler\\|\\|');
    expect(out).toContain('\\`code\\`');
    expect(out).toContain('\\# Heading');
    expect(out).toContain('\\[link](');
    expect(out.endsWith('\\\\')).toBe(true);
  });

  it('cuts at a word boundary with an ellipsis, never splitting an emoji', () => {
    const out = fitSafe('😀'.repeat(100), 51);
    expect(out.length).toBeLessThanOrEqual(51);
    expect(out.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(out)).toBe(false);
    const words = fitSafe('alpha beta gamma delta epsilon zeta eta theta', 20);
    expect(words).toBe('alpha beta gamma…');
  });
});

describe('plain text (nothing to escape)', () => {
  it('is told apart from text that any escaping rule acts on, on any line', () => {
    expect(isPlain('The mayor said on Monday that 3 people were hurt - and 12.5 % more.')).toBe(true);
    expect(isPlain('Line one\nline two, no markup')).toBe(true);
    for (const marked of [
      'a *b*',
      'a_b',
      'a~~b',
      'a||b',
      'a `b`',
      'a\\b',
      '# heading',
      'x [a](b)',
      'mail @here',
      '- item',
      '  12. item',
      'ok\n- item',
      'ok\r3. item',
      'ok\u2028- item',
      'ok\u2029 7. item',
    ]) {
      expect(isPlain(marked), marked).toBe(false);
    }
  });

  it('is shown as it is, and escaped text is not: a list marker on a later line is escaped too', () => {
    const plain = 'Nothing here needs escaping, not even 42. or a-b.';
    expect(safeText(plain)).toBe(plain);
    expect(safeText('First line\n- not a list\r2. nor this')).toBe('First line\n\\- not a list\r2\\. nor this');
  });

  it('is cut exactly as text with markup past the cut would be (the escaping path)', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const words = ['a', 'the', 'harbour', 'bridge', 'cost', 'x'.repeat(70), 'supercalifragilistic', '😀😀', '\u00a0', 'it.', '1999'];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 5 + rand(60) }, () => words[rand(words.length)]).join(rand(4) ? ' ' : '  ');
      const max = 2 + rand(120);
      if (text.length <= max + 1 || !isPlain(text)) continue;
      const marked = `${text.slice(0, max)}_${text.slice(max + 1)}`;
      const cut = fitSafe(text, max);
      expect(cut, `${max} ${text}`).toBe(fitSafe(marked, max));
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith('…')).toBe(true);
    }
  });
});

describe('renderPassage', () => {
  it('bolds the answering sentence', () => {
    const passage = 'First sentence here. The answer is 42. Last one.';
    expect(renderPassage(passage, 'The answer is 42.')).toBe('First sentence here. **The answer is 42.** Last one.');
  });

  it('cuts a very long passage at sentence boundaries around the answer, with ellipses', () => {
    const sentences = Array.from({ length: 400 }, (_, i) => sentence(i));
    const answer = 'The bridge will cost 420 million dollars.';
    const passage = [...sentences.slice(0, 200), answer, ...sentences.slice(200)].join(' ');
    expect(passage.length).toBeGreaterThan(20_000);
    const out = renderPassage(passage, answer, LIMITS.description);
    expect(out.length).toBeLessThanOrEqual(LIMITS.description);
    expect(out).toContain(`**${answer}**`);
    expect(out.startsWith('… Sentence number')).toBe(true);
    expect(out.endsWith('. …')).toBe(true);
    // Context on both sides of the answer, whole sentences only.
    expect(out).toMatch(/Sentence number 199 .*\*\*The bridge/);
    expect(out).toMatch(/dollars\.\*\* Sentence number 200 /);
  });

  it('cuts a single enormous answering sentence and keeps it bold', () => {
    const answer = `${'word '.repeat(3000)}end.`;
    const out = renderPassage(`Intro. ${answer} Outro.`, answer, LIMITS.description);
    expect(out.length).toBeLessThanOrEqual(LIMITS.description);
    expect(out).toMatch(/\*\*word word .*…\*\*/);
  });

  it('falls back to whole sentences when the sentence is not found', () => {
    const passage = Array.from({ length: 500 }, (_, i) => sentence(i)).join(' ');
    const out = renderPassage(passage, 'not in there', 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out.endsWith('. …')).toBe(true);
  });

  it('escapes markdown in the passage without breaking the bold', () => {
    const out = renderPassage('Prices **rose** sharply. Costs hit *3* times @everyone.', 'Costs hit *3* times @everyone.');
    expect(out).toBe('Prices \\*\\*rose\\*\\* sharply. **Costs hit \\*3\\* times @\u200beveryone.**');
  });
});

describe('renderAnswer', () => {
  const long = makeArticle(
    'x'.repeat(300),
    `A ${'very '.repeat(200)}long title with @everyone`,
    '2024-01-01',
    [Array.from({ length: 300 }, (_, i) => sentence(i)).join(' '), 'Short paragraph two.', 'Short paragraph three with <@&1>.'],
    { source: `Publisher ${'name '.repeat(500)}`, url: 'https://example.com/a' },
  );
  long.paragraphs[0].section = `Section ${'heading '.repeat(100)}`;

  it('stays within every limit with a very long passage, title, source and question', () => {
    const best = makeMatch(long, 1, sentence(150), 0.91);
    const result: AnswerResult = { kind: 'answer', best, alternatives: [makeMatch(long, 2), makeMatch(long, 3)] };
    const question = `@everyone ${'why '.repeat(70)}`.slice(0, 300);
    const payload = renderAnswer(result, { question });
    expect(limitProblems(payload)).toEqual([]);
    const embed = payload.embeds[0];
    expect(embedSize(embed)).toBeLessThanOrEqual(LIMITS.total);
    expect(embed.description).toContain(`**${sentence(150)}**`);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.url).toBe('https://example.com/a');
    expect(embed.fields!.map((f) => f.name)).toEqual(['Source', 'Date', 'Paragraph', 'Confidence', 'Other matches']);
    expect(embed.fields![2].value).toMatch(/^Paragraph 1 of 3/);
    expect(embed.fields![3].value).toBe('91%');
    expect(allText(payload)).not.toMatch(PING);
    // The question survives the round trip through the footer.
    expect(questionFromEmbeds(payload.embeds)).toBe(question.trim().replace(/\s+/g, ' '));
    for (const c of payload.components[0].components) {
      const id = (c as { custom_id: string }).custom_id;
      expect(id.length).toBeLessThanOrEqual(100);
      expect(parseAskButton(id).ok).toBe(true);
    }
  });

  it('stays within the limits with many alternatives', () => {
    const articles = Array.from({ length: 60 }, (_, i) => makeArticle(`a${i}`, `Title ${i} ${'x'.repeat(200)}`, '2024-01-01', [sentence(i, 400)]));
    const [first, ...rest] = articles.map((a) => makeMatch(a, 1, undefined, 0.5));
    const payload = renderAnswer({ kind: 'answer', best: first, alternatives: rest }, { question: 'what?' });
    expect(limitProblems(payload)).toEqual([]);
    const others = payload.embeds[0].fields!.find((f) => f.name === 'Other matches')!;
    expect(others.value).toMatch(/… and \d+ more$/);
    expect(payload.components[0].components[0]).toMatchObject({ label: 'Next match', disabled: false });
    expect(payload.embeds[0].author!.name).toBe('Best match (1 of 60)');
  });

  it('shows the match at the given rank and wraps the Next button', () => {
    const a = makeArticle('a', 'A', null, ['One.', 'Two.', 'Three.']);
    const result: AnswerResult = { kind: 'answer', best: makeMatch(a, 1), alternatives: [makeMatch(a, 2), makeMatch(a, 3)] };
    const last = renderAnswer(result, { question: 'q', rank: 2 });
    expect(last.embeds[0].description).toBe('**Three.**');
    expect(last.embeds[0].author!.name).toBe('Other match (3 of 3)');
    expect(last.embeds[0].fields![1].value).toBe('Undated');
    const next = parseAskButton((last.components[0].components[0] as { custom_id: string }).custom_id);
    expect(next).toMatchObject({ ok: true, action: { kind: 'next', rank: 0 } });
  });

  it('says plainly when nothing answers and labels the closest passage', () => {
    const a = makeArticle('a', 'A', '2020-02-02', ['Unrelated text about ferries.']);
    const payload = renderAnswer({ kind: 'none', closest: makeMatch(a, 1, undefined, 0.1), alternatives: [], reason: 'No passage answers this.' }, { question: 'who won?' });
    expect(payload.content).toMatch(/could not find a passage/);
    expect(payload.content).toContain('/articles');
    expect(payload.embeds[0].author!.name).toMatch(/low confidence/);
    expect(payload.components[0].components[0]).toMatchObject({ disabled: true });
    expect(limitProblems(payload)).toEqual([]);
  });

  it('handles no answer without any passage', () => {
    const payload = renderAnswer({ kind: 'none', alternatives: [], reason: 'The library is empty.' }, { question: 'q' });
    expect(payload.embeds).toEqual([]);
    expect(payload.components).toEqual([]);
    expect(payload.content).toContain('/articles');
  });
});

describe('other replies', () => {
  it('summary within limits, escaped', () => {
    const a = makeArticle('s', 'Summary **title** @here', '2024-03-03', [Array.from({ length: 100 }, (_, i) => sentence(i, 100)).join(' ')]);
    const sentences = Array.from({ length: 8 }, (_, i) => sentence(i, 100));
    const payload = renderSummary({ article: a, sentences, paragraphs: sentences.map(() => 1), words: 800 });
    expect(limitProblems(payload)).toEqual([]);
    expect(payload.embeds[0].title).toBe('Summary \\*\\*title\\*\\* @\u200bhere');
    expect(payload.embeds[0].fields!.map((f) => f.name)).toEqual(['Source', 'Date', 'Length']);
  });

  it('article list pages by 10 with buttons, newest first as given', () => {
    const articles = Array.from({ length: 23 }, (_, i) => makeArticle(`id-${i}`, `Title ${i} ${'long '.repeat(80)}`, `2024-01-${String(23 - i).padStart(2, '0')}`, ['p.', 'q.']));
    const first = renderArticleList(articles, 0, { problems: 2 });
    expect(limitProblems(first)).toEqual([]);
    expect(first.embeds[0].description).toMatch(/^\*\*1\. Title 0/);
    expect(first.embeds[0].description).toContain('2024-01-23 · 2 paragraphs · id id-0');
    expect(first.embeds[0].footer!.text).toBe('Page 1 of 3 · 2 files could not be read');
    const [prev, next] = first.components[0].components as { custom_id: string; disabled?: boolean }[];
    expect(prev.disabled).toBe(true);
    expect(parseArticlesButton(next.custom_id)).toMatchObject({ ok: true, action: { direction: 'next', page: 1 } });
    const last = renderArticleList(articles, 99);
    expect(last.embeds[0].footer!.text).toBe('Page 3 of 3');
    expect(last.embeds[0].description).toMatch(/^\*\*21\. /);
    expect(renderArticleList(articles.slice(0, 10), 0).components).toEqual([]);
    expect(renderArticleList([], 0).content).toMatch(/No articles/);
  });

  it('context shows the neighbours within the limits', () => {
    const a = makeArticle(
      'c',
      'C',
      null,
      Array.from({ length: 5 }, (_, p) => Array.from({ length: 80 }, (_, i) => sentence(p * 100 + i)).join(' ')),
    );
    const payload = renderContext(a, 3);
    expect(limitProblems(payload)).toEqual([]);
    const d = payload.embeds[0].description!;
    expect(d).toContain('**¶2**');
    expect(d).toContain('**▶ ¶3**');
    expect(d).toContain('**¶4**');
    expect(d).not.toContain('¶5');
    expect(renderContext(a, 99).content).toMatch(/no longer/);
  });

  it('help and notices', () => {
    expect(limitProblems(renderHelp({ articles: 3, paragraphs: 40, cooldown: { questions: 5, seconds: 30 } }))).toEqual([]);
    const n = notice(`@everyone ${'x'.repeat(5000)}`);
    expect(n.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(n.content).not.toMatch(PING);
  });

  it('question footer is mention-safe and reversible', () => {
    const q = 'Did <@&1> tell @everyone?';
    const footer = questionFooter(q);
    expect(footer).not.toMatch(PING);
    expect(questionFromEmbeds([{ footer: { text: footer } }])).toBe(q);
    expect(questionFromEmbeds([{ footer: { text: 'something else' } }])).toBeUndefined();
    expect(neutraliseMentions('a@b')).toBe('a@\u200bb');
  });
});

describe('hostile text (seeded fuzz)', () => {
  const PIECES = [
    ...MENTIONS,
    '**',
    '*',
    '__',
    '_',
    '~~',
    '||',
    '`',
    '```',
    '\\',
    '# ',
    '- ',
    '1. ',
    '[x](https://evil.example)',
    'https://a.b/c_d*e',
    '😀',
    '👩‍👩‍👧',
    '\u200b',
    '\u202e',
    '\u0301',
    'DROP TABLE;',
    '.*+?^${}()|[]',
    '\n',
    '. ',
    '! ',
    'word',
    'Answer',
  ];
  function text(next: () => number, maxPieces: number): string {
    let out = '';
    const n = Math.floor(next() * maxPieces);
    for (let i = 0; i < n; i++) out += next() < 0.2 ? ' ' : PIECES[Math.floor(next() * PIECES.length)];
    if (next() < 0.05) out += 'x'.repeat(Math.floor(next() * 9000));
    return out;
  }

  it('400 generated questions and passages render within the limits and cannot ping', { timeout: 120_000 }, () => {
    const { next } = seededRandom(20261126);
    for (let i = 0; i < 400; i++) {
      const passage = text(next, 400) || 'empty';
      const words = passage.split(/(?<=[.!?])\s+/);
      const sentence = words[Math.floor(next() * words.length)] ?? passage;
      const article = makeArticle(text(next, 6) || 'id', text(next, 60), next() < 0.5 ? '2024-01-01' : null, [passage, text(next, 50) || 'p2'], {
        source: text(next, 30),
        url: next() < 0.3 ? text(next, 5) : undefined,
      });
      const best = { ...makeMatch(article, 1), sentence, confidence: next() * 1.2 - 0.1 };
      const result: AnswerResult =
        next() < 0.7 ? { kind: 'answer', best, alternatives: [makeMatch(article, 2)] } : { kind: 'none', closest: best, alternatives: [], reason: text(next, 20) || 'none' };
      const question = text(next, 80).slice(0, 300);
      for (const payload of [
        renderAnswer(result, { question, rank: Math.floor(next() * 3), articleId: article.id }),
        renderContext(article, 1),
        renderSummary({ article, sentences: [sentence], paragraphs: [1], words: 1 }),
        renderArticleList([article], 0),
        notice(question),
      ]) {
        expect(limitProblems(payload)).toEqual([]);
        const visible = JSON.stringify({ c: payload.content, e: payload.embeds });
        expect(visible).not.toMatch(PING);
      }
    }
  });
});
