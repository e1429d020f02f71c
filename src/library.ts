import Fuse from 'fuse.js';
import type { AnswerResult, Article, LoadProblem, Summary } from './types.ts';
import { SearchEngine, type SearchOptions } from './search/engine.ts';
import { summarize, type SummaryOptions } from './summary/summarize.ts';

/**
 * The loaded articles with their search index: immutable once built, so a question in flight
 * always sees one whole library. Reloading builds a new Library and swaps it in (LibraryStore).
 */
export class Library {
  /** Newest first (undated last), then by title. */
  readonly articles: readonly Article[];
  private readonly byId: ReadonlyMap<string, Article>;
  private readonly titles: Fuse<Article>;

  constructor(
    articles: readonly Article[],
    /** Files that were skipped, with the reason. */
    readonly problems: readonly LoadProblem[] = [],
    readonly engine: SearchEngine = SearchEngine.build(articles),
  ) {
    this.articles = [...articles].sort(newestFirst);
    this.byId = new Map(this.articles.map((a) => [a.id, a]));
    this.titles = new Fuse(this.articles, {
      keys: [
        { name: 'title', weight: 0.7 },
        { name: 'id', weight: 0.3 },
      ],
      ignoreLocation: true,
      threshold: 0.4,
    });
  }

  get paragraphCount(): number {
    return this.articles.reduce((n, a) => n + a.paragraphs.length, 0);
  }

  article(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** The newest article (by date), if any. */
  newest(): Article | undefined {
    return this.articles[0];
  }

  /**
   * Articles whose title or id match `query` fuzzily, best first (for autocomplete).
   * An empty query lists the newest articles.
   */
  findArticles(query: string, limit = 25): Article[] {
    const q = query.trim();
    if (!q) return this.articles.slice(0, limit);
    return this.titles.search(q, { limit }).map((r) => r.item);
  }

  /** An exact id, else the best fuzzy title/id match, else undefined. */
  resolveArticle(query: string): Article | undefined {
    return this.article(query.trim()) ?? this.findArticles(query, 1)[0];
  }

  ask(question: string, options: SearchOptions = {}): AnswerResult {
    return this.engine.answer(question, options);
  }

  summarize(article: Article, options: SummaryOptions = {}): Summary {
    return summarize(article, options);
  }
}

function newestFirst(a: Article, b: Article): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return a.title.localeCompare(b.title);
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
