/**
 * ROUGE as the `rouge-score` Python package (google-research/rouge) defines it, with
 * `use_stemmer=True`: lowercase, every run of characters outside [a-z0-9] becomes a space,
 * split on whitespace, Porter-stem tokens longer than 3 characters (nltk's PorterStemmer in
 * its default NLTK_EXTENSIONS mode), drop empty tokens.
 *
 * - rouge1 / rouge2: n-gram overlap over the whole text (newlines are just whitespace).
 * - rougeLsum: summary-level LCS; sentences are the non-empty newline-separated lines of
 *   each text; union LCS per reference sentence, with token counts preventing double counting.
 *
 * Scores are fractions in [0, 1].
 */

export interface Score {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeScores {
  rouge1: Score;
  rouge2: Score;
  rougeLsum: Score;
}

// ---------------------------------------------------------------------------------------------
// Porter stemmer, NLTK_EXTENSIONS mode (a port of nltk/stem/porter.py).

const IRREGULAR: Record<string, string> = {
  sky: 'sky',
  skies: 'sky',
  dying: 'die',
  lying: 'lie',
  tying: 'tie',
  news: 'news',
  innings: 'inning',
  inning: 'inning',
  outings: 'outing',
  outing: 'outing',
  cannings: 'canning',
  canning: 'canning',
  howe: 'howe',
  proceed: 'proceed',
  exceed: 'exceed',
  succeed: 'succeed',
};

function isVowelLetter(c: string): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
}

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (isVowelLetter(c)) return false;
  if (c === 'y') return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** m in [C](VC){m}[V]: the number of "vc" transitions. */
function measure(stem: string): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const cons = isConsonant(stem, i);
    if (cons && prevVowel) m++;
    prevVowel = !cons;
  }
  return m;
}

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(w: string): boolean {
  return w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isConsonant(w, w.length - 1);
}

function endsCvc(w: string): boolean {
  const n = w.length;
  if (n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) && !'wxy'.includes(w[n - 1])) {
    return true;
  }
  return n === 2 && !isConsonant(w, 0) && isConsonant(w, 1);
}

type Rule = [suffix: string, replacement: string, condition: ((stem: string) => boolean) | null];

/** The first rule whose suffix matches decides: applied if its condition holds, else the word stays. */
function applyRules(word: string, rules: Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === '*d' && endsDoubleConsonant(word)) {
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = suffix === '' ? word : word.slice(0, -suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

const positive = (s: string): boolean => measure(s) > 0;
const gt1 = (s: string): boolean => measure(s) > 1;

function step1a(w: string): string {
  if (w.endsWith('ies') && w.length === 4) return w.slice(0, -3) + 'ie';
  return applyRules(w, [
    ['sses', 'ss', null],
    ['ies', 'i', null],
    ['ss', 'ss', null],
    ['s', '', null],
  ]);
}

function step1b(w: string): string {
  if (w.endsWith('ied')) return w.slice(0, -3) + (w.length === 4 ? 'ie' : 'i');
  if (w.endsWith('eed')) {
    const stem = w.slice(0, -3);
    return measure(stem) > 0 ? stem + 'ee' : w;
  }
  let inter: string | null = null;
  for (const suffix of ['ed', 'ing']) {
    if (w.endsWith(suffix)) {
      const s = w.slice(0, -suffix.length);
      if (containsVowel(s)) {
        inter = s;
        break;
      }
    }
  }
  if (inter === null) return w;
  const last = inter[inter.length - 1];
  return applyRules(inter, [
    ['at', 'ate', null],
    ['bl', 'ble', null],
    ['iz', 'ize', null],
    ['*d', last, () => last !== 'l' && last !== 's' && last !== 'z'],
    ['', 'e', (s) => measure(s) === 1 && endsCvc(s)],
  ]);
}

function step1c(w: string): string {
  return applyRules(w, [['y', 'i', (s) => s.length > 1 && isConsonant(s, s.length - 1)]]);
}

function step2(w: string): string {
  if (w.endsWith('alli') && positive(w.slice(0, -4))) return step2(w.slice(0, -4) + 'al');
  return applyRules(w, [
    ['ational', 'ate', positive],
    ['tional', 'tion', positive],
    ['enci', 'ence', positive],
    ['anci', 'ance', positive],
    ['izer', 'ize', positive],
    ['bli', 'ble', positive],
    ['alli', 'al', positive],
    ['entli', 'ent', positive],
    ['eli', 'e', positive],
    ['ousli', 'ous', positive],
    ['ization', 'ize', positive],
    ['ation', 'ate', positive],
    ['ator', 'ate', positive],
    ['alism', 'al', positive],
    ['iveness', 'ive', positive],
    ['fulness', 'ful', positive],
    ['ousness', 'ous', positive],
    ['aliti', 'al', positive],
    ['iviti', 'ive', positive],
    ['biliti', 'ble', positive],
    ['fulli', 'ful', positive],
    ['logi', 'log', () => positive(w.slice(0, -3))],
  ]);
}

function step3(w: string): string {
  return applyRules(w, [
    ['icate', 'ic', positive],
    ['ative', '', positive],
    ['alize', 'al', positive],
    ['iciti', 'ic', positive],
    ['ical', 'ic', positive],
    ['ful', '', positive],
    ['ness', '', positive],
  ]);
}

function step4(w: string): string {
  return applyRules(w, [
    ['al', '', gt1],
    ['ance', '', gt1],
    ['ence', '', gt1],
    ['er', '', gt1],
    ['ic', '', gt1],
    ['able', '', gt1],
    ['ible', '', gt1],
    ['ant', '', gt1],
    ['ement', '', gt1],
    ['ment', '', gt1],
    ['ent', '', gt1],
    ['ion', '', (s) => measure(s) > 1 && (s.endsWith('s') || s.endsWith('t'))],
    ['ou', '', gt1],
    ['ism', '', gt1],
    ['ate', '', gt1],
    ['iti', '', gt1],
    ['ous', '', gt1],
    ['ive', '', gt1],
    ['ize', '', gt1],
  ]);
}

function step5a(w: string): string {
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1) return stem;
    if (m === 1 && !endsCvc(stem)) return stem;
  }
  return w;
}

