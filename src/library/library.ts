import type { AnswerResult, Article, LoadProblem, Match, Summary } from '../types.ts';
import { SearchEngine, type SearchOptions } from '../search/engine.ts';
import { summarize, type SummaryOptions } from '../summary/summarize.ts';
import { loadArticles, type ArticleFileCache } from '../articles/load.ts';
import { checkQuestion } from '../search/question.ts';
import { articleRef, isHashedRef } from './article-ref.ts';
import { TitleIndex } from './titles.ts';

/** Title scores run from 0 (exact) to 1; a match this close is taken as the article meant. */
const CLOSE_TITLE_SCORE = 0.35;
/** …and it must stand clear of the next one, or the query is ambiguous. */
const CLOSE_TITLE_MARGIN = 0.05;

/** At most this many candidates are named when a query is ambiguous. */
const AMBIGUOUS_SHOWN = 5;

declare const checked: unique symbol;
/** A question that passed `Library.question`'s checks (trimmed, searchable): the only kind `ask` takes. */
export type Question = string & { readonly [checked]: true };

/** `Library.question`'s verdict: the checked question, or why it cannot be asked (for people). */
export type QuestionCheck = { ok: true; question: Question } | { ok: false; problem: 'rejected'; error: string };

/**
 * `Library.resolveArticle`'s verdict: the article meant, or why there is none: nothing matches
 * (`unknown`), or several match about equally well (`ambiguous`, best first).
 */
export type ArticleLookup =
  { ok: true; article: Article } | { ok: false; problem: 'unknown'; query: string } | { ok: false; problem: 'ambiguous'; query: string; candidates: Article[] };

/** How many answers each of a library's memo caches keeps. */
const MEMO_ENTRIES = 2000;

/** A Library's parts made already, or taken over from another library (see the constructor). */
interface LibraryParts {
  /** The title index of the articles sorted newest first. */
  titles?: TitleIndex;
  found?: BoundedCache<string, Article[]>;
  summaries?: BoundedCache<string, Summary>;
  answers?: BoundedCache<string, AnswerResult>;
}

/** A Map that forgets its oldest entry beyond `max` entries. */
class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    if (this.map.size >= this.max && !this.map.has(key)) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
  }
}

/** An answer with every match's sentence worked out (a plain field instead of a getter holding the ranking). */
function settled(answer: AnswerResult): AnswerResult {
  const plain = (m: Match): Match => ({ article: m.article, paragraph: m.paragraph, passage: m.passage, sentence: m.sentence, score: m.score, confidence: m.confidence });
  const alternatives = answer.alternatives.map(plain);
  if (answer.kind === 'answer') return { ...answer, best: plain(answer.best), alternatives };
  return { ...answer, ...(answer.closest ? { closest: plain(answer.closest) } : {}), alternatives };
}

/**
 * The loaded articles with their search index: immutable once built, so a question in flight
 * always sees one whole library. Reloading builds a new Library and swaps it in (LibraryStore).
 */
export class Library {
  /** Newest first (undated last), then by title. */
  readonly articles: readonly Article[];
  readonly paragraphCount: number;
  private readonly byId: ReadonlyMap<string, Article>;
  private readonly titles: TitleIndex;
  /** Hashed references (`~…`, see articleRef) → article, built on first use. */
  private byRef: ReadonlyMap<string, Article> | undefined;
  /** Autocomplete asks the same prefixes again and again: answers are kept (the library never changes). */
  private readonly found: BoundedCache<string, Article[]>;
  /**
   * Summaries by article id and options. A summary depends on its article alone and is checked
   * against it (`summarize`), so a library made by a live update takes over the cache of the one
   * it replaces: the articles kept are the same objects, and their summaries stay good.
   */
  private readonly summaries: BoundedCache<string, Summary>;
  /**
   * Answers already given: each press of an answer's buttons asks its question again, and people
   * in a channel ask the same thing (kept with their sentences worked out, which every reply shows).
   * Any change of the articles can change any answer, so only a library with the same index takes them over.
   */
  private readonly answers: BoundedCache<string, AnswerResult>;

