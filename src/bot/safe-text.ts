import { escapeMarkdown } from 'discord.js';
import { splitSentences } from '../text/sentences.ts';
import { LIMITS } from './limits.ts';

/**
 * Discord-safe text: everything taken from articles or users is escaped (markdown) and
 * neutralised (mentions) here, and fitted to a limit (at word or sentence boundaries, with an
 * ellipsis), so nothing the bot sends can break an embed or ping anyone, even if
 * `allowedMentions` were lost on the way. Linear in the text's length, however hostile.
 */

export const ELLIPSIS = '…';
const ZWSP = '\u200b';

/** Makes `@everyone`, `@here`, `<@id>`, `<@&id>` inert: a zero-width space after every `@`. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@/g, `@${ZWSP}`);
}

/** Undoes `neutraliseMentions` (used to read a question back from a message). */
export function restoreMentions(text: string): string {
  return text.split(`@${ZWSP}`).join('@');
}

const INLINE_MARKUP = /[\\*_~|`]/;
const CHUNK = 64;
const SEGMENT = 96;

/** discord.js `escapeMarkdown`'s inline rules for a short piece, or a long token in bounded pieces. */
function escapeToken(token: string): string {
  if (!INLINE_MARKUP.test(token)) return token;
  if (token.length <= CHUNK) return escapeMarkdown(token);
  let out = '';
  for (let i = 0; i < token.length; i += CHUNK) out += escapeMarkdown(token.slice(i, i + CHUNK));
  return out;
}

/** Text cut at whitespace into runs of at most SEGMENT characters (a longer token is a run of its own). */
function segments(raw: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const token of raw.split(/(\s+)/)) {
    if (current.length + token.length > SEGMENT && current) {
      out.push(current);
      current = '';
    }
    current += token;
  }
  if (current) out.push(current);
  return out;
}

/** The inline rules over the whole text, a bounded segment at a time (linear overall). */
function escapeInline(raw: string): string {
  return segments(raw).map(escapeSegment).join('');
}

/** A segment whole when short; only a single overlong token is longer, and goes in pieces. */
function escapeSegment(segment: string): string {
  if (!INLINE_MARKUP.test(segment)) return segment;
  return segment.length <= SEGMENT ? escapeMarkdown(segment) : escapeToken(segment);
}

/** discord.js `escapeMarkdown`'s line rules (headings, lists, masked links), linear. */
function escapeLines(text: string): string {
  return escapeMarkdown(text, {
    codeBlock: false,
    inlineCode: false,
    bold: false,
    italic: false,
    underline: false,
    strikethrough: false,
    spoiler: false,
    escape: false,
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
}

/**
 * discord.js `escapeMarkdown`, applied so that it stays linear: its italic rule has an unbounded
 * lookbehind and takes seconds on a 40,000-character paragraph. Inline markup (`* _ ~ | \` \\`)
 * is escaped in runs of at most 96 characters cut at whitespace (so a URL or custom emoji, which
 * those lookbehinds look for, stays whole; runs without markup are left alone; a single longer
 * token goes in 64-character pieces), then the line rules (headings, lists, masked links) run once.
 */
export function escapeArticleMarkdown(raw: string): string {
  return escapeLines(escapeInline(raw));
}

