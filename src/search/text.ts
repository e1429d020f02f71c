/**
 * Text normalisation for the answer engine: folding, tokenising, stop words and the
 * Porter2 ("English" Snowball) stemmer. Pure functions, no I/O.
 */

/** NLTK's English stop words (179), which already cover wh-words and auxiliaries. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself yourselves " +
    "he him his himself she she's her hers herself it it's its itself they them their theirs themselves " +
    "what which who whom this that that'll these those am is are was were be been being have has had having " +
    "do does did doing a an the and but if or because as until while of at by for with about against between " +
    "into through during before after above below to from up down in out on off over under again further then " +
    "once here there when where why how all any both each few more most other some such no nor not only own same " +
    "so than too very s t can will just don don't should should've now d ll m o re ve y ain aren aren't couldn " +
    "couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn mightn't mustn " +
    "mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't won won't wouldn wouldn't"
  ).split(' '),
);

/** Lowercase, fold curly quotes and dashes, strip diacritics ("Café" → "cafe"). */
export function normalise(text: string): string {
  let s = text.toLowerCase();
  // Fast path: plain ASCII needs nothing more.
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  s = s.replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return s.replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o').replace(/đ/g, 'd').replace(/ł/g, 'l');
}

/** Per UTF-16 code unit: 0 = not known yet, 1 = letter or digit, 2 = neither. */
const WORD_CHAR = new Uint8Array(65536);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Is this UTF-16 code unit part of a word (a letter or digit in the Basic Multilingual Plane)? */
export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let k = WORD_CHAR[c];
  if (k === 0) {
    k = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CHAR[c] = k;
  }
  return k === 1;
}

/**
 * Calls `fn(start, end)` for each word (maximal run of letters and digits) of `text`, in order,
 * without allocating: the one tokeniser shared by indexing and questions.
 */
export function scanWords(text: string, fn: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isWordChar(text.charCodeAt(j))) j++;
    fn(i, j);
    i = j;
  }
}

/** Raw word tokens of a text (not normalised). */
export function rawWords(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (a, b) => out.push(text.slice(a, b)));
  return out;
}

/** Splits text into word tokens (apostrophes split: "pakistan's" → pakistan, s). */
export function tokenise(text: string): string[] {
  return rawWords(text);
}

/** Normalised word tokens of a text (each raw token normalised on its own). */
export function words(text: string): string[] {
  return rawWords(text)
    .map(normalise)
    .filter((w) => w.length > 0);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

// ---------------------------------------------------------------------------------------------
// Porter2 stemmer (https://snowballstem.org/algorithms/english/stemmer.html)
//
// It works on the word's character codes in a scratch buffer (`b`, `n` characters long) rather
// than on strings: each step only shortens the word or rewrites its last few characters, so no
// string is made until the stem is returned. Consonant y is marked as 'Y' in the buffer.

const EXCEPTIONS1 = new Map<string, string>(Object.entries({
  skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl',
  ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe',
  atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes',
}));
const EXCEPTIONS2 = ['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'];

/** Only a–z (and apostrophes when `apostrophe`)? */
export function isLowerAscii(word: string, apostrophe = false): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c < 97 || c > 122) && !(apostrophe && c === 39)) return false;
  }
  return word.length > 0;
}

const APOSTROPHE = 39;
const LOWER_Y = 121;
/** Consonant y is marked as 'Y', so that it is not taken for a vowel. */
const CONSONANT_Y = 89;

/** Character classes by code: vowels; letters before a removable "li" (step 2); letters that double (step 1b). */
function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}
const VOWEL = charSet('aeiouy');
const LI_ENDING = charSet('cdeghkmnrt');
const DOUBLE = charSet('bdfgmnprt');

/** The word being stemmed: b[0, n). */
let b = new Uint8Array(64);
let n = 0;

function isVowel(i: number): boolean {
  return i >= 0 && VOWEL[b[i]] === 1;
}

function endsWith(suffix: string): boolean {
  const at = n - suffix.length;
  if (at < 0) return false;
  for (let i = 0; i < suffix.length; i++) if (b[at + i] !== suffix.charCodeAt(i)) return false;
  return true;
}

/** Replaces the word from position `at` on with `tail`. */
function replaceFrom(at: number, tail: string): void {
  for (let i = 0; i < tail.length; i++) b[at + i] = tail.charCodeAt(i);
  n = at + tail.length;
}

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function regionStart(from: number): number {
  for (let i = from + 1; i < n; i++) {
    if (!isVowel(i) && isVowel(i - 1)) return i + 1;
  }
  return n;
}

/** Does the word end (at position `end`, exclusive) with a short syllable? */
function endsShortSyllable(end: number): boolean {
  if (end === 2) return isVowel(0) && !isVowel(1);
  if (end >= 3) {
    const c = b[end - 1];
    return !isVowel(end - 3) && isVowel(end - 2) && !isVowel(end - 1) && c !== 119 && c !== 120 && c !== CONSONANT_Y; // not w, x or Y
  }
  return false;
}

