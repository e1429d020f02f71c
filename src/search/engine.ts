/**
 * The answer engine: question in, ranked passages with the answering sentence and a confidence
 * out. Given a question the library has checked (question.ts), it analyses it into weighted terms (query.ts), ranks
 * the paragraphs (rank.ts, features.ts), decides whether to answer or abstain (confidence.ts) and
 * picks the sentence to show (best-sentence.ts). Every tuned number is in tuning.ts.
 */
import type { AnswerResult, Article, Match, NoAnswer } from '../types.ts';
import { ArrayPool, type PooledArray } from './array-pool.ts';
import { type SplitParagraph, WordStems, pickSentence, sentenceOf, splitParagraph } from './best-sentence.ts';
import { confidence, verdict } from './confidence.ts';
import { Corpus, SLICE_CHARS } from './corpus.ts';
import type { Weights } from './features.ts';
import { type Query, analyse } from './query.ts';
import { type Ranked, Ranker } from './rank.ts';
import { updateSteps } from './corpus-update.ts';
import { buildDictionary, buildDictionarySteps, updateDictionary } from './dictionary.ts';
import { SliceClock, inSlices, nextTurn } from './slice-clock.ts';
import type { SpellCorrector } from './spell.ts';
import { CORRECTED_WORD_WEIGHT, FEATURE_WEIGHTS } from './tuning.ts';

export interface SearchOptions {
  /** Only search this article (by id). */
  articleId?: string;
  /** How many alternatives to return besides the best match (default 3). */
  alternatives?: number;
}

interface EngineOptions {
  /** Correct out-of-vocabulary question words (default true). */
  spell?: boolean;
}

/** The weights the engine ranks with unless `rank` is given others (tuning.ts). */
export const DEFAULT_WEIGHTS: Weights = { ...FEATURE_WEIGHTS, corrected: CORRECTED_WORD_WEIGHT };

/**
 * How many split paragraphs the engine keeps for showing sentences: some 700 bytes each (2.8 MB
 * in all), for the passages of the last ~800 questions (5 each), as popular stories are asked
 * about again.
 */
const SPLIT_CACHE = 4096;

export interface Ranking {
  query: Query;
  ranked: Ranked[];
}

/**
 * The answer engine: an inverted index over the paragraphs of a set of articles.
 * Built once per set of articles; answering never changes what it returns.
 */
export class SearchEngine {
  private readonly ownCorpus: Corpus;
  /** The corrector of question words the corpus does not know (null when turned off). */
  readonly spell: SpellCorrector | null;
  private readonly ranker: Ranker;
  /** Recently shown paragraphs, split into sentences (least recently used dropped first). */
  private readonly splits = new Map<number, SplitParagraph>();
  /** The stems of the words of the paragraphs shown (see `split`), by raw word. */
  private readonly wordStems: WordStems;
  /**
   * The engine this one was updated from (held weakly: it may go) and its arrays (held: the next
   * update reuses them, see `update`).
   */
  private previous: { engine: WeakRef<SearchEngine>; arrays: Record<string, PooledArray> } | undefined;
  /** Set once an engine updated from this one holds this one's arrays for its own update: only one may. */
  private arraysPromised = false;
  /** Set once this engine's arrays were reused: the engine that then answers in its place. */
  private successor: SearchEngine | undefined;
  /** Buffers allocated for this engine's first update, which has no predecessor to take them from (see `buildInSlices`). */
  private reserve: Record<string, PooledArray> | undefined;

  /** The engine over `corpus`; one updated from `previous` takes over its ranker's scratch space (see Ranker). */
  private constructor(corpus: Corpus, spell: SpellCorrector | null, previous?: SearchEngine) {
    this.ownCorpus = corpus;
    this.spell = spell;
    this.ranker = new Ranker(corpus, previous?.ranker);
    this.wordStems = new WordStems(corpus.vocab);
  }

  /** The indexed corpus (a retired engine's successor's; see `update`). */
  get corpus(): Corpus {
    return this.live.ownCorpus;
  }

  /** This engine, or once retired (see `update`), the newest engine it was updated to. */
  private get live(): SearchEngine {
    let engine = this.successor;
    if (!engine) return this;
    while (engine.successor) engine = engine.successor;
    return engine;
  }

  static build(articles: readonly Article[], options: EngineOptions = {}): SearchEngine {
    return SearchEngine.over(Corpus.build(articles), options);
  }

