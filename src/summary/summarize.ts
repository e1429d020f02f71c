import type { Article, Summary } from '../types.ts';
import { splitSentences } from '../text/sentences.ts';
import { SUMMARY_STOP_WORDS } from '../text/stop-words.ts';
import { isWordChar } from '../text/words.ts';

export interface SummaryOptions {
  /** How many sentences (1 to 8, default 3). */
  sentences?: number;
  /**
   * Word budget for the whole summary (default: 29 words a sentence, at least 50). A sentence that would
   * overflow it is skipped and the next candidate tried. A summary is never empty: when no
   * sentence fits at all, the shortest one is taken.
   */
  maxWords?: number;
}

export const DEFAULT_SUMMARY_SENTENCES = 3;
export const MAX_SUMMARY_SENTENCES = 8;
/** Default word budget per requested sentence (3 sentences → 87 words at most). */
const WORDS_PER_SENTENCE = 29;
/** The default budget never goes under this, so a single long lede is not skipped. */
const MIN_DEFAULT_BUDGET = 50;

/**
 * The knobs of the sentence scorer, exported for the benchmark. Scores are sums of these weights
 * times features in [0, 1].
 */
interface SummaryTuning {
  /** Weight of the position prior (1 for the first sentence, decaying after). */
  position: number;
  /** Position prior: 1 / (1 + rank / positionScale). */
  positionScale: number;
  /** Weight of centrality: share of the article's frequent content words in the sentence. */
  centrality: number;
  /** Penalty per unit of overlap with the sentences already chosen (max cosine-like overlap). */
  redundancy: number;
  /** Bonus for content words new to the summary (novelty), per unit. */
  novelty: number;
  /** Penalty for a sentence that opens with a quotation mark (a quote, rarely the news itself). */
  quote: number;
  /** Penalty for a fragment: a caption without end punctuation, or under `minWords` words. */
  fragment: number;
  minWords: number;
  /** Only the first `window` sentences of an unsectioned article are candidates. */
  window: number;
  /** Bonus for a sentence in a later section (articles with subheadings), per unit of heading overlap + 1. */
  section: number;
}

export const DEFAULT_TUNING: SummaryTuning = {
  position: 1,
  positionScale: 1.5,
  centrality: 0.4,
  redundancy: 0.6,
  novelty: 0.2,
  quote: 0.3,
  fragment: 1,
  minWords: 6,
  window: 10,
  section: 1,
};

interface Candidate {
  text: string;
  paragraph: number;
  /** Position among the article's sentences, 0-based. */
  rank: number;
  /** Section heading, when the paragraph sits under one. */
  section?: string;
  words: number;
  terms: Set<string>;
  fragment: boolean;
  quote: boolean;
}

/** Content words of a text: lowercase, letters and digits, stop words and possessives dropped, plural s stripped. */
function contentTerms(text: string): string[] {
  const out: string[] = [];
  const low = text.toLowerCase();
  const n = low.length;
  let i = 0;
  while (i < n) {
    // a word: letters/digits, with inner apostrophes (don’t, o'neill)
    while (i < n && !isWordChar(low.charCodeAt(i))) i++;
    const start = i;
    while (i < n) {
      const code = low.charCodeAt(i);
      if (isWordChar(code)) i++;
      else if ((code === 39 || code === 8217) && i + 1 < n && isWordChar(low.charCodeAt(i + 1))) i++;
      else break;
    }
    if (i === start) continue;
    let w = low.slice(start, i);
    if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
    if (w.length < 2 || SUMMARY_STOP_WORDS.has(w)) continue;
    if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
    out.push(w);
  }
  return out;
}

function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space =
      c === 32 ||
      (c >= 9 && c <= 13) ||
      c === 160 ||
      c === 0x2028 ||
      c === 0x2029 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x3000 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0xfeff ||
      c === 0x1680 ||
      c === 0x85;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common / Math.sqrt(a.size * b.size);
}