/** A character some escaping rule acts on: inline markup, `#` (headings), `[` (masked links), `@` (mentions). */
const MARKUP_CHAR = /[\\*_~|`#[@]/;
/** A line that starts like a list item (`- `, `1.`), which the line rules escape: the first line, or one after a line break. */
const LIST_FIRST_LINE = /^ *(?:-|\d+\.)/;
const LIST_NEXT_LINE = /[\n\r\u2028\u2029] *(?:-|\d+\.)/;

/**
 * True when `safeText` leaves the text as it is: none of the characters the rules act on, and no
 * line starting like a list item. Most article text is like this, and the check is one pass of
 * two regular expressions instead of the rules' dozen.
 */
export function isPlain(text: string): boolean {
  return !MARKUP_CHAR.test(text) && !LIST_FIRST_LINE.test(text) && !LIST_NEXT_LINE.test(text);
}

/** Article or user text → markdown-safe, mention-safe text. Newlines are kept. */
export function safeText(raw: string): string {
  return isPlain(raw) ? raw : neutraliseMentions(escapeArticleMarkdown(raw));
}

/** Drops trailing whitespace and a dangling high surrogate (never split an emoji in half). */
function trimCut(text: string): string {
  let t = text.replace(/\s+$/, '');
  if (/[\uD800-\uDBFF]$/.test(t)) t = t.slice(0, -1);
  return t;
}

/** Cuts raw text so that `render(cut + '…')` fits in `max` (binary search; for cheap renderings). */
function cutToFit(whole: string, max: number, render: (text: string) => string): string {
  // Rendering never shortens text, so only the first max + 1 characters can matter.
  const raw = whole.length > max + 1 ? whole.slice(0, max + 1) : whole;
  if (raw === whole && render(raw).length <= max) return raw;
  let lo = 0;
  let hi = raw.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(trimCut(raw.slice(0, mid)) + ELLIPSIS).length <= max) lo = mid;
    else hi = mid - 1;
  }
  let cut = raw.slice(0, lo);
  const space = cut.search(/\s\S*$/);
  if (space > lo * 0.6) cut = cut.slice(0, space); // prefer a word boundary when it costs little
  cut = trimCut(cut);
  const out = cut + ELLIPSIS;
  return render(out).length <= max ? out : ELLIPSIS;
}

/** The longest prefix of a token whose safe rendering fits in `room` (piece by piece, as escapeToken splits it). */
function cutToken(token: string, room: number): string {
  const render = (t: string) => neutraliseMentions(escapeToken(t));
  let out = '';
  let used = 0;
  for (let i = 0; i < token.length; i += CHUNK) {
    const piece = token.slice(i, i + CHUNK);
    const size = render(piece).length;
    if (used + size <= room) {
      out += piece;
      used += size;
      continue;
    }
    let lo = 0;
    let hi = piece.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (used + render(piece.slice(0, mid)).length <= room) lo = mid;
      else hi = mid - 1;
    }
    return out + piece.slice(0, lo);
  }
  return out;
}

/**
 * Raw text → safe text of at most `max` characters, cut at a word boundary (or inside an overlong
 * word) with an ellipsis. Linear: tokens are escaped once each and accumulated.
 */
export function fitSafe(whole: string, max: number): string {
  if (whole.length <= max) {
    const full = safeText(whole);
    if (full.length <= max) return full;
  }
  const raw = whole.slice(0, max + 1); // escaping never shortens
  const budget = max - ELLIPSIS.length;
  if (budget > 0 && isPlain(raw)) return fitPlainText(raw, budget);
  const kept: string[] = [];
  let length = 0;
  // Whole segments while they fit, then token by token within the one that does not.
  let tokens: string[] = [];
  for (const segment of segments(raw)) {
    const e = neutraliseMentions(escapeSegment(segment));
    if (length + e.length > budget) {
      tokens = segment.split(/(\s+)/);
      break;
    }
    kept.push(segment);
    length += e.length;
  }
  let i = 0;
  for (; i < tokens.length; i++) {
    const e = neutraliseMentions(escapeToken(tokens[i]));
    if (length + e.length > budget) break;
    kept.push(tokens[i]);
    length += e.length;
  }
  // An overlong token (or a first word that does not fit): cut inside it when a word boundary would waste too much.
  const next = tokens[i];
  if (next !== undefined && length < budget * 0.6) kept.push(cutToken(next, budget - length));
  // The line rules may add a backslash at a line start: drop tokens until it all fits.
  for (;;) {
    const text = trimCut(kept.join(''));
    const out = text ? safeText(text) + ELLIPSIS : ELLIPSIS;
    if (out.length <= max || !text) return out.length <= max ? out : '';
    kept.pop();
  }
}

const SPACE = /\s/;

/**
 * `fitSafe` for text that `isPlain` (its own rendering), `budget` being the room left for it
 * beside the ellipsis: what the general case keeps, without splitting the text. That is the
 * longest run of whole words and spaces that fits, or everything that fits when stopping at a
 * word would waste 40 % of the room.
 */
function fitPlainText(raw: string, budget: number): string {
  let end = budget; // the last word boundary at or before the budget
  while (end > 0 && SPACE.test(raw[end - 1]) === SPACE.test(raw[end])) end--;
  const text = trimCut(raw.slice(0, end < budget * 0.6 ? budget : end));
  return text + ELLIPSIS;
}

/** White space that `fitPlain` changes: a run of two, any but a plain space, or at either end. */
const UNFLAT = /\s\s|[^\S ]|^\s|\s$/;

/** Plain text (no escaping: footers, labels, choice names) of at most `max` characters. */
export function fitPlain(raw: string, max: number): string {
  if (raw.length <= max && !UNFLAT.test(raw)) return raw; // most labels and footers: nothing to do
  const flat = raw.replace(/\s+/g, ' ').trim();
  return cutToFit(flat, max, (t) => t);
}

/**
 * Text cut at sentence boundaries to fit `max` after escaping: whole sentences from the start,
 * then an ellipsis; a single over-long first sentence is cut at a word boundary.
 */
export function fitSentences(whole: string, max: number): string {
  if (whole.length <= max) {
    const full = safeText(whole);
    if (full.length <= max) return full;
  }
  // Escaping never shortens text: a sentence beyond the first max characters cannot fit, and the
  // partial one at the cut is never kept (it would need everything before it to fit as well).
  const raw = whole.slice(0, max + 1);
  const sentences = splitSentences(raw);
  let out = '';
  for (const s of sentences) {
    const next = out ? `${out} ${safeText(s)}` : safeText(s);
    if (next.length + 2 > max) break;
    out = next;
  }
  if (out) return `${out} ${ELLIPSIS}`;
  return fitSafe(sentences[0] ?? raw, max);
}

/**
 * The passage with its answering sentence in bold, within `max` characters. When it is too long,
 * whole sentences around the answering one are kept (after it first, then before it) and the cuts
 * are marked with an ellipsis; an answering sentence longer than `max` is itself cut.
 */
export function renderPassage(passage: string, sentence: string, max: number = LIMITS.description): string {
  const answer = sentence.trim();
  const at = answer ? passage.indexOf(answer) : -1;
  if (at < 0) return fitSentences(passage, max);

  const bold = (raw: string) => `**${safeText(raw)}**`;
  if (passage.length + 4 <= max) {
    const whole = `${safeText(passage.slice(0, at))}${bold(answer)}${safeText(passage.slice(at + answer.length))}`;
    if (whole.length <= max) return whole;
  }
  // Only text within `max` characters of the answer can be shown (escaping never shortens), and
  // the partial sentence at such a cut is never kept: this bounds the work on huge paragraphs.
  const before = passage.slice(Math.max(0, at - max), at);
  const after = passage.slice(at + answer.length, at + answer.length + max);

  const pre = splitSentences(before).map(safeText);
  const post = splitSentences(after).map(safeText);
  // The answering sentence alone, cut if needed (room left for ellipses on both sides).
  const core = bold(answer).length + 4 <= max ? bold(answer) : `**${fitSafe(answer, max - 8)}**`;
  const kept = { pre: [] as string[], post: [] as string[] };
  // Joined length of pre + core + post (one space between parts), plus room for the ellipses.
  let joined = core.length;
  const size = (extra: number, preCount: number, postCount: number) => joined + extra + (preCount < pre.length ? 2 : 0) + (postCount < post.length ? 2 : 0);
  let i = 0; // next post sentence to add
  let j = pre.length - 1; // next pre sentence to add
  while (i < post.length || j >= 0) {
    if (i < post.length) {
      const add = post[i].length + 1;
      if (size(add, kept.pre.length, kept.post.length + 1) <= max) {
        kept.post.push(post[i]);
        joined += add;
        i++;
      } else i = post.length; // stop growing this side
    }
    if (j >= 0) {
      const add = pre[j].length + 1;
      if (size(add, kept.pre.length + 1, kept.post.length) <= max) {
        kept.pre.push(pre[j]);
        joined += add;
        j--;
      } else j = -1;
    }
  }
  kept.pre.reverse();
  let text = [...kept.pre, core, ...kept.post].join(' ');
  if (kept.pre.length < pre.length) text = `${ELLIPSIS} ${text}`;
  if (kept.post.length < post.length) text = `${text} ${ELLIPSIS}`;
  return text;
}