  /**
   * The same engine as `build`, built in slices with a pause (by default one turn of the event
   * loop) between them: a live reload of a large library no longer holds every interaction up
   * for the whole build, only for one slice (see `bench/reload.ts`).
   *
   * For a library kept up to date (see `update`), it also allocates the buffers of its first
   * update (ArrayPool.reserve), which has no retired engine to take them from: some 100 MB of new
   * buffers at 100,000 paragraphs, as "external memory", set off a full garbage collection in the
   * middle of that update (a pause of 10-25 ms), and their first writes cost it ~350 ms of page
   * faults. The collection now comes here; the page faults after the engine is returned, in slices
   * with `pause()` between them (`prefaultReserve`), while the bot starts or answers.
   */
  static async buildInSlices(articles: readonly Article[], options: EngineOptions = {}, pause: () => Promise<void> = nextTurn): Promise<SearchEngine> {
    const corpus = await Corpus.buildInSlices(articles, pause);
    await pause();
    const engine = SearchEngine.over(corpus, options);
    engine.reserve = ArrayPool.reserve(corpus.arrays());
    void engine.prefaultReserve(pause);
    return engine;
  }

  /** Writes the buffers reserved for the first update (see `buildInSlices`) in slices, until done or until an update took them. */
  private async prefaultReserve(pause: () => Promise<void>): Promise<void> {
    const reserve = this.reserve;
    if (reserve)
      await inSlices(
        ArrayPool.prefault(reserve, new SliceClock(), () => this.reserve === reserve),
        pause,
      );
  }

  /**
   * The engine over `next`: answers exactly as `build(next)` would. When most articles of `next`
   * are this engine's own article objects in the same order, the index is updated rather than
   * rebuilt (see corpus-update.ts): only the articles added or removed are read, and the rest is
   * copied over in slices with a pause between them; otherwise it is built in slices. This
   * engine is left as it is, so questions keep being answered from it meanwhile.
   *
   * The copy goes into the arrays of the engine this one was updated from: nothing should read
   * that engine any more (this one replaced it), and reusing its arrays spares allocating (and
   * collecting) a whole index per update. Those arrays are held until then, so a library kept up
   * to date holds one spare set of them, as a library just started does (see `buildInSlices`).
   * Held weakly, they were gone after most full collections, and the next update then wrote some
   * 100 MB of new buffers at 100,000 paragraphs: 0.6-0.95 s to service instead of 0.3 s, and
   * collections set off by the new "external" memory in its slices. That engine is retired:
   * should a question still come to it (from a caller that held on to it across two updates), it
   * is answered by this one, so it always sees one whole index.
   */
  async update(next: readonly Article[], pause: () => Promise<void> = nextTurn): Promise<SearchEngine> {
    if (this.successor) return this.live.update(next, pause);
    const spare = this.spareArrays();
    const pool = new ArrayPool(spare);
    await pause(); // the caller has just worked out `next`
    const update = await inSlices(updateSteps(this.ownCorpus, next, pool), pause);
    let engine: SearchEngine;
    if (!update) {
      const corpus = await Corpus.buildInSlices(next, pause, SLICE_CHARS, pool);
      await pause();
      const spell = this.spell && (await inSlices(buildDictionarySteps(corpus.vocab, new SliceClock()), pause));
      engine = new SearchEngine(corpus, spell, this);
    } else {
      if (update.corpus === this.ownCorpus) {
        this.reserve = spare; // nothing was written: kept for the next update
        return this;
      }
      await pause();
      const spell = this.spell && (await inSlices(updateDictionary(this.spell, update.corpus.vocab, update.changedWords, new SliceClock()), pause));
      await pause();
      engine = new SearchEngine(update.corpus, spell, this);
    }
    if (!this.arraysPromised) {
      this.arraysPromised = true;
      engine.previous = { engine: new WeakRef(this), arrays: this.ownCorpus.arrays() };
    }
    return engine;
  }

  /**
   * The arrays of the engine this one was updated from, which is retired (see `update`); else
   * those reserved at the build (see `buildInSlices`); none when neither is held.
   */
  private spareArrays(): Record<string, PooledArray> | undefined {
    const previous = this.previous;
    const reserve = this.reserve;
    this.previous = undefined;
    this.reserve = undefined;
    if (previous) {
      const old = previous.engine.deref();
      if (!old) return previous.arrays; // gone: nothing can read its arrays
      if (!old.successor) {
        old.successor = this;
        return previous.arrays;
      }
    }
    return reserve;
  }

  /** The engine over a built corpus: its spell corrector and ranker. */
  private static over(corpus: Corpus, options: EngineOptions): SearchEngine {
    const spell = options.spell === false ? null : buildDictionary(corpus.vocab);
    return new SearchEngine(corpus, spell);
  }

  /** The paragraphs ranked for a question (for benchmarks and diagnostics), best first. */
  rank(question: string, options: { articleId?: string; limit?: number; weights?: Weights } = {}): Ranking | null {
    if (this.successor) return this.live.rank(question, options);
    const range = this.range(options.articleId);
    if (!range) return null;
    const weights = options.weights ?? DEFAULT_WEIGHTS;
    const [from, to] = range;
    const query = analyse(question, this.corpus, this.spell, weights.corrected, (known) => this.ranker.context(known, from, to));
    const ranked = this.ranker.rank(query, weights, from, to, options.limit ?? 10);
    return { query, ranked };
  }

