/**
 * Sentence boundaries, two ways over the same rules and the same abbreviation list
 * (src/text/abbreviations.ts):
 *
 * - `splitSentences`, the display splitter: the sentences a reader sees (the answer's sentence,
 *   the summary's sentences), with all the rules below.
 * - `gapEndsSentence` + `isIndexAbbreviation`, the index's break test: run on every gap between
 *   two words while the index is tokenised (src/search/corpus.ts), so it decides from what the
 *   tokeniser already knows, without slicing strings. It applies the shared core rules only: a
 *   blank line ends a sentence; . ! or ? followed by white space ends one when the next word
 *   starts with a capital letter or a digit, unless the period follows an initial or one of the
 *   index's abbreviations. It does not know the display splitter's refinements: the ellipsis
 *   (…), weak abbreviations and dotted acronyms decided by the next word, "No." before a number,
 *   the initial-versus-"vitamin C." test, and caption boundaries without punctuation. Its
 *   sentences are what the ranking features count in (the best sentence's BM25 and coverage), so
 *   making it the display splitter would change the index, the features and every fitted weight;
 *   the displayed sentence is always chosen among `splitSentences`'s sentences.
 *
 * The display splitter, in one left-to-right pass (linear time):
 *
 * A boundary is put after end punctuation (. ! ? … or ...), with any closing quotes or brackets
 * that follow it, when the next word starts a sentence (a capital letter or digit, maybe behind an
 * opening quote or bracket); except after abbreviations (Mr. Dr. St. Jan. e.g. …), initials
 * (J. K. Rowling) and "No. 5". Dotted acronyms and words like Inc. or Jr. end a sentence only when
 * a common sentence opener follows ("… in the U.S. The company …").
 *
 * Photo captions in the CNN/Daily Mail data are glued to the next sentence without punctuation
 * ("… in charge of the club He has impressed …", "… on Friday ‘I’d be over the moon …"). A boundary
 * is also put between a word ending without punctuation and a capitalised sentence opener that
 * cannot continue a sentence there (a pronoun like He/She/They, or The/A/But/… after a lowercase
 * word that is not a preposition, article or verb of saying).
 *
 * A blank line always ends a sentence. Sentences are trimmed slices of the input: joined with
 * spaces they give back the input's words in order.
 */
import { ABBREVIATIONS, type AbbreviationKind } from './abbreviations.ts';

