import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/articles/parse.ts';
import { questionFooter, renderAnswer, renderContext } from '../src/bot/commands/ask/view.ts';
import { limitProblems } from '../src/bot/limits.ts';
import type { MessagePayload } from '../src/bot/payload.ts';
import { Library } from '../src/library/library.ts';
import { MAX_QUESTION_LENGTH } from '../src/search/question.ts';
import { askText } from './helpers/ask.ts';
import { MENTIONS, seededRandom } from './helpers/random.ts';

const seed = parseArticle(readFileSync('seeds/000_bb9a71c91ac491ea.txt', 'utf8'), { id: 'seed', file: 'seeds/seed.txt' });
/** An article that is itself hostile: mentions, markdown, a huge paragraph. */
const hostile = parseArticle(
  [
    'date 2024-01-01 @everyone the <@&123456789012345678> role and <@98765432109876543> were pinged here.',
    '**Bold** _claims_ `code` ```fenced``` > quote ||spoiler|| [a link](https://evil.example) # heading',
    `${'A very long sentence about embassy security and the guard. '.repeat(300)}`,
    'x'.repeat(20_000),
  ].join('\n\n'),
  { id: 'hostile' },
);
const library = new Library([seed, hostile]);

const PIECES = [
  ...MENTIONS,
  '<#1>',
  'https://example.com/?q=1&x=<y>',
  '```js\nalert(1)\n```',
  '**',
  '__',
  '~~',
  '||',
  '> ',
  '# ',
  '- ',
  '[x](http://a)',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '🙂',
  '👨‍👩‍👧‍👦',
  '🇵🇰',
  'é',
  'ß',
  'İ',
  'Ωμέγα',
  'العربية',
  'עברית',
  '中文',
  '\t',
  '\n',
  '   ',
  "'; DROP TABLE articles; --",
  '.*+?^${}()|[]\\',
  '%s%d',
  '\\u0000',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'who',
  'is',
  'the',
  'guard',
  'embassy',
  'Kabul',
  'Peshawar',
  'securty',
  'gaurd',
  'muttaqi',
  'what',
  'did',
  'say',
  '?',
  '!',
  '.',
];

function generateQuestion(random: ReturnType<typeof seededRandom>): string {
  switch (random.int(8)) {
    case 0:
      return ' \t\n '.slice(0, random.int(5));
    case 1:
      return '🙂'.repeat(150); // 300 UTF-16 units of emoji
    case 2:
      return 'a'.repeat(MAX_QUESTION_LENGTH);
    case 3:
      return 'a'.repeat(MAX_QUESTION_LENGTH + 1 + random.int(50));
    default: {
      const n = 1 + random.int(12);
      return Array.from({ length: n }, () => random.pick(PIECES)).join(random.next() < 0.7 ? ' ' : '');
    }
  }
}

/** Every string the payload would show, so nothing that could ping hides anywhere. */
function texts(payload: MessagePayload): string[] {
  const out = [payload.content ?? ''];
  for (const e of payload.embeds) {
    out.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '');
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  return out;
}

/** A mention Discord would resolve: `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&id>`. */
const LIVE_MENTION = /@(everyone|here)|<@[!&]?\d+>/;

describe('hostile questions through the engine and the reply rendering (seeded)', () => {
  it('never throws, stays within Discord limits and never pings, for 1,500 questions', () => {
    const random = seededRandom(5150);
    let rejected = 0;
    let answered = 0;
    for (let i = 0; i < 1500; i++) {
      const raw = generateQuestion(random);
      const check = library.question(raw);
      if (!check.ok) {
        rejected++;
        expect(check.error.length).toBeGreaterThan(0);
        expect(check.error.length).toBeLessThan(200);
        continue;
      }
      expect(check.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
      const articleId = random.next() < 0.3 ? random.pick(['seed', 'hostile']) : undefined;
      const result = library.ask(check.question, { articleId, alternatives: 4 });
      if (result.kind === 'answer') answered++;
      for (let rank = 0; rank < 3; rank++) {
        const payload = renderAnswer(result, { question: check.question, rank, articleId });
        expect(limitProblems(payload), raw).toEqual([]);
        for (const text of texts(payload)) expect(text, raw).not.toMatch(LIVE_MENTION);
      }
      expect(questionFooter(check.question)).not.toMatch(LIVE_MENTION);
    }
    // The generator exercises both paths (junk words make the engine abstain by design).
    expect(rejected).toBeGreaterThan(100);
    expect(answered).toBeGreaterThan(50);
  }, 120_000);

  it('renders the hostile article itself safely, as an answer and as context', () => {
    const result = askText(library, 'who were pinged here', { articleId: 'hostile' });
    const payload = renderAnswer(result, { question: '@everyone who were pinged here' });
    expect(limitProblems(payload)).toEqual([]);
    for (const text of texts(payload)) expect(text).not.toMatch(LIVE_MENTION);
    for (const index of [1, 2, 3, 4]) {
      const context = renderContext(hostile, index);
      expect(limitProblems(context)).toEqual([]);
      for (const text of texts(context)) expect(text).not.toMatch(LIVE_MENTION);
    }
  });
});
