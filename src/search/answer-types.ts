/**
 * Answer types: what kind of answer a question asks for ("how far" → a length, "how much" → an
 * amount of money, "which company" → an organisation) and which kinds a sentence holds, as bit
 * masks. The question's types come from a dozen patterns on its wording; a sentence's from its
 * words: each distinct word's types are worked out once (`wordTypes`, cached by the index's
 * tokeniser per raw token), plus two looks at the text around an occurrence (a currency sign
 * before a number, a per cent sign after it; a capitalised word after "in" or "at").
 * The index keeps one mask per sentence (corpus.ts); features.ts matches it to the question's.
 */
import { isWordChar } from '../text/words.ts';

export const TYPE_LENGTH = 1;
export const TYPE_DURATION = 2;
export const TYPE_DATE = 4;
export const TYPE_MONEY = 8;
export const TYPE_COUNT = 16;
export const TYPE_PERCENT = 32;
export const TYPE_ORGANISATION = 64;
export const TYPE_PLACE = 128;
export const TYPE_REASON = 256;
export const TYPE_PERSON = 512;
/** The types that are amounts (the rest are dates, names, places and reasons): features.ts weighs the two groups apart. */
export const QUANTITY_TYPES = TYPE_LENGTH | TYPE_DURATION | TYPE_MONEY | TYPE_COUNT | TYPE_PERCENT;
/**
 * The other types a sentence's words show reliably: dates, places ("in" + a capitalised word) and
 * reasons. Organisations and people are left out of the features: a sentence "holds" one for any
 * acronym or title word, and so nearly every sentence of a news story or an encyclopedia does.
 */
export const CLEAR_TYPES = TYPE_DATE | TYPE_PLACE | TYPE_REASON;

/**
 * What the question word asks for: each pattern starts at a question word (what, which, who,
 * where, when, why, how) and counts only at the question's first one, as a later one opens a
 * relative clause ("When will we find out who gets the frigates?" asks for a time, not a person;
 * "Which company runs the car park where he was fined?" for a company, not a place).
 */
const QUESTION_WORD_PATTERNS: readonly [RegExp, number][] = [
  [/^how (far|deep|high|tall|wide|thick|close|near)\b|^what (length|depth|height|distance|size)\b/, TYPE_LENGTH],
  [/^how long\b/, TYPE_LENGTH | TYPE_DURATION | TYPE_DATE],
  [/^how (big|large|small)\b/, TYPE_LENGTH | TYPE_COUNT],
  [/^how soon\b|^how often\b/, TYPE_DURATION | TYPE_DATE],
  [/^how much\b/, TYPE_MONEY | TYPE_PERCENT],
  [/^how many\b|^what (number|percentage|proportion|share|amount)\b/, TYPE_COUNT | TYPE_PERCENT],
  [/^when\b|^(what|which) (year|date|day|month|time|season)\b/, TYPE_DATE],
  [
    /^(which|what) (company|companies|firm|firms|club|clubs|group|groups|team|organi[sz]ation|business|bank|council|charity|agency|retailer|chain|airline|body|supermarket|brand|operator|developer|contractor|provider)\b/,
    TYPE_ORGANISATION,
  ],
  [/^where\b|^(which|what) (town|city|country|county|area|village|street|region|place|state|venue|site|location)\b/, TYPE_PLACE],
  [/^why\b|^what (caused|causes|led to|prompted)\b/, TYPE_REASON],
  [/^who(m|se)?\b/, TYPE_PERSON | TYPE_ORGANISATION],
];

/**
 * Nouns that name the kind of answer wherever they stand ("What's the total price tag?", "the
 * reason for the delay?"); they count unless the question word asks for something else
 * ("Which judges heard the parking fine appeal?" asks for people, not money).
 */
const KEYWORD_PATTERNS: readonly [RegExp, number][] = [
  [/\b(price|prices|cost|costs|costing|fee|fees|salary|salaries|fine|fined|paid|pay|worth|spend|spent|charge|charged|sum|bill|compensation)\b/, TYPE_MONEY],
  [/\breason\b/, TYPE_REASON],
];

const QUESTION_WORD = /\b(what|which|who|whom|whose|where|when|why|how)\b/;

/** The kinds of answer a question asks for (0: none recognised). */
export function questionTypes(question: string): number {
  const q = question.toLowerCase();
  const at = QUESTION_WORD.exec(q);
  const asked = at ? q.slice(at.index) : '';
  let types = 0;
  for (const [pattern, t] of QUESTION_WORD_PATTERNS) if (pattern.test(asked)) types |= t;
  // "what" and "how" leave the kind to the nouns; "which judges", "who" do not
  if (!at || at[1] === 'what' || at[1] === 'how') for (const [pattern, t] of KEYWORD_PATTERNS) if (pattern.test(q)) types |= t;
  return types;
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(' '));

