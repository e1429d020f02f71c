/**
 * Loads the compact SQuAD v1.1 dev file (`../shared/data/squad-dev-v1.1.jsonl`) as Articles:
 * each SQuAD article becomes an Article (id = its title), each paragraph a Paragraph (1-based).
 * Returns null when the file is absent, so benchmarks can skip it.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Article } from '../../src/types.ts';

export interface SquadQuestion {
  id: string;
  q: string;
  articleId: string;
  /** 1-based paragraph index within the article. */
  paragraph: number;
  answers: string[];
}

export interface Squad {
  articles: Article[];
  questions: SquadQuestion[];
}

interface SquadLine {
  title: string;
  paragraphs: string[];
  questions: { id: string; q: string; paragraph_index: number; answers: string[] }[];
}

export function loadSquad(path: string): Squad | null {
  if (!existsSync(path)) return null;
  const articles: Article[] = [];
  const questions: SquadQuestion[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as SquadLine;
    articles.push({
      id: o.title,
      title: o.title.replace(/_/g, ' '),
      date: null,
      source: 'SQuAD v1.1 dev (Wikipedia, CC BY-SA 4.0)',
      paragraphs: o.paragraphs.map((text, i) => ({ index: i + 1, text })),
    });
    for (const q of o.questions) {
      questions.push({ id: q.id, q: q.q, articleId: o.title, paragraph: q.paragraph_index + 1, answers: q.answers });
    }
  }
  return { articles, questions };
}