/** An article's sentences as candidates, and how often each content word occurs among them. */
interface Sentences {
  candidates: readonly Readonly<Candidate>[];
  df: ReadonlyMap<string, number>;
}

/**
 * What a summary needs of an article whatever is asked (splitting its sentences and reading their
 * words costs most of a summary), kept while the article is: another length or tuning of the same
 * article reuses it. Articles are never changed in place (an update makes a new Article).
 */
const sentencesOf = new WeakMap<Article, Sentences>();

function articleSentences(article: Article): Sentences {
  let known = sentencesOf.get(article);
  if (!known) {
    const list = candidates(article);
    const df = new Map<string, number>();
    for (const c of list) for (const t of c.terms) df.set(t, (df.get(t) ?? 0) + 1);
    known = { candidates: list, df };
    sentencesOf.set(article, known);
  }
  return known;
}

function candidates(article: Article): Candidate[] {
  const out: Candidate[] = [];
  let rank = 0;
  for (const p of article.paragraphs) {
    for (const text of splitSentences(p.text)) {
      const words = countWords(text);
      const c: Candidate = {
        text,
        paragraph: p.index,
        rank: rank++,
        words,
        terms: new Set(contentTerms(text)),
        fragment: !/[.!?…]["'”’)\]]*$/.test(text),
        quote: /^["'“‘]/.test(text),
      };
      if (p.section !== undefined) c.section = p.section;
      out.push(c);
    }
  }
  return out;
}

/**
 * An extractive summary: whole sentences of the article, in article order, within a word budget.
 *
 * Sentences are chosen greedily by a score that adds a position prior (news puts the most
 * important first), centrality (the article's frequent content words), novelty against what is
 * already chosen and a redundancy penalty, and penalties for quotations and caption fragments.
 * For an article with subheadings, the lede comes first and the later sections each get a turn
 * before anything else (the opening rarely tells what they tell), their sentences ranked by the
 * same score plus their overlap with the section's heading.
 */
export function summarize(article: Article, options: SummaryOptions = {}): Summary {
  return summarizeWith(article, options, DEFAULT_TUNING);
}

/** `summarize` with explicit tuning (for the benchmark). */
export function summarizeWith(article: Article, options: SummaryOptions, tuning: SummaryTuning): Summary {
  const want = clampCount(options.sentences ?? DEFAULT_SUMMARY_SENTENCES);
  const budget = options.maxWords ?? defaultBudget(want);
  const known = articleSentences(article);
  const all: Candidate[] = known.candidates.map((c) => (c.words < tuning.minWords && !c.fragment ? { ...c, fragment: true } : c));

  const sectioned = all.some((c) => c.section !== undefined);
  const pool = sectioned ? all : all.slice(0, Math.max(tuning.window, want));

  // Document term weights: frequency of each content word across the article's sentences.
  const { df } = known;
  let maxDf = 1;
  for (const v of df.values()) maxDf = Math.max(maxDf, v);
  const centrality = (c: Candidate): number => {
    if (c.terms.size === 0) return 0;
    let s = 0;
    for (const t of c.terms) s += (df.get(t)! - 1) / maxDf;
    return s / Math.sqrt(c.terms.size);
  };
  const cent = new Map<Candidate, number>();
  let maxCent = 0;
  for (const c of all) cent.set(c, centrality(c));
  // normalised by the best candidate of the pool (a long tail may hold more central sentences)
  for (const c of pool) maxCent = Math.max(maxCent, cent.get(c)!);

  // Sections after the intro, in order of first appearance, with where they start and their heading terms.
  const sectionStart = new Map<string, number>();
  for (const c of all) if (c.section !== undefined && !sectionStart.has(c.section)) sectionStart.set(c.section, c.rank);
  const sections = [...sectionStart.keys()].map((name) => ({ name, terms: new Set(contentTerms(name)) }));

  const chosen: Candidate[] = [];
  const covered = new Set<string>();
  let words = 0;
  // Within budget; the first sentence may overflow only when no sentence at all fits.
  const shortest = all.reduce((m, c) => Math.min(m, c.words), Infinity);
  const fits = (c: Candidate): boolean => words + c.words <= budget || (chosen.length === 0 && shortest > budget && c.words === shortest);

  // During a section's turn, position counts from the section's start; otherwise from the article's.
  let withinSection = false;
  const score = (c: Candidate): number => {
    const rank = withinSection && c.section !== undefined ? c.rank - sectionStart.get(c.section)! : c.rank;
    let s = tuning.position / (1 + rank / tuning.positionScale);
    s += tuning.centrality * (maxCent > 0 ? Math.min(1, cent.get(c)! / maxCent) : 0);
    if (chosen.length > 0) {
      let red = 0;
      for (const d of chosen) red = Math.max(red, overlap(c.terms, d.terms));
      s -= tuning.redundancy * red;
      if (c.terms.size > 0) {
        let fresh = 0;
        for (const t of c.terms) if (!covered.has(t)) fresh++;
        s += tuning.novelty * (fresh / c.terms.size);
      }
    }
    if (c.quote) s -= tuning.quote;
    if (c.fragment) s -= tuning.fragment;
    return s;
  };

  const take = (c: Candidate): void => {
    chosen.push(c);
    words += c.words;
    for (const t of c.terms) covered.add(t);
  };

  const best = (from: Candidate[], bonus: (c: Candidate) => number = () => 0): Candidate | undefined => {
    let top: Candidate | undefined;
    let topScore = -Infinity;
    for (const c of from) {
      if (chosen.includes(c) || !fits(c)) continue;
      const s = score(c) + bonus(c);
      if (s > topScore) {
        top = c;
        topScore = s;
      }
    }
    return top;
  };

  if (sectioned && sections.length > 0 && want > 1) {
    // The lede (best of the intro), then each later section in turn, then round again.
    const intro = all.filter((c) => c.section === undefined);
    const lede = best(intro.length > 0 ? intro : all);
    if (lede) take(lede);
    withinSection = true;
    const members = new Map<string, Candidate[]>();
    for (const c of all) {
      if (c.section === undefined) continue;
      const list = members.get(c.section);
      if (list) list.push(c);
      else members.set(c.section, [c]);
    }
    // Each later section gets at most half its sentences (rounded up) and its share of the slots.
    const share = Math.ceil((want - 1) / sections.length);
    const taken = new Map<string, number>();
    let progress = true;
    while (chosen.length < want && progress) {
      progress = false;
      for (const sec of sections) {
        if (chosen.length >= want) break;
        const inSection = members.get(sec.name)!;
        const n = taken.get(sec.name) ?? 0;
        if (n >= share || n >= Math.ceil(inSection.length / 2)) continue;
        // The heading tells what the section is about: reward its words not yet covered.
        const open = new Set([...sec.terms].filter((t) => !covered.has(t)));
        const c = best(inSection, (x) => tuning.section * (1 + overlap(x.terms, open)));
        if (c) {
          take(c);
          taken.set(sec.name, n + 1);
          progress = true;
        }
      }
    }
    withinSection = false;
  }
  while (chosen.length < want) {
    const c = best(pool) ?? best(all);
    if (!c) break;
    take(c);
  }

  chosen.sort((a, b) => a.rank - b.rank);
  return {
    article,
    sentences: chosen.map((c) => c.text),
    paragraphs: chosen.map((c) => c.paragraph),
    words,
  };
}

/** The default word budget for `want` sentences: 29 a sentence, never under 50 (a long lede stays possible). */
export function defaultBudget(want: number): number {
  return Math.max(MIN_DEFAULT_BUDGET, clampCount(want) * WORDS_PER_SENTENCE);
}

function clampCount(n: number): number {
  if (!Number.isFinite(n)) return DEFAULT_SUMMARY_SENTENCES;
  return Math.min(MAX_SUMMARY_SENTENCES, Math.max(1, Math.round(n)));
}