const LENGTH_WORDS = set(
  'km kms kilometre kilometres kilometer kilometers mile miles metre metres meter meters cm mm centimetres millimetres ft feet foot inch inches yard yards mi',
);
const DURATION_WORDS = set('year years month months week weeks day days hour hours minute minutes decade decades century centuries fortnight fortnights');
const DATE_WORDS = set(
  'monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow tonight weekend spring summer autumn winter christmas easter ago january february march april may june july august september october november december',
);
/** Words that are dates only when capitalised (a month that is also a common word). */
const CAPITAL_DATE_WORDS = set('march may');
const MONEY_WORDS = set('pound pounds dollar dollars euro euros pence cents yen rupees usd gbp eur');
const PERCENT_WORDS = set('percent cent percentage');
const NUMBER_WORDS = set(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens',
);
/** Capitalised, these name an organisation ("ParkingEye Ltd", "Leeds City Council"). */
const ORGANISATION_WORDS = set(
  'ltd limited plc inc llc corp corporation company co council club group fc association trust bank university college police ministry department agency authority commission foundation society union party airways airlines holdings partners network charity institute board service services',
);
/** Capitalised, these name a place ("Station Road"). */
const PLACE_WORDS = set('street road avenue lane square park county city town village river bridge station airport hospital');
const REASON_WORDS = set('because due owing caused causing cause blamed reason reasons result amid referring');
const PERSON_WORDS = set(
  'mr mrs ms miss dr sir lord lady dame prof professor rev spokesman spokeswoman spokesperson chairman chairwoman director minister secretary officer manager owner founder chief judge inspector detective councillor mp',
);
/** Before a capitalised word, these make it a place ("in Leeds", "at Heathrow"). */
const PLACE_PREPOSITIONS = set('in at near from');

/** "12km", "£3m": both kinds at once (constants, not `|` at run time: a branch the tokeniser first
 * takes once optimised would otherwise deoptimise it for want of type feedback). */
const LENGTH_AND_COUNT = TYPE_LENGTH | TYPE_COUNT;
const MONEY_AND_COUNT = TYPE_MONEY | TYPE_COUNT;

/**
 * The types a word holds wherever it occurs, from the word as written (`lower` is its
 * lowercase form): a year or month is a date, a number a count, "Ltd" an organisation…
 */
export function wordTypes(word: string, lower: string): number {
  const c = word.charCodeAt(0);
  const capital = c >= 65 && c <= 90;
  if (c >= 48 && c <= 57) {
    if (/^(1[89]|20)\d\ds?$/.test(lower)) return TYPE_DATE;
    if (/^\d+(km|m|cm|mm|ft|mi|in|miles?|metres?|meters?)$/.test(lower)) return LENGTH_AND_COUNT;
    if (/^\d+(bn|m|k|p)$/.test(lower)) return MONEY_AND_COUNT;
    if (/^\d+(st|nd|rd|th)$/.test(lower)) return TYPE_DATE;
    if (/^\d+(am|pm)$/.test(lower)) return TYPE_DATE;
    return TYPE_COUNT;
  }
  let t = 0;
  if (LENGTH_WORDS.has(lower)) t |= TYPE_LENGTH;
  if (DURATION_WORDS.has(lower)) t |= TYPE_DURATION;
  if (DATE_WORDS.has(lower) && (capital || !CAPITAL_DATE_WORDS.has(lower))) t |= TYPE_DATE;
  if (MONEY_WORDS.has(lower)) t |= TYPE_MONEY;
  if (PERCENT_WORDS.has(lower)) t |= TYPE_PERCENT;
  if (NUMBER_WORDS.has(lower)) t |= TYPE_COUNT;
  if (REASON_WORDS.has(lower)) t |= TYPE_REASON;
  if (capital) {
    if (ORGANISATION_WORDS.has(lower)) t |= TYPE_ORGANISATION;
    if (PLACE_WORDS.has(lower)) t |= TYPE_PLACE;
    if (PERSON_WORDS.has(lower)) t |= TYPE_PERSON;
    if (word.length >= 2 && word.length <= 6 && word === word.toUpperCase() && /^[A-Z]+$/.test(word)) t |= TYPE_ORGANISATION; // BBC, NHS
  }
  return t;
}

/** Is this word one that makes a capitalised word after it a place ("in", "at")? */
export function isPlacePreposition(lower: string): boolean {
  return PLACE_PREPOSITIONS.has(lower);
}

/**
 * What the text around a number adds (the number text[start, end)): money after a currency sign
 * ("£15", "$2m"), a percentage before a per cent sign ("12%").
 */
export function numberContext(text: string, start: number, end: number): number {
  let t = 0;
  const before = start > 0 ? text.charCodeAt(start - 1) : 0;
  if (before === 0x24 || before === 0xa3 || before === 0x20ac || before === 0xa5) t |= TYPE_MONEY;
  if (end < text.length && text.charCodeAt(end) === 0x25) t |= TYPE_PERCENT;
  return t;
}

/** The types a piece of text holds (a sentence shown with an answer): the index's rules applied to it. */
export function textTypes(text: string): number {
  let types = 0;
  let afterPreposition = false;
  let first = true;
  const n = text.length;
  for (let i = 0; i < n;) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isWordChar(text.charCodeAt(j))) j++;
    const word = text.slice(i, j);
    const lower = word.toLowerCase();
    const c = word.charCodeAt(0);
    types |= wordTypes(word, lower);
    if (c >= 48 && c <= 57) types |= numberContext(text, i, j);
    else if (afterPreposition && !first && ((c >= 65 && c <= 90) || (c > 127 && word[0] !== lower[0]))) types |= TYPE_PLACE; // capitalised as the index tells it
    afterPreposition = isPlacePreposition(lower);
    first = false;
    i = j;
  }
  return types;
}