/** How the display splitter reads a period after each short form of the shared list. */
const ABBREVIATION_KIND: ReadonlyMap<string, AbbreviationKind> = new Map(ABBREVIATIONS.filter((a) => a.readBy !== 'index').map((a) => [a.word, a.kind]));
/** The index's break test: short forms after which a period never ends a sentence. */
const INDEX_ABBREVIATIONS: ReadonlySet<string> = new Set(ABBREVIATIONS.filter((a) => a.readBy !== 'display').map((a) => a.word));
/** Words that typically open a sentence. */
const OPENERS = new Set([
  'The',
  'A',
  'An',
  'He',
  'She',
  'It',
  'They',
  'We',
  'I',
  'You',
  'His',
  'Her',
  'Their',
  'Its',
  'Our',
  'My',
  'This',
  'That',
  'These',
  'Those',
  'There',
  'But',
  'And',
  'Yet',
  'So',
  'In',
  'On',
  'At',
  'After',
  'Before',
  'When',
  'While',
  'As',
  'If',
  'However',
  'Now',
  'Then',
  'Police',
  'Officials',
  'Some',
  'Many',
  'Most',
  'One',
  'Two',
  'Three',
  'Last',
  'Earlier',
  'Later',
  'Meanwhile',
  'According',
  'Since',
  'Although',
  'Despite',
  'During',
  'What',
  'Why',
  'How',
  'Who',
  'Where',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
]);
/** Capitalised words that open a sentence when glued to a preceding caption with any last word. */
const STRONG_CAPTION_OPENERS = new Set(['He', 'She', 'They', 'It', 'We', 'His', 'Their', 'Its', 'The']);
/** Capitalised words that open a sentence when glued to a preceding caption ending in a lowercase word. */
const CAPTION_OPENERS = new Set([
  ...STRONG_CAPTION_OPENERS,
  'A',
  'An',
  'This',
  'These',
  'Those',
  'There',
  'But',
  'And',
  'After',
  'When',
  'While',
  'However',
  'In',
  'Her',
  'Police',
  'Officers',
  'Paramedics',
  'Now',
  'Last',
  'Earlier',
  'Later',
  'Meanwhile',
  'According',
  'During',
  'Despite',
  'Although',
  'Since',
  'Some',
  'Many',
  'Both',
  'Another',
]);
/** Words after which a capitalised opener more likely continues the sentence (a title, a name). */
const NO_CAPTION_AFTER = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'from',
  'with',
  'into',
  'onto',
  'as',
  'and',
  'or',
  'but',
  'nor',
  'than',
  'that',
  'said',
  'says',
  'say',
  'told',
  'tells',
  'called',
  'named',
  'dubbed',
  'titled',
  'entitled',
  'read',
  'reads',
  'reading',
  'wrote',
  'writes',
  'added',
  'asked',
  'about',
  'like',
  'via',
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'star',
  'stars',
  'starring',
  'film',
  'song',
  'album',
  'book',
  'novel',
  'show',
  'series',
  'hit',
  'movie',
  'single',
  'magazine',
  'newspaper',
  'programme',
  'program',
  'feat',
  'ft',
  'where',
  'when',
  'if',
  'because',
  'what',
  'who',
  'plan',
  'group',
  'division',
  'league',
  'class',
  'type',
  'category',
  'grade',
  'vitamin',
  'channel',
]);
/** Words after which a single capital letter is an initial (by J. K. Rowling). */
const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'from',
  'with',
  'and',
  'or',
  'as',
  'than',
  'that',
  'said',
  'says',
  'told',
  'star',
  'author',
  'president',
  'director',
  'writer',
  'singer',
  'actor',
  'actress',
  'player',
  'manager',
  'coach',
  'judge',
  'officer',
  'agent',
]);
/** Openers of a quotation glued to a caption: ‘I’d be over the moon …’. */
const QUOTE_OPENERS =
  /^(?:I|I['’](?:m|d|ve|ll)|We|We['’](?:re|ve|ll|d)|It|It['’]s|He|She|They|You|The|This|That|There|There['’]s|My|Our|What|If|When|But|And|So|Oh|Yes|No|Now|We|Everyone|Nobody|Obviously|Honestly)$/;

const CLOSERS = `"'”’)]»`;
const OPENERS_QUOTE = `"'“‘([«`;

function isUpper(c: string | undefined): boolean {
  return c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
}

function isLowerWord(w: string): boolean {
  return /^[a-z][a-z'’-]*$/.test(w);
}

/** The word that starts at `i` (skipping opening quotes/brackets), and its first letter. */
function nextWord(text: string, i: number): { word: string; quoted: boolean } {
  let j = i;
  let quoted = false;
  while (j < text.length && OPENERS_QUOTE.includes(text[j])) {
    quoted = true;
    j++;
  }
  let k = j;
  while (k < text.length && !endsWord(text.charCodeAt(k))) k++;
  return { word: text.slice(j, k), quoted };
}

/** White space or one of , ; : . ! ? " ” ) ]: where `nextWord`'s word ends. */
function endsWord(c: number): boolean {
  return isSpace(c) || c === 44 || c === 59 || c === 58 || c === 46 || c === 33 || c === 63 || c === 34 || c === 0x201d || c === 41 || c === 93;
}

/** Does a sentence start at `i` (the first non-space character after a candidate boundary)? */
function startsSentence(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && OPENERS_QUOTE.includes(text[j])) j++;
  const c = text[j];
  return isUpper(c) || (c !== undefined && c >= '0' && c <= '9');
}