  constructor(
    articles: readonly Article[],
    /** Files that were skipped, with the reason. */
    readonly problems: readonly LoadProblem[] = [],
    readonly engine: SearchEngine = SearchEngine.build(articles),
    /** What is made already (see `inSlices`) or taken over from the library this one replaces. */
    made: LibraryParts = {},
  ) {
    this.articles = newestFirst(articles);
    this.paragraphCount = this.articles.reduce((n, a) => n + a.paragraphs.length, 0);
    this.byId = new Map(this.articles.map((a) => [a.id, a]));
    this.titles = made.titles ?? new TitleIndex(this.articles);
    this.found = made.found ?? new BoundedCache(MEMO_ENTRIES);
    this.summaries = made.summaries ?? new BoundedCache(MEMO_ENTRIES);
    this.answers = made.answers ?? new BoundedCache(MEMO_ENTRIES);
  }

  /**
   * The same library as the constructor's, made with `pause()` awaited between its steps (the
   * sort, slices of the title index): a live update makes one for every change, while the bot
   * answers from the one in service, `previous`, whose summaries (and title index, when no title
   * changed) it takes over.
   */
  static async inSlices(articles: readonly Article[], problems: readonly LoadProblem[], engine: SearchEngine, pause: () => Promise<void>, previous?: Library): Promise<Library> {
    const sorted = newestFirst(articles);
    await pause();
    const titles = await TitleIndex.inSlices(sorted, pause, previous?.titles);
    // sorted already: the constructor's sort is one pass
    return new Library(sorted, problems, engine, { titles, summaries: previous?.summaries });
  }

  /** A library of the same articles and index with other problems (a file became unusable, or usable again). */
  withProblems(problems: readonly LoadProblem[]): Library {
    return new Library(this.articles, problems, this.engine, { titles: this.titles, found: this.found, summaries: this.summaries, answers: this.answers });
  }

