/**
 * Small talk: a message that is only a greeting, thanks, a farewell or an acknowledgement ("thanks!",
 * "good morning bot", "how are you today?"). It asks nothing of the news, but its one content word
 * can match an article ("thanks" shares its stem with "thanked"), so it is answered before it is
 * searched: with a short reply, not with a passage.
 */

export type SmallTalk = 'thanks' | 'greeting' | 'farewell' | 'chat';

/** The phrases, by kind, as lowercase words (apostrophes dropped: "what's" is "whats"). */
const PHRASES: Record<SmallTalk, readonly string[]> = {
  thanks: ['thanks', 'thank you', 'thank u', 'thanx', 'thx', 'ty', 'tysm', 'cheers', 'much appreciated', 'appreciate it', 'many thanks'],
  greeting: [
    'hi',
    'hello',
    'hey',
    'heya',
    'hiya',
    'howdy',
    'yo',
    'greetings',
    'good morning',
    'good afternoon',
    'good evening',
    'good day',
    'morning',
    'gm',
    'sup',
    'whats up',
    'wassup',
  ],
  farewell: ['bye', 'goodbye', 'good night', 'gn', 'see you', 'see ya', 'cya', 'later', 'take care'],
  chat: [
    'ok',
    'okay',
    'k',
    'kk',
    'cool',
    'nice',
    'great',
    'awesome',
    'perfect',
    'got it',
    'lol',
    'haha',
    'wow',
    'yes',
    'no',
    'yep',
    'nope',
    'sure',
    'how are you',
    'how are you doing',
    'how r u',
    'hows it going',
    'how is it going',
    'how are things',
  ],
};

/** Words that may pad small talk without making it a question ("thanks so much", "hello everyone"). */
const PADDING = new Set([
  'so',
  'very',
  'much',
  'a',
  'lot',
  'again',
  'all',
  'everyone',
  'everybody',
  'guys',
  'folks',
  'there',
  'mate',
  'bot',
  'newsdesk',
  'today',
  'for',
  'the',
  'help',
  'oh',
  'and',
  'then',
  'you',
  'too',
]);

/** Each phrase's words, longest phrases first (so that "thank you" is tried before "thanks"). */
const BY_LENGTH = Object.entries(PHRASES)
  .flatMap(([kind, phrases]) => phrases.map((p) => ({ kind: kind as SmallTalk, words: p.split(' ') })))
  .sort((a, b) => b.words.length - a.words.length);

/**
 * The kind of small talk `message` is, or null when it is (or may be) a question: every word must
 * belong to a phrase above or be padding, and at least one phrase must be there. The first
 * phrase names the kind, unless thanks come later.
 */
export function smallTalk(message: string): SmallTalk | null {
  const words = message
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let kind: SmallTalk | null = null;
  let i = 0;
  while (i < words.length) {
    const phrase = BY_LENGTH.find((p) => p.words.every((w, k) => words[i + k] === w));
    if (phrase) {
      if (kind === null || phrase.kind === 'thanks') kind = phrase.kind; // "ok, thanks" is thanks
      i += phrase.words.length;
    } else if (PADDING.has(words[i])) {
      i++;
    } else {
      return null;
    }
  }
  return kind;
}

/** What the bot says to small talk, before it says how to ask. */
export const SMALL_TALK_REPLY: Record<SmallTalk, string> = {
  thanks: 'You’re welcome!',
  greeting: 'Hello! I answer questions about the news in my articles.',
  farewell: 'Bye for now!',
  chat: 'I only answer questions about the news in my articles.',
};