/** Is the period at `dot` (which ends the token `token`) part of an abbreviation that keeps the sentence going? */
function abbreviationKeepsGoing(token: string, text: string, start: number, next: number): boolean {
  const bare = token.replace(/^[("'“‘[]+/, '');
  const low = bare.toLowerCase();
  const nw = nextWord(text, next);
  const nextIsDigit = /^[0-9]/.test(nw.word);
  const strongNext = nw.quoted || OPENERS.has(nw.word);
  // initials: J. K. Rowling, George W. Bush; but "… vitamin C. Adults …", "Plan A. ‘I’d …"
  if (/^[A-Z]$/.test(bare)) {
    const prev = wordBefore(text, start);
    return !(strongNext && /^[a-z]+$/.test(prev) && !FUNCTION_WORDS.has(prev));
  }
  const kind = ABBREVIATION_KIND.get(low);
  if (kind === 'number') return nextIsDigit;
  if (kind === 'latin' || kind === 'title') return true;
  // dotted forms: U.S., U.K., a.m., p.m., D.C.; and Inc., Jr., Colo.
  const dotted = /^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$/.test(bare);
  if (dotted || kind === 'weak' || kind === 'state') return !strongNext;
  return false;
}

/** The word ending just before index `end` (exclusive), without surrounding punctuation. */
function wordBefore(text: string, end: number): string {
  let j = end;
  while (j > 0 && /\s/.test(text[j - 1])) j--;
  let i = j;
  while (i > 0 && !/\s/.test(text[i - 1]) && j - i < 40) i--;
  return text.slice(i, j).replace(/^[("'“‘[]+|[^A-Za-z0-9]+$/g, '');
}

/**
 * Splits text into sentences. Linear in the length of the text.
 */
export function splitSentences(text: string): string[] {
  const spans = sentenceSpans(text);
  const out: string[] = [];
  for (let i = 0; i < spans.length; i += 2) out.push(text.slice(spans[i], spans[i + 1]));
  return out;
}

/** White space as `\s` and `String.prototype.trim` read it. */
export function isSpace(c: number): boolean {
  if (c < 256) return c === 32 || (c >= 9 && c <= 13) || c === 160;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Where `splitSentences`'s sentences are in the text, without slicing them out: start and end
 * (exclusive) of each, one pair after the other.
 */
export function sentenceSpans(text: string): number[] {
  const spans: number[] = [];
  const n = text.length;
  let from = 0; // where the sentence being read starts (before trimming)
  let tokenStart = 0;
  let i = 0;
  // Candidate boundaries: a run of whitespace. Look at what precedes and follows it.
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isSpace(c)) {
      i++;
      continue;
    }
    const end = i; // end of the previous token
    let newlines = 0;
    do {
      if (c === 10) newlines++;
      c = ++i < n ? text.charCodeAt(i) : 0;
    } while (i < n && isSpace(c));
    const next = i; // start of the next token
    const start = tokenStart;
    tokenStart = next;
    if (end === 0 || next >= n) continue;
    // A blank line; else most gaps are followed by a word that cannot start a sentence, decided without slicing the token.
    if (newlines >= 2 || (!cannotStartSentence(c) && isBoundary(text, text.slice(start, end), start, next))) {
      addSpan(spans, text, from, end);
      from = end;
    }
  }
  addSpan(spans, text, from, n);
  return spans;
}

/** Adds text[from, to), trimmed, to `spans` unless only white space is left. */
function addSpan(spans: number[], text: string, from: number, to: number): void {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  if (to > from) spans.push(from, to);
}

/** A sentence never starts with a lowercase letter, a comma or a dash. */
function cannotStartSentence(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 44 || c === 45 || c === 8211 || c === 8212;
}

function isBoundary(text: string, token: string, start: number, next: number): boolean {
  // Strip closing quotes/brackets to find the end punctuation.
  let k = token.length;
  while (k > 0 && CLOSERS.includes(token[k - 1])) k--;
  const core = token.slice(0, k);
  const last = core[core.length - 1];
  if (last === '!' || last === '?' || last === '…' || last === '.') {
    if (!startsSentence(text, next)) return false;
    if (last === '.' && !core.endsWith('..') && k === token.length) {
      const word = core.slice(0, -1);
      if (abbreviationKeepsGoing(word, text, start, next)) return false;
    } else if (last === '.' && k < token.length) {
      // "… the U.S.” He said": a quote closes after the period; treat as a real end,
      // except a lone initial or title inside brackets, which is rare enough to ignore.
    }
    return true;
  }
  return captionBoundary(text, token, core, k, next);
}

/** Page furniture that the Daily Mail glues before a caption: "Scroll down for video Flying high: …". */
const FURNITURE = /(?:^|\s)Scroll down for videos?$/;

/** A caption glued to the next sentence: no punctuation, then a sentence opener. */
function captionBoundary(text: string, token: string, core: string, k: number, next: number): boolean {
  if ((token === 'video' || token === 'videos') && FURNITURE.test(text.slice(Math.max(0, next - 40), next).trimEnd())) {
    return startsSentence(text, next);
  }
  if (k !== token.length && token[token.length - 1] !== ')') {
    // A quoted title closing a caption: "… a film dubbed ‘The First Great Escape’ The story …"
    const nw = nextWord(text, next);
    return !nw.quoted && CAPTION_OPENERS.has(nw.word) && nw.word !== 'A' && followedByLowercaseWord(text, next);
  }
  if (!/[A-Za-z0-9)]$/.test(token)) return false;
  // Most capitalised words after a gap without punctuation are names: no opener, no boundary.
  const nw = nextWord(text, next);
  if (!nw.quoted && !CAPTION_OPENERS.has(nw.word)) return false;
  const prev = core.replace(/^[("'“‘[]+/, '');
  const prevLower = prev.toLowerCase();
  if (NO_CAPTION_AFTER.has(prevLower)) return false;
  if (nw.quoted) {
    // ‘I’d be over the moon …’ glued after a caption: only a curly or straight single/double
    // quote opening a typical quotation start, after a lowercase word.
    const opener = text[next];
    if (opener !== '‘' && opener !== "'" && opener !== '“' && opener !== '"') return false;
    return QUOTE_OPENERS.test(nw.word);
  }
  if (STRONG_CAPTION_OPENERS.has(nw.word)) {
    // "… 12 strokes ahead of Woods His only bogey …"; but not "Stephen King's It".
    if (nw.word === 'The' || nw.word === 'It') {
      // The/It after a capitalised word is often part of a title.
      if (!isLowerWord(prev) && !/^[0-9]+$/.test(prev) && !prev.endsWith(')')) return false;
    }
    return followedByLowercaseWord(text, next);
  }
  if (CAPTION_OPENERS.has(nw.word)) {
    if (!isLowerWord(prev) && !/^[0-9]+$/.test(prev) && !prev.endsWith(')')) return false;
    return followedByLowercaseWord(text, next) || nw.word === 'A' || nw.word === 'The';
  }
  return false;
}

/** The opener at `i` is followed by a lowercase word ("The keeper was …", not "The National Enquirer"). */
function followedByLowercaseWord(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && !/\s/.test(text[j])) j++;
  while (j < text.length && /\s/.test(text[j])) j++;
  const c = text[j];
  return c !== undefined && (c !== c.toUpperCase() || /[0-9]/.test(c));
}

/**
 * The index's break test, on the gap text[gapStart, gapEnd) between two words: a blank line, or
 * . ! or ? followed by white space when the next word may open a sentence (`opener`: it starts
 * with a capital letter or a digit) and, when the gap starts with a period, the word before is
 * not an initial or abbreviation (`afterAbbreviation`, from `isIndexAbbreviation`).
 */
export function gapEndsSentence(text: string, gapStart: number, gapEnd: number, opener: boolean, afterAbbreviation: boolean): boolean {
  let punct = false;
  // newlines so far in a row, counted on every character: a test reached only at a newline would
  // have no type feedback when the tokeniser is first optimised, and deoptimise it at the first one
  let newlines = 0;
  for (let i = gapStart; i < gapEnd; i++) {
    const c = text.charCodeAt(i);
    newlines = (newlines + 1) * (c === 10 ? 1 : 0);
    if (newlines === 2) return true; // a blank line
    if (c === 46 || c === 33 || c === 63)
      punct = true; // . ! ?
    else if (punct && (c === 32 || c === 10 || c === 9 || c === 160)) {
      return opener && (text.charCodeAt(gapStart) !== 46 || !afterAbbreviation);
    }
  }
  return false;
}

/**
 * For the index's break test: is this word (a run of letters and digits, as written) an initial
 * (one capital letter) or one of the index's abbreviations, so that a period after it ends no
 * sentence?
 */
export function isIndexAbbreviation(token: string): boolean {
  const len = token.length;
  const c = token.charCodeAt(0);
  return len <= 6 && ((len === 1 && c >= 65 && c <= 90) || INDEX_ABBREVIATIONS.has(token.toLowerCase()));
}
