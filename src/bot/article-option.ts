import { articleRef } from '../library/article-ref.ts';
import type { ArticleLookup, Library } from '../library/library.ts';
import type { AutocompleteRequest, Choice } from './interaction.ts';
import { LIMITS } from './limits.ts';
import { escapeArticleMarkdown, fitPlain } from './safe-text.ts';

/** The `article` option that /ask and /summary share: its autocomplete and its problems. */

/** Autocomplete for an `article` option: fuzzy titles and ids, at most 25, names ≤ 100. */
export function articleChoices(request: AutocompleteRequest, library: Library): Choice[] {
  if (request.focused.name !== 'article') return [];
  const found = library.findArticles(request.focused.value.slice(0, 200), 25);
  return found.slice(0, 25).map((a) => ({
    name: fitPlain(`${a.title || a.id}${a.date ? ` (${a.date})` : ''}`, LIMITS.choiceName) || a.id.slice(0, LIMITS.choiceName),
    value: a.id.length <= LIMITS.choiceValue ? a.id : articleRef(a.id),
  }));
}

/** Why an `article` option names no article, in words a person can act on. */
export function lookupProblem(lookup: Exclude<ArticleLookup, { ok: true }>): string {
  const quoted = `“${escapeArticleMarkdown(fitPlain(lookup.query, 100))}”`;
  if (lookup.problem === 'unknown') return `No loaded article matches ${quoted}. See \`/articles\` for what is loaded.`;
  const titles = lookup.candidates.map((a) => `“${escapeArticleMarkdown(fitPlain(a.title || a.id, 80))}”`).join(', ');
  return `${quoted} matches several articles: ${titles}. Pick one from the list as you type, or give more of its title.`;
}
