/**
 * Short forms after which a period may not end a sentence: the one list both sentence splitters
 * read (src/text/sentences.ts). Each entry says how a period after it is read (`kind`) and which
 * splitter knows it (`readBy`):
 *
 * - `title`: never ends a sentence (Mr. Dr. Gen. Jan. vs. approx.).
 * - `weak`: ends one only when a common sentence opener follows (Inc. Ltd. Jr. etc.; "… Apple
 *   Inc. The company …"); `state` (US state abbreviations: Aurora, Colo.) is read the same way.
 * - `number`: does not end one when a number follows (No. 5, Art. 9, p. 12).
 * - `latin`: e.g. and i.e., which never end one.
 *
 * `readBy`: the display splitter (`splitSentences`) reads the whole list, words as written
 * with their inner dots ("e.g", "ph.d"); the index's fast break test (`gapEndsSentence`, run
 * while tokenising) sees only letter-and-digit tokens, for which a period after any of its
 * words never ends a sentence. It knows the older, shorter part of the list ('both' and
 * 'index'): widening it would move sentence boundaries in the index, and with them the ranking
 * features and scores, so it stays as it is until it is refitted.
 */

export type AbbreviationKind = 'title' | 'weak' | 'state' | 'number' | 'latin';

interface Abbreviation {
  /** Lowercase, without the final period. */
  word: string;
  kind: AbbreviationKind;
  readBy: 'both' | 'display' | 'index';
}

function group(kind: AbbreviationKind, readBy: Abbreviation['readBy'], list: string): Abbreviation[] {
  return list.split(' ').map((word) => ({ word, kind, readBy }));
}

export const ABBREVIATIONS: readonly Abbreviation[] = [
  // titles and ranks, months, and short forms followed by more of the sentence
  ...group('title', 'both', 'mr mrs ms dr prof st mt ft gov sen rep gen col lt capt sgt rev vs approx ca fig vol al'),
  ...group('title', 'both', 'jan feb mar apr jun jul aug sep sept oct nov dec'),
  ...group('title', 'display', 'mx pres cpt spc maj cpl pte pvt supt det insp fr hon adm cmdr brig atty messrs mme mlle'),
  ...group('title', 'display', 'tues thurs v cf est pp op dept univ assn bros'),
  // company forms and suffixes
  ...group('weak', 'both', 'jr sr inc co corp ltd etc'),
  ...group('weak', 'display', 'plc llc ave blvd rd ph.d'),
  ...group('state', 'display', 'calif conn fla ga ill wash colo ariz penn tenn ky mich minn wis ore okla nev ala ark neb'),
  ...group('state', 'display', 'kan del md va pa wyo nh mass miss mo la ind tex vt wva mont ida nc sc nd sd ny'),
  ...group('number', 'both', 'no'),
  ...group('number', 'display', 'nos art sec p'),
  ...group('latin', 'display', 'e.g i.e'),
  // the tokens of e.g. and i.e. as the index's tokeniser cuts them
  ...group('latin', 'index', 'e i g'),
];
