/**
 * Dates as pages and feeds write them: ISO 8601 / RFC 3339 (`2024-03-05`, `2024-03-05T10:00:00+01:00`),
 * RFC 822 / 2822 as RSS uses them (`Tue, 05 Mar 2024 10:00:00 GMT`, two-digit years, zone names),
 * and the written forms `March 5, 2024`, `5 March 2024`, `2024/03/05`.
 *
 * The day is the one written (the publisher's own calendar day), not converted to UTC; the
 * instant, when a time is given, is for ordering and comparing versions.
 */
export interface WrittenDate {
  /** `YYYY-MM-DD`. */
  day: string;
  /** Milliseconds since the epoch when the text gives a time (midnight UTC of the day otherwise). */
  time: number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
  bst: 1,
  cet: 1,
  cest: 2,
  ist: 5.5,
  jst: 9,
  aest: 10,
};

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\b/;
const TIME = /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?\b/i;
const ZONE = /(?:\b(UTC?|GMT|Z|[ECMP][SD]T|BST|CES?T|IST|JST|AEST)\b)?\s*([+-]\d{2}:?\d{2})?\s*$/i;

export function parseWrittenDate(input: string | null | undefined): WrittenDate | null {
  const text = (input ?? '').trim();
  if (!text) return null;
  const iso = ISO.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const offset = iso[7] === undefined ? 0 : zoneHours(iso[7]);
    return build(year, month, day, iso[4] === undefined ? null : [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)], offset);
  }
  const slashed = SLASHED.exec(text);
  if (slashed) return build(Number(slashed[1]), Number(slashed[2]), Number(slashed[3]), null, 0);
  return parseWordy(text);
}

/** `Tue, 05 Mar 2024 10:00:00 GMT`, `March 5, 2024 3:04 pm EST`, `5 March 2024`, `05-Mar-24`. */
function parseWordy(text: string): WrittenDate | null {
  const words = text
    .toLowerCase()
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .split(/[\s,.\-/]+/)
    .filter(Boolean);
  let month = 0;
  let monthAt = -1;
  for (let i = 0; i < words.length; i++) {
    const m = MONTHS[words[i].slice(0, 3)];
    if (m && /^[a-z]+$/.test(words[i]) && (words[i].length === 3 || words[i] === 'sept' || fullMonth(words[i]))) {
      month = m;
      monthAt = i;
      break;
    }
  }
  if (monthAt < 0) return null;
  const numbers = words.map((w, i) => ({ w, i })).filter(({ w }) => /^\d{1,4}$/.test(w));
  const dayWord = numbers.find(({ w, i }) => w.length <= 2 && Math.abs(i - monthAt) === 1);
  const yearWord = numbers.find(({ w, i }) => i !== dayWord?.i && (w.length === 4 || (w.length === 2 && i > monthAt)));
  if (!dayWord || !yearWord) return null;
  let year = Number(yearWord.w);
  if (yearWord.w.length === 2) year += year < 70 ? 2000 : 1900;
  const time = TIME.exec(text);
  let clock: [number, number, number] | null = null;
  if (time) {
    let hours = Number(time[1]);
    const half = time[4]?.toLowerCase();
    if (half === 'pm' && hours < 12) hours += 12;
    if (half === 'am' && hours === 12) hours = 0;
    clock = [hours, Number(time[2]), Number(time[3] ?? 0)];
  }
  const zone = ZONE.exec(text);
  const offset = zone?.[2] ? zoneHours(zone[2]) : zone?.[1] ? (ZONES[zone[1].toLowerCase()] ?? 0) : 0;
  return build(year, month, Number(dayWord.w), clock, offset);
}

function fullMonth(word: string): boolean {
  return ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].includes(word);
}

function zoneHours(zone: string): number {
  if (/^z$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60);
}

function build(year: number, month: number, day: number, clock: [number, number, number] | null, offsetHours: number): WrittenDate | null {
  if (year < 1900 || year > 2200) return null;
  const midnight = Date.UTC(year, month - 1, day);
  const check = new Date(midnight);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  let time = midnight;
  if (clock) {
    const [h, m, s] = clock;
    if (h > 23 || m > 59 || s > 60) return null;
    time = midnight + ((h - offsetHours) * 3600 + m * 60 + s) * 1000;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: `${year}-${pad(month)}-${pad(day)}`, time };
}
