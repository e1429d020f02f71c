import type { Article, Paragraph } from '../types.ts';
import { splitSentences } from '../text/sentences.ts';

/** Why a text is not an article, in words that name the problem. */
export class ArticleFormatError extends Error {
  override readonly name = 'ArticleFormatError';
}

export interface ParseOptions {
  /** The article's id (the file name without extension). */
  id: string;
  /** Where it came from, shown as the source when nothing better is known. */
  file?: string;
}

/** A subheading is a short line that does not end like a sentence. */
const MAX_HEADING_CHARS = 100;
const MAX_HEADING_WORDS = 14;
const SENTENCE_END = /[.!?:;…"'”’)\]]$/;
/** Whitespace other than single spaces (tabs, no-break spaces, runs). */
const LOOSE_SPACE = /\s\s|[^\S ]/;
const STARTS_SENTENCE = /^["'“‘([]?[\p{Lu}\p{N}]/u;
const DATE_HEADER = /^date[ \t]+(\S+)[ \t]*(.*)$/i;

/**
 * Text → Article. Tolerates a BOM, CRLF, trailing spaces and runs of blank lines.
 *
 * Format: an optional `date YYYY-MM-DD` header at the very start with the lede on the same line;
 * paragraphs separated by blank lines; a short line without end punctuation is a subheading that
 * belongs to the paragraphs after it (a heading before the first paragraph is the headline).
 */
export function parseArticle(text: string, options: ParseOptions): Article {
  // (Each line is trimmed and its runs of spaces folded when it joins a block.)
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

  let date: string | null = null;
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first >= 0) {
    const header = DATE_HEADER.exec(lines[first].trim());
    if (header) {
      date = checkDate(header[1]);
      lines[first] = header[2];
    }
  }

  let headline: string | undefined;
  let section: string | undefined;
  const paragraphs: Paragraph[] = [];
  for (const block of blocks(lines)) {
    let rest = block;
    // A heading line on top of its paragraph's lines is told from a wrapped line by what follows.
    while (rest.length > 0 && isHeading(rest[0]) && (rest.length === 1 || STARTS_SENTENCE.test(rest[1]))) {
      if (paragraphs.length === 0 && headline === undefined && section === undefined) headline = rest[0];
      else section = rest[0];
      rest = rest.slice(1);
    }
    if (rest.length === 0) continue;
    const paragraph: Paragraph = { index: paragraphs.length + 1, text: rest.join(' ') };
    if (section !== undefined) paragraph.section = section;
    paragraphs.push(paragraph);
  }
  if (paragraphs.length === 0) {
    throw new ArticleFormatError(headline || date ? 'it has no paragraphs, only a heading' : 'it is empty');
  }

  const title = headline ?? firstSentence(paragraphs[0].text);
  const source = options.file ? options.file.split(/[\\/]/).pop() || options.id : options.id;
  const article: Article = { id: options.id, title, date, source, paragraphs };
  if (options.file) article.file = options.file;
  return article;
}

/** Non-blank runs of lines, each trimmed. */
function* blocks(lines: string[]): Generator<string[]> {
  let block: string[] = [];
  for (const raw of lines) {
    const trimmed = raw.trim();
    const line = LOOSE_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
    if (line) {
      block.push(line);
    } else if (block.length > 0) {
      yield block;
      block = [];
    }
  }
  if (block.length > 0) yield block;
}

function isHeading(line: string): boolean {
  return line.length <= MAX_HEADING_CHARS && line.split(' ').length <= MAX_HEADING_WORDS && !SENTENCE_END.test(line) && /\p{L}/u.test(line);
}

function firstSentence(text: string): string {
  return splitSentences(text)[0] ?? text;
}

/** `YYYY-MM-DD` that names a real calendar day, else an ArticleFormatError. */
export function checkDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new ArticleFormatError(`the date "${value}" is not in the form YYYY-MM-DD`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new ArticleFormatError(`the date ${value} does not exist`);
  }
  return value;
}