function step5b(w: string): string {
  return applyRules(w, [['ll', 'l', () => measure(w.slice(0, -1)) > 1]]);
}

const stemCache = new Map<string, string>();

/** nltk's PorterStemmer().stem(word) (NLTK_EXTENSIONS), for lowercase input. */
export function porterStem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let s = word.toLowerCase();
  if (Object.hasOwn(IRREGULAR, word)) {
    s = IRREGULAR[word];
  } else if (word.length > 2) {
    s = step5b(step5a(step4(step3(step2(step1c(step1b(step1a(s))))))));
  }
  if (stemCache.size < 200_000) stemCache.set(word, s);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer and scores.

/** rouge_score's tokenize(text, PorterStemmer()). */
export function rougeTokens(text: string, stem = true): string[] {
  const parts = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/);
  const out: string[] = [];
  for (const p of parts) {
    if (!p) continue;
    out.push(stem && p.length > 3 ? porterStem(p) : p);
  }
  return out;
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ');
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

function scoreNgrams(target: string[], prediction: string[], n: number): Score {
  const t = ngramCounts(target, n);
  const p = ngramCounts(prediction, n);
  let overlap = 0;
  let tTotal = 0;
  let pTotal = 0;
  for (const [k, c] of t) {
    overlap += Math.min(c, p.get(k) ?? 0);
    tTotal += c;
  }
  for (const c of p.values()) pTotal += c;
  const precision = overlap / Math.max(pTotal, 1);
  const recall = overlap / Math.max(tTotal, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Indices into `ref` of one LCS of ref and can, read back as rouge_score's _backtrack_norec does. */
function lcsIndices(ref: string[], can: string[]): number[] {
  const rows = ref.length;
  const cols = can.length;
  const w = cols + 1;
  const t = new Uint16Array((rows + 1) * w);
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= cols; j++) {
      t[i * w + j] = ref[i - 1] === can[j - 1] ? t[(i - 1) * w + j - 1] + 1 : Math.max(t[(i - 1) * w + j], t[i * w + j - 1]);
    }
  }
  const out: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (t[i * w + j - 1] > t[(i - 1) * w + j]) {
      j--;
    } else {
      i--;
    }
  }
  return out.reverse();
}

/** rouge_score's _summary_level_lcs over tokenized sentences. */
export function summaryLevelLcs(refSents: string[][], canSents: string[][]): Score {
  const zero = { precision: 0, recall: 0, fmeasure: 0 };
  if (refSents.length === 0 || canSents.length === 0) return zero;
  const m = refSents.reduce((a, s) => a + s.length, 0);
  const n = canSents.reduce((a, s) => a + s.length, 0);
  if (!m || !n) return zero;
  const cntR = new Map<string, number>();
  const cntC = new Map<string, number>();
  for (const s of refSents) for (const tok of s) cntR.set(tok, (cntR.get(tok) ?? 0) + 1);
  for (const s of canSents) for (const tok of s) cntC.set(tok, (cntC.get(tok) ?? 0) + 1);
  let hits = 0;
  for (const r of refSents) {
    const union = new Set<number>();
    for (const c of canSents) for (const idx of lcsIndices(r, c)) union.add(idx);
    const sorted = [...union].sort((a, b) => a - b);
    for (const idx of sorted) {
      const tok = r[idx];
      const c = cntC.get(tok) ?? 0;
      const rr = cntR.get(tok) ?? 0;
      if (c > 0 && rr > 0) {
        hits++;
        cntC.set(tok, c - 1);
        cntR.set(tok, rr - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function lines(text: string): string[] {
  return text.split('\n').filter((s) => s.length > 0);
}

/**
 * ROUGE-1, ROUGE-2 and ROUGE-Lsum of `prediction` against `target` (rouge_score's
 * `RougeScorer(['rouge1','rouge2','rougeLsum'], use_stemmer=True).score(target, prediction)`).
 * Put one sentence per line in both texts for ROUGE-Lsum.
 */
export function rouge(target: string, prediction: string): RougeScores {
  const t = rougeTokens(target);
  const p = rougeTokens(prediction);
  return {
    rouge1: scoreNgrams(t, p, 1),
    rouge2: scoreNgrams(t, p, 2),
    rougeLsum: summaryLevelLcs(
      lines(target).map((s) => rougeTokens(s)),
      lines(prediction).map((s) => rougeTokens(s)),
    ),
  };
}

/** ROUGE-N alone, for callers that need only n-gram scores. */
export function rougeN(target: string, prediction: string, n: number): Score {
  return scoreNgrams(rougeTokens(target), rougeTokens(prediction), n);
}

/** Plain ROUGE-L F1 (one LCS over the whole token sequences, no sentence split), as ROUGE-1.5.5 reports it without sentence marks. */
export function rougeL(target: string, prediction: string): Score {
  return summaryLevelLcs([rougeTokens(target)], [rougeTokens(prediction)]);
}