function containsVowel(end: number): boolean {
  for (let i = 0; i < end; i++) if (isVowel(i)) return true;
  return false;
}

/** The buffer as a string ('Y' back to 'y'), sharing the unchanged start of `word` from `off`. */
function result(word: string, off: number): string {
  let same = 0;
  while (same < n && (b[same] === CONSONANT_Y ? LOWER_Y : b[same]) === word.charCodeAt(off + same)) same++;
  let s = word.slice(off, off + same);
  for (let i = same; i < n; i++) s += String.fromCharCode(b[i] === CONSONANT_Y ? LOWER_Y : b[i]);
  return s;
}

const STEP2: [string, string][] = [
  ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'],
  ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'], ['enci', 'ence'],
  ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'], ['alli', 'al'], ['bli', 'ble'],
  ['ogi', 'og'], ['li', ''],
];
const STEP3: [string, string][] = [
  ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'], ['ative', ''],
  ['ical', 'ic'], ['ness', ''], ['ful', ''],
];
/** A suffix list as flat arrays, indexed by last character (a word is checked against few suffixes). */
interface SuffixTable {
  suf: string[];
  rep: string[];
  /** By the code of a word's last character: the indices of the suffixes ending in it, in order. */
  byLast: number[][];
}
function table(pairs: [string, string][]): SuffixTable {
  const byLast: number[][] = Array.from({ length: 128 }, () => []);
  pairs.forEach(([suf], k) => byLast[suf.charCodeAt(suf.length - 1)].push(k));
  return { suf: pairs.map((p) => p[0]), rep: pairs.map((p) => p[1]), byLast };
}
const STEP4 = [
  'ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
  'ion', 'al', 'er', 'ic',
];
const T2 = table(STEP2);
const T3 = table(STEP3);
const T4 = table(STEP4.map((x) => [x, ''] as [string, string]));

/** The index in `t` of the longest suffix the word ends with (lists are longest first), or -1. */
function longestSuffix(t: SuffixTable): number {
  if (n === 0) return -1;
  const candidates = t.byLast[b[n - 1]];
  for (let i = 0; i < candidates.length; i++) {
    if (endsWith(t.suf[candidates[i]])) return candidates[i];
  }
  return -1;
}

/** Porter2 stem of one lowercase word (letters a–z; other words are returned unchanged). */
export function stem(word: string): string {
  if (word.length <= 2 || !isLowerAscii(word, true)) return word;
  const exc = EXCEPTIONS1.get(word);
  if (exc !== undefined) return exc;
  const off = word.charCodeAt(0) === APOSTROPHE ? 1 : 0;
  if (word.length - off <= 2) return word.slice(off);
  n = word.length - off;
  if (b.length < n) b = new Uint8Array(2 * n);
  for (let i = 0; i < n; i++) b[i] = word.charCodeAt(off + i);
  // Mark consonant y as Y.
  if (b[0] === LOWER_Y) b[0] = CONSONANT_Y;
  for (let i = 1; i < n; i++) {
    if (b[i] === LOWER_Y && isVowel(i - 1)) b[i] = CONSONANT_Y;
  }
  let r1: number;
  if (word.startsWith('gener', off) || word.startsWith('arsen', off)) r1 = 5;
  else if (word.startsWith('commun', off)) r1 = 6;
  else r1 = regionStart(0);
  const r2 = regionStart(r1);

  // Step 0: apostrophes.
  if (endsWith("'s'")) n -= 3;
  else if (endsWith("'s")) n -= 2;
  else if (endsWith("'")) n -= 1;

  // Step 1a.
  if (endsWith('sses')) n -= 2;
  else if (endsWith('ied') || endsWith('ies')) n -= n > 4 ? 2 : 1;
  else if (endsWith('us') || endsWith('ss')) {
    /* unchanged */
  } else if (endsWith('s')) {
    if (containsVowel(n - 2)) n -= 1;
  }
  for (let i = 0; i < EXCEPTIONS2.length; i++) {
    const e = EXCEPTIONS2[i];
    if (e.length === n && endsWith(e)) return e;
  }

  // Step 1b.
  const eed = endsWith('eedly') ? 5 : endsWith('eed') ? 3 : 0;
  if (eed) {
    if (n - eed >= r1) replaceFrom(n - eed, 'ee');
  } else {
    const ed = endsWith('ingly') ? 5 : endsWith('edly') ? 4 : endsWith('ing') ? 3 : endsWith('ed') ? 2 : 0;
    if (ed && containsVowel(n - ed)) {
      n -= ed;
      if (endsWith('at') || endsWith('bl') || endsWith('iz')) replaceFrom(n, 'e');
      else if (n >= 2 && b[n - 1] === b[n - 2] && DOUBLE[b[n - 1]] === 1) n -= 1;
      else if (r1 >= n && endsShortSyllable(n)) replaceFrom(n, 'e');
    }
  }

  // Step 1c.
  if (n > 2 && (b[n - 1] === LOWER_Y || b[n - 1] === CONSONANT_Y) && !isVowel(n - 2)) b[n - 1] = 105; // i

  // Step 2.
  let k = longestSuffix(T2);
  if (k >= 0) {
    const suf = T2.suf[k];
    const at = n - suf.length;
    if (at >= r1) {
      if (suf === 'ogi') {
        if (b[at - 1] === 108) replaceFrom(at, T2.rep[k]); // l
      } else if (suf === 'li') {
        if (LI_ENDING[b[at - 1]] === 1) n = at;
      } else {
        replaceFrom(at, T2.rep[k]);
      }
    }
  }

  // Step 3.
  k = longestSuffix(T3);
  if (k >= 0) {
    const suf = T3.suf[k];
    const at = n - suf.length;
    if (at >= r1) {
      if (suf === 'ative') {
        if (at >= r2) n = at;
      } else {
        replaceFrom(at, T3.rep[k]);
      }
    }
  }

  // Step 4.
  k = longestSuffix(T4);
  if (k >= 0) {
    const at = n - T4.suf[k].length;
    if (at >= r2 && (T4.suf[k] !== 'ion' || b[at - 1] === 115 || b[at - 1] === 116)) n = at; // s t
  }

  // Step 5.
  if (endsWith('e')) {
    const at = n - 1;
    if (at >= r2 || (at >= r1 && !endsShortSyllable(at))) n = at;
  } else if (endsWith('l')) {
    const at = n - 1;
    if (at >= r2 && b[at - 1] === 108) n = at;
  }
  return result(word, off);
}