  /** The best passage for a question already checked by the caller (see Library.question), with alternatives. */
  answer(question: string, options: SearchOptions = {}): AnswerResult {
    if (this.successor) return this.live.answer(question, options);
    const n = Math.max(0, options.alternatives ?? 3);
    if (options.articleId !== undefined && !this.corpus.articleById.has(options.articleId)) {
      return { kind: 'none', alternatives: [], reason: `There is no article "${options.articleId}".` };
    }
    // two at least: the runner-up's score is part of the confidence
    const ranking = this.rank(question, { articleId: options.articleId, limit: Math.max(2, n + 1) });
    if (!ranking || ranking.ranked.length === 0) {
      const missing = ranking ? missingWords(ranking.query) : [];
      return {
        kind: 'none',
        alternatives: [],
        reason: 'No passage shares a searchable word with the question.',
        ...(missing.length ? { missing, suggestion: `No article mentions ${quote(missing)}: try the words the story would use.` } : {}),
      };
    }
    const { ranked, query } = ranking;
    const shown = ranked.slice(0, n + 1);
    const matches = shown.map((r, i) => this.match(r, query, confidence(ranked, i, query)));
    const [best, ...alternatives] = matches;
    const decided = verdict(ranked, query);
    if (decided !== 'answer') return noAnswer(decided === 'plausible', best, alternatives, query, options.articleId !== undefined);
    return { kind: 'answer', best, alternatives };
  }

  private split(p: number, text: string): SplitParagraph {
    let split = this.splits.get(p);
    if (split) {
      this.splits.delete(p);
    } else {
      split = splitParagraph(text, this.live.wordStems);
      if (this.splits.size >= SPLIT_CACHE) this.splits.delete(this.splits.keys().next().value as number);
    }
    this.splits.set(p, split);
    return split;
  }

  private range(articleId?: string): [number, number] | null {
    const c = this.corpus;
    if (articleId === undefined) return [0, c.paragraphCount];
    const a = c.articleById.get(articleId);
    if (a === undefined) return null;
    return [c.articleStart[a], c.articleStart[a + 1]];
  }

  /**
   * A Match for a ranked paragraph. Its `sentence` is worked out when first read (splitting a
   * paragraph into sentences costs more than ranking it), then kept; it reads like a plain field.
   */
  private match(r: Ranked, query: Query, confidence: number): Match {
    const c = this.corpus;
    const article = c.articles[c.paraArticle[r.p]];
    const paragraph = article.paragraphs[c.paraIndex[r.p]];
    let sentence: string | undefined;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return {
      article,
      paragraph,
      passage: paragraph.text,
      get sentence(): string {
        if (sentence === undefined) {
          const split = self.split(r.p, paragraph.text);
          sentence = split.spans.length ? sentenceOf(split, pickSentence(split, query, c, r.p)) : paragraph.text;
        }
        return sentence;
      },
      set sentence(value: string) {
        sentence = value;
      },
      score: Math.round(r.score * 1000) / 1000,
      confidence: Math.round(confidence * 1000) / 1000,
    };
  }
}

/**
 * An abstention that helps: why, which question words no article contains, and what to try.
 * `plausible`: the closest passage may answer (show it as such); otherwise nothing is about the question.
 */
function noAnswer(plausible: boolean, closest: Match, alternatives: Match[], query: Query, scoped: boolean): NoAnswer {
  const missing = missingWords(query);
  const reason = plausible
    ? 'The closest passage may answer this, but it matches only part of the question.'
    : 'No passage is about what the question asks: the closest one matches too few of its key words.';
  const tries: string[] = [];
  if (missing.length) tries.push(`no article mentions ${quote(missing)}: try the words the story would use`);
  if (plausible) tries.push('add a name, place or date from the story');
  if (!scoped && plausible) tries.push('or ask about one article');
  const suggestion = tries.length ? `${tries.join('; ').replace(/^./, (c) => c.toUpperCase())}.` : undefined;
  return { kind: 'none', closest, alternatives, reason, plausible, ...(missing.length ? { missing } : {}), ...(suggestion ? { suggestion } : {}) };
}

/** The question's words (as asked) that no article contains, or only through a spelling correction of an English word. */
function missingWords(query: Query): string[] {
  return [...new Set(query.terms.filter((t) => !t.frame && !t.expansion && (t.stem < 0 || t.evidence === 0)).map((t) => t.word))];
}

function quote(words: readonly string[]): string {
  return words.map((w) => `“${w}”`).join(', ');
}
