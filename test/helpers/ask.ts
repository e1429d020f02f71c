import type { Library } from '../../src/library/library.ts';
import type { SearchOptions } from '../../src/search/engine.ts';
import type { AnswerResult } from '../../src/types.ts';

/** Checks `text` with the library and asks it; a rejected question fails the test. */
export function askText(library: Library, text: string, options: SearchOptions = {}): AnswerResult {
  const check = library.question(text);
  if (!check.ok) throw new Error(`the question "${text}" was rejected: ${check.error}`);
  return library.ask(check.question, options);
}
