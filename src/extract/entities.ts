import { decodeHTML } from 'entities';

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/**
 * Text that was escaped once too often (`&amp;#163;`, `&#163;` left in a title after parsing):
 * decoded until no entity is left, at most twice more. Text without entities is returned as is.
 */
export function decodeLeftoverEntities(text: string): string {
  let out = text;
  for (let i = 0; i < 2 && ENTITY.test(out); i++) out = decodeHTML(out);
  return out;
}
