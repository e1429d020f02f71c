import { describe, expect, it } from 'vitest';
import { questionText } from '../src/bot/question-text.ts';

describe('questionText', () => {
  it.each([
    ['<@123456789012345678> who was injured?', 'who was injured?'],
    ['<@!42> <@&7> <#99> who was injured', 'who was injured'],
    ['@everyone who was injured @here', 'who was injured'],
    ['who was injured? https://example.com/a?b=1 <https://x.y/z>', 'who was injured?'],
    ['**who** was __injured__ ~~today~~ ||really|| `now`', 'who was injured today really now'],
    ['> who was injured <:thinking:123> <a:wave:456>', 'who was injured'],
    ['what happened <t:1700000000:R>? see </ask:1>', 'what happened ? see'],
    ['Who condemned the attack?', 'Who condemned the attack?'],
  ])('%j asks %j', (raw, searched) => {
    expect(questionText(raw)).toBe(searched);
  });

  it('keeps what is not markup: an e-mail-like @, a lone < or a snake_case word', () => {
    expect(questionText('is a@b.com <3 the_guard')).toBe('is a@b.com <3 the_guard');
  });

  it('leaves nothing of markup alone', () => {
    expect(questionText('<@1> @everyone https://a.b')).toBe('');
  });
});
