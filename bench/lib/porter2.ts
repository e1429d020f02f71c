/**
 * Porter2 (Snowball English) stemmer and the NLTK English stop-word list, for the MiniSearch
 * baseline in bench/speed.ts when the engine's own text module does not export them.
 * Checked against the Snowball reference implementation on the SQuAD vocabulary.
 * Benchmark-only: nothing in src/ imports this.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

const EXCEPTIONS1: Record<string, string> = {
  skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie',
  idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl',
  sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes',
};
const EXCEPTIONS2 = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const LI_ENDING = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);

const STEP2: [string, string][] = [
  ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'],
  ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'],
  ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'],
  ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og'], ['li', ''],
];
const STEP3: [string, string][] = [
  ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'],
  ['ative', ''], ['ical', 'ic'], ['ness', ''], ['ful', ''],
];
const STEP4 = [
  'ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous',
  'ive', 'ize', 'ion', 'al', 'er', 'ic',
];

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function regionAfter(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) {
    if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  }
  return w.length;
}

function endsShortSyllable(w: string): boolean {
  const n = w.length;
  if (n === 2) return isVowel(w[0]) && !isVowel(w[1]);
  if (n >= 3) {
    const c = w[n - 1];
    return !isVowel(w[n - 3]) && isVowel(w[n - 2]) && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y';
  }
  return false;
}

function hasVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isVowel(s[i])) return true;
  return false;
}

/** Porter2 stem of a lowercase word. */
export function porter2(word: string): string {
  if (word.length <= 2) return word;
  const exc = EXCEPTIONS1[word];
  if (exc !== undefined) return exc;
  let w = word.charCodeAt(0) === 39 /* ' */ ? word.slice(1) : word;
  if (w.length <= 2) return w;

  // Mark consonant-y as Y.
  if (w.includes('y')) {
    let out = '';
    for (let i = 0; i < w.length; i++) {
      const c = w[i];
      out += c === 'y' && (i === 0 || isVowel(out[i - 1])) ? 'Y' : c;
    }
    w = out;
  }

  let r1: number;
  if (w.startsWith('gener') || w.startsWith('arsen')) r1 = 5;
  else if (w.startsWith('commun')) r1 = 6;
  else r1 = regionAfter(w, 0);
  const r2 = regionAfter(w, r1);

  // Step 0
  if (w.endsWith("'s'")) w = w.slice(0, -3);
  else if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);

  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ied') || w.endsWith('ies')) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith('us') || w.endsWith('ss')) {
    // unchanged
  } else if (w.endsWith('s')) {
    if (hasVowel(w.slice(0, -2))) w = w.slice(0, -1);
  }

  if (EXCEPTIONS2.has(w)) return w;

  // Step 1b
  const eed = w.endsWith('eedly') ? 5 : w.endsWith('eed') ? 3 : 0;
  if (eed) {
    if (w.length - eed >= r1) w = w.slice(0, -eed) + 'ee';
  } else {
    const suf = w.endsWith('ingly') ? 5 : w.endsWith('edly') ? 4 : w.endsWith('ing') ? 3 : w.endsWith('ed') ? 2 : 0;
    if (suf && hasVowel(w.slice(0, -suf))) {
      w = w.slice(0, -suf);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (DOUBLES.has(w.slice(-2))) w = w.slice(0, -1);
      else if (r1 >= w.length && endsShortSyllable(w)) w += 'e';
    }
  }

  // Step 1c
  if (w.length > 2) {
    const last = w[w.length - 1];
    if ((last === 'y' || last === 'Y') && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + 'i';
  }

  // Step 2
  for (const [suf, rep] of STEP2) {
    if (!w.endsWith(suf)) continue;
    const stem = w.length - suf.length;
    if (stem >= r1) {
      if (suf === 'ogi') {
        if (w[stem - 1] === 'l') w = w.slice(0, stem) + rep;
      } else if (suf === 'li') {
        if (LI_ENDING.has(w[stem - 1] ?? '')) w = w.slice(0, stem);
      } else {
        w = w.slice(0, stem) + rep;
      }
    }
    break;
  }

  // Step 3
  for (const [suf, rep] of STEP3) {
    if (!w.endsWith(suf)) continue;
    const stem = w.length - suf.length;
    if (stem >= r1) {
      if (suf === 'ative') {
        if (stem >= r2) w = w.slice(0, stem);
      } else {
        w = w.slice(0, stem) + rep;
      }
    }
    break;
  }

  // Step 4
  for (const suf of STEP4) {
    if (!w.endsWith(suf)) continue;
    const stem = w.length - suf.length;
    if (stem >= r2) {
      if (suf === 'ion') {
        const p = w[stem - 1];
        if (p === 's' || p === 't') w = w.slice(0, stem);
      } else {
        w = w.slice(0, stem);
      }
    }
    break;
  }

  // Step 5
  const n = w.length;
  if (w[n - 1] === 'e') {
    if (n - 1 >= r2 || (n - 1 >= r1 && !endsShortSyllable(w.slice(0, -1)))) w = w.slice(0, -1);
  } else if (w[n - 1] === 'l') {
    if (n - 1 >= r2 && w[n - 2] === 'l') w = w.slice(0, -1);
  }

  return w.includes('Y') ? w.replace(/Y/g, 'y') : w;
}

/** NLTK's English stop-word list (179 words). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself yourselves " +
    "he him his himself she she's her hers herself it it's its itself they them their theirs themselves " +
    "what which who whom this that that'll these those am is are was were be been being have has had having " +
    'do does did doing a an the and but if or because as until while of at by for with about against between ' +
    'into through during before after above below to from up down in out on off over under again further then ' +
    'once here there when where why how all any both each few more most other some such no nor not only own ' +
    "same so than too very s t can will just don don't should should've now d ll m o re ve y ain aren aren't " +
    "couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn " +
    "mightn't mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't won won't " +
    "wouldn wouldn't"
  ).split(' '),
);
