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

const EXCEPTIONS1 = new Map<string, string>(Object.entries({
  skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl',
  ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe',
  atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes',
}));
const EXCEPTIONS2 = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);

/** Only a–z (and apostrophes when `apostrophe`)? */
export function isLowerAscii(word: string, apostrophe = false): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c < 97 || c > 122) && !(apostrophe && c === 39)) return false;
  }
  return word.length > 0;
}

function isVowel(c: string): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';
}

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function regionStart(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) {
    if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  }
  return w.length;
}

/** Does `w` end (at position `end`, exclusive) with a short syllable? */
function endsShortSyllable(w: string, end = w.length): boolean {
  if (end === 2) return isVowel(w[0]) && !isVowel(w[1]);
  if (end >= 3) {
    const a = w[end - 3], b = w[end - 2], c = w[end - 1];
    return !isVowel(a) && isVowel(b) && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y';
  }
  return false;
}

function containsVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (isVowel(w[i])) return true;
  return false;
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
/** A suffix list as flat arrays with each suffix's last character code (cheap to skip). */
interface SuffixTable {
  suf: string[];
  rep: string[];
  last: number[];
}
function table(pairs: [string, string][]): SuffixTable {
  return { suf: pairs.map((p) => p[0]), rep: pairs.map((p) => p[1]), last: pairs.map((p) => p[0].charCodeAt(p[0].length - 1)) };
}
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);

const STEP4 = [
  'ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
  'ion', 'al', 'er', 'ic',
];
const T2 = table(STEP2);
const T3 = table(STEP3);
const T4 = table(STEP4.map((x) => [x, ''] as [string, string]));

/** Porter2 stem of one lowercase word (letters a–z; other words are returned unchanged). */
export function stem(word: string): string {
  if (word.length <= 2 || !isLowerAscii(word, true)) return word;
  const exc = EXCEPTIONS1.get(word);
  if (exc !== undefined) return exc;
  let w = word;
  if (w[0] === "'") w = w.slice(1);
  if (w.length <= 2) return w;
  // Mark consonant y as Y.
  if (w[0] === 'y') w = 'Y' + w.slice(1);
  for (let i = 1; i < w.length; i++) {
    if (w[i] === 'y' && isVowel(w[i - 1])) w = w.slice(0, i) + 'Y' + w.slice(i + 1);
  }
  let r1: number;
  if (w.startsWith('gener') || w.startsWith('arsen')) r1 = 5;
  else if (w.startsWith('commun')) r1 = 6;
  else r1 = regionStart(w, 0);
  const r2 = regionStart(w, r1);

  // Step 0: apostrophes.
  if (w.endsWith("'s'")) w = w.slice(0, -3);
  else if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);

  // Step 1a.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ied') || w.endsWith('ies')) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith('us') || w.endsWith('ss')) {
    /* unchanged */
  } else if (w.endsWith('s')) {
    if (containsVowel(w, w.length - 2)) w = w.slice(0, -1);
  }
  if (EXCEPTIONS2.has(w)) return w;

  // Step 1b.
  let m: string | undefined;
  if (w.endsWith('eedly')) m = 'eedly';
  else if (w.endsWith('eed')) m = 'eed';
  if (m) {
    if (w.length - m.length >= r1) w = w.slice(0, -m.length) + 'ee';
  } else {
    m = w.endsWith('ingly') ? 'ingly' : w.endsWith('edly') ? 'edly' : w.endsWith('ing') ? 'ing' : w.endsWith('ed') ? 'ed' : undefined;
    if (m && containsVowel(w, w.length - m.length)) {
      w = w.slice(0, -m.length);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (w.length >= 2 && w.charCodeAt(w.length - 1) === w.charCodeAt(w.length - 2) && DOUBLES.has(w.slice(-2))) w = w.slice(0, -1);
      else if (r1 >= w.length && endsShortSyllable(w)) w += 'e';
    }
  }

  // Step 1c.
  if (w.length > 2 && (w.endsWith('y') || w.endsWith('Y')) && !isVowel(w[w.length - 2])) {
    w = w.slice(0, -1) + 'i';
  }

  // Step 2.
  let last = w.charCodeAt(w.length - 1);
  for (let k = 0; k < T2.suf.length; k++) {
    if (T2.last[k] !== last) continue;
    const suf = T2.suf[k], rep = T2.rep[k];
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= r1) {
      if (suf === 'ogi') {
        if (w[at - 1] === 'l') w = w.slice(0, at) + rep;
      } else if (suf === 'li') {
        if ('cdeghkmnrt'.includes(w[at - 1] ?? '')) w = w.slice(0, at);
      } else {
        w = w.slice(0, at) + rep;
      }
    }
    break;
  }

  // Step 3.
  last = w.charCodeAt(w.length - 1);
  for (let k = 0; k < T3.suf.length; k++) {
    if (T3.last[k] !== last) continue;
    const suf = T3.suf[k], rep = T3.rep[k];
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= r1) {
      if (suf === 'ative') {
        if (at >= r2) w = w.slice(0, at);
      } else {
        w = w.slice(0, at) + rep;
      }
    }
    break;
  }

  // Step 4.
  last = w.charCodeAt(w.length - 1);
  for (let k = 0; k < T4.suf.length; k++) {
    if (T4.last[k] !== last) continue;
    const suf = T4.suf[k];
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= r2) {
      if (suf === 'ion') {
        if (w[at - 1] === 's' || w[at - 1] === 't') w = w.slice(0, at);
      } else {
        w = w.slice(0, at);
      }
    }
    break;
  }

  // Step 5.
  if (w.endsWith('e')) {
    const at = w.length - 1;
    if (at >= r2 || (at >= r1 && !endsShortSyllable(w, at))) w = w.slice(0, at);
  } else if (w.endsWith('l')) {
    const at = w.length - 1;
    if (at >= r2 && w[at - 1] === 'l') w = w.slice(0, at);
  }
  return w.replace(/Y/g, 'y');
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