/**
 * Irregular English verb forms → base form (Porter2 leaves took/taken/take apart). Common verbs
 * only; applied before stemming.
 */
const IRREGULAR = new Map<string, string>();
for (const group of (
  'arise arose arisen|awake awoke awoken|bear borne born|beat beaten|become became|begin began begun|' +
  'bend bent|bite bitten|bleed bled|blow blew blown|break broke broken|breed bred|bring brought|' +
  'build built|burn burnt|buy bought|catch caught|choose chose chosen|cling clung|come came|creep crept|' +
  'deal dealt|dig dug|draw drew drawn|dream dreamt|drink drank drunk|drive drove driven|eat ate eaten|' +
  'fall fell fallen|feed fed|feel felt|fight fought|find found|flee fled|fly flew flown|forbid forbade forbidden|' +
  'forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten|give gave given|' +
  'go went gone|grow grew grown|hang hung|hear heard|hide hid hidden|hold held|keep kept|' +
  'kneel knelt|know knew known|lay laid|lead led|leap leapt|learn learnt|leave left|lend lent|' +
  'light lit|lose lost|make made|mean meant|meet met|overcome overcame|overtake overtook overtaken|pay paid|' +
  'ride rode ridden|ring rang rung|rise risen|run ran|say said|see saw seen|seek sought|sell sold|' +
  'send sent|shake shook shaken|shine shone|shoot shot|show shown|shrink shrank shrunk|sing sang sung|' +
  'sink sank sunk|sit sat|slay slew slain|sleep slept|slide slid|speak spoke spoken|speed sped|spend spent|' +
  'spin spun|spring sprang sprung|stand stood|steal stole stolen|stick stuck|sting stung|stink stank stunk|' +
  'strike struck stricken|strive strove striven|swear swore sworn|sweep swept|swim swam swum|swing swung|' +
  'take took taken|teach taught|tear tore torn|tell told|think thought|throw threw thrown|' +
  'undergo underwent undergone|understand understood|undertake undertook undertaken|wake woke woken|' +
  'wear wore worn|weave wove woven|weep wept|win won|withdraw withdrew withdrawn|write wrote written'
).split('|')) {
  const [base, ...forms] = group.split(' ');
  for (const f of forms) IRREGULAR.set(f, base);
}

/** The stem used for indexing: irregular verb forms mapped to their base, then Porter2. */
export function stemWord(word: string): string {
  return stem(IRREGULAR.get(word) ?? word);
}

/** A stemmer with a cache per distinct word (stemming dominates indexing time otherwise). */
export class CachedStemmer {
  private readonly cache = new Map<string, string>();
  stem(word: string): string {
    let s = this.cache.get(word);
    if (s === undefined) {
      s = stemWord(word);
      this.cache.set(word, s);
    }
    return s;
  }
  get size(): number {
    return this.cache.size;
  }
}

/** The first five characters of a word: a second, stemmer-independent matching channel. */
export function prefix5(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}