  article(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** The newest article (by date), if any. */
  newest(): Article | undefined {
    return this.articles[0];
  }

  /**
   * Articles whose title or id match `query`, best first (for autocomplete): those containing
   * every typed word literally (newest first), then, when those are few, fuzzy matches of the
   * titles (fuse.js, see TitleIndex) for typos. An empty query lists the newest articles.
   */
  findArticles(query: string, limit = 25): Article[] {
    const key = `${limit}\n${query.trim().toLowerCase()}`;
    let found = this.found.get(key);
    if (!found) {
      found = this.titles.find(query, limit);
      this.found.set(key, found);
    }
    return found;
  }

  /**
   * The article a person meant (an `article` option, `--article`): an exact id or reference
   * (`articleByRef`), else an id or title equal but for case, else the one article whose title
   * and id contain every word given, else a close fuzzy title match that stands clear of the
   * others. A loose match is `unknown` and a close call `ambiguous`: better to say so than to
   * answer from the wrong article.
   */
  resolveArticle(query: string): ArticleLookup {
    const q = query.trim();
    const unknown = { ok: false, problem: 'unknown', query: q } as const;
    if (!q) return unknown;
    const exact = this.articleByRef(q);
    if (exact) return { ok: true, article: exact };
    const lower = q.toLowerCase();
    const same = this.articles.find((a) => a.id.toLowerCase() === lower || a.title.toLowerCase() === lower);
    if (same) return { ok: true, article: same };
    const literal = this.titles.literal(lower, AMBIGUOUS_SHOWN);
    if (literal.length === 1) return { ok: true, article: literal[0] };
    if (literal.length > 1) return { ok: false, problem: 'ambiguous', query: q, candidates: literal };
    const fuzzy = this.titles.fuzzy(q);
    const [best] = fuzzy;
    if (!best || best.score > CLOSE_TITLE_SCORE) return unknown;
    const close = fuzzy.filter((m) => m.score - best.score < CLOSE_TITLE_MARGIN).slice(0, AMBIGUOUS_SHOWN);
    if (close.length === 1) return { ok: true, article: best.article };
    return { ok: false, problem: 'ambiguous', query: q, candidates: close.map((m) => m.article) };
  }

  /** The article a reference names exactly (an id, or a hashed `~…` reference from `articleRef`); no guessing. */
  articleByRef(ref: string): Article | undefined {
    const byId = this.byId.get(ref);
    if (byId || !isHashedRef(ref)) return byId;
    this.byRef ??= new Map(this.articles.map((a) => [articleRef(a.id), a]));
    return this.byRef.get(ref);
  }

  /**
   * Checks a question before it is asked: trimmed, and rejected with a reason a person can act
   * on when it cannot be searched (empty, too long, no word but common ones).
   */
  question(raw: string): QuestionCheck {
    const check = checkQuestion(raw);
    return check.ok ? { ok: true, question: check.question as Question } : { ok: false, problem: 'rejected', error: check.error };
  }

  /** The engine's answer (SearchEngine.answer), the same one again for the same question and options. */
  ask(question: Question, options: SearchOptions = {}): AnswerResult {
    const key = `${options.articleId ?? ''}\n${options.alternatives ?? ''}\n${question}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = settled(this.engine.answer(question, options));
      this.answers.set(key, answer);
    }
    return answer;
  }

  summarize(article: Article, options: SummaryOptions = {}): Summary {
    const key = `${article.id}\n${options.sentences ?? ''}\n${options.maxWords ?? ''}`;
    let summary = this.summaries.get(key);
    if (!summary || summary.article !== article) {
      summary = summarize(article, options);
      this.summaries.set(key, summary);
    }
    return summary;
  }
}

/** No article could be loaded: nothing to answer from. */
export class NoArticlesError extends Error {
  override readonly name = 'NoArticlesError';
}

/**
 * Loads a folder into a Library. Bad files are skipped (see `problems`); a missing folder throws
 * ArticlesFolderError and a folder with no loadable article throws NoArticlesError. Give the
 * same cache to `watchLibrary` so that reloads read only the files that changed.
 */
export async function openLibrary(dir: string, cache?: ArticleFileCache): Promise<Library> {
  const { articles, problems } = await loadArticles(dir, cache);
  if (articles.length === 0) {
    const why = problems.length
      ? ` (${problems.length} file${problems.length === 1 ? '' : 's'} skipped: ${problems.map((p) => `${p.file}: ${p.reason}`).join('; ')})`
      : ' (no .txt files)';
    throw new NoArticlesError(`No article could be loaded from ${dir}${why}.`);
  }
  return new Library(articles, problems, await SearchEngine.buildInSlices(articles));
}

/**
 * `articles` newest first (undated last), then by title; in their given order when both are
 * equal. The dates and titles are read once into arrays and the positions sorted: articles come
 * in several shapes (parsed, with a sidecar applied…), and reading their fields in every
 * comparison was most of the cost (about 5 ms for 2,300 articles, in one block of a live update).
 * Titles are compared with one collator: `localeCompare` sets one up per call (another 7-11 ms).
 */
const TITLE_ORDER = new Intl.Collator();

function newestFirst(articles: readonly Article[]): Article[] {
  const dates = articles.map((a) => a.date);
  const titles = articles.map((a) => a.title);
  const order = articles.map((_, i) => i);
  order.sort((i, j) => {
    const a = dates[i],
      b = dates[j];
    if (a !== b) {
      if (a === null) return 1;
      if (b === null) return -1;
      return a < b ? 1 : -1;
    }
    return TITLE_ORDER.compare(titles[i], titles[j]);
  });
  return order.map((i) => articles[i]);
}

/**
 * Holds the current Library; `replace` swaps in a new one atomically (a single reference
 * assignment), so readers take `store.current` once per request and keep a consistent view.
 */
export class LibraryStore {
  private listeners = new Set<(library: Library) => void>();

  constructor(private library: Library) {}

  get current(): Library {
    return this.library;
  }

  replace(library: Library): void {
    this.library = library;
    for (const listener of this.listeners) listener(library);
  }

  onReplace(listener: (library: Library) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
