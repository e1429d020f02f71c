import { describe, expect, it } from 'vitest';
import { smallTalk } from '../src/search/small-talk.ts';

describe('smallTalk', () => {
  it.each([
    ['thanks!', 'thanks'],
    ['Thank you so much 🙏', 'thanks'],
    ['cheers mate', 'thanks'],
    ['hello', 'greeting'],
    ['Good morning, bot!', 'greeting'],
    ['hey everyone', 'greeting'],
    ["what's up?", 'greeting'],
    ['good night all', 'farewell'],
    ['ok cool, thanks', 'thanks'],
    ['ok cool', 'chat'],
    ['How are you today?', 'chat'],
    ["how's it going", 'chat'],
  ] as const)('%s is small talk (%s)', (message, kind) => {
    expect(smallTalk(message)).toBe(kind);
  });

  it.each([
    'Who did the foreign minister thank?',
    'thanks for the update on Kabul',
    'hello, who was injured?',
    'good morning america',
    'What happened today?',
    'morning prayers in Kabul',
    'yes or no: is the embassy closed?',
    'thanks 2023',
    'спасибо',
    'so',
    '',
  ])('%j is not small talk', (message) => {
    expect(smallTalk(message)).toBeNull();
  });
});
