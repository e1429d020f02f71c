/**
 * General English, as far as the engine needs it: which words are English at all, how common each
 * one is in everyday use, and which stems are related in meaning. Read from `english.txt` (generated
 * by bench/build-english.ts from SUBTLEX-US frequencies and WordNet 3.1; see there) once per process,
 * on first use.
 *
 * The words and relations stay in the file's text, found through open-addressing hash tables of
 * offsets into it: about 126,000 keys kept as strings in maps were as many small objects that
 * every full garbage collection of a running bot had to trace (and 14 MB of heap).
 */
import { readFileSync } from 'node:fs';
import { FNV_OFFSET, fnvStep } from '../text/fnv.ts';

/** Related stems of a stem: `near` (synonyms, derived forms) and `far` (broader, narrower, similar, opposite). */
export interface Related {
  near: readonly string[];
  far: readonly string[];
}

const NONE: Related = { near: [], far: [] };

/** FNV-1a over text[start, end). */
function hashOf(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = fnvStep(h, text.charCodeAt(i));
  return h >>> 0;
}

/**
 * Keys that are spans of one text, each with a number: an open-addressing table of entry numbers
 * (+1; 0 is an empty slot), entries as start, end and value in growable typed arrays.
 */
class SpanTable {
  private slots = new Int32Array(1 << 10);
  private starts = new Int32Array(1 << 9);
  private ends = new Int32Array(1 << 9);
  private values = new Int32Array(1 << 9);
  size = 0;

  constructor(private readonly text: string) {}

  /** The entry of `key[start, end)` (read from `key`, the table's text or another string), or -1. */
  find(key: string, start: number, end: number): number {
    const { slots, starts, ends, text } = this;
    const mask = slots.length - 1;
    const len = end - start;
    for (let s = hashOf(key, start, end) & mask; ; s = (s + 1) & mask) {
      const e = slots[s] - 1;
      if (e < 0) return -1;
      if (ends[e] - starts[e] !== len) continue;
      let i = 0;
      while (i < len && text.charCodeAt(starts[e] + i) === key.charCodeAt(start + i)) i++;
      if (i === len) return e;
    }
  }

  /** Files the text's span [start, end) with `value` (a key filed before gets the new value). */
  set(start: number, end: number, value: number): void {
    const known = this.find(this.text, start, end);
    if (known >= 0) {
      this.values[known] = value;
      return;
    }
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    const e = this.size++;
    if (e === this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
      this.values = grown(this.values);
    }
    this.starts[e] = start;
    this.ends[e] = end;
    this.values[e] = value;
    this.place(e);
  }

  value(e: number): number {
    return this.values[e];
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let s = hashOf(this.text, this.starts[e], this.ends[e]) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = e + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    for (let e = 0; e < this.size; e++) this.place(e);
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}

export class English {
  /** Stems whose relations were asked for, split. */
  private readonly split = new Map<string, Related>();

  private constructor(
    private readonly text: string,
    /** Word → Zipf value ×10 (log10 count per billion words; 0 = in WordNet but not counted). */
    private readonly zipfs: SpanTable,
    /** Stem → where its `near far` fields start (they end with the line). */
    private readonly relations: SpanTable,
  ) {}

  /** Parses the generated text format (`z ZIPF×10 WORDS…` and `r STEM NEAR,… FAR,…` lines). */
  static parse(text: string): English {
    const zipfs = new SpanTable(text);
    const relations = new SpanTable(text);
    let at = 0;
    while (at < text.length) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const kind = text.charCodeAt(at);
      if (kind === 122 /* z */) {
        let start = text.indexOf(' ', at + 2);
        if (start < 0 || start > end) start = end;
        const z = Number(text.slice(at + 2, start));
        while (start < end) {
          let stop = text.indexOf(' ', start + 1);
          if (stop < 0 || stop > end) stop = end;
          if (stop > start + 1) zipfs.set(start + 1, stop, z);
          start = stop;
        }
      } else if (kind === 114 /* r */) {
        const space = text.indexOf(' ', at + 2);
        relations.set(at + 2, space, space + 1);
      }
      at = end + 1;
    }
    return new English(text, zipfs, relations);
  }

  /** Is this lowercase word English (in the frequency list or a WordNet lemma)? */
  has(word: string): boolean {
    return this.zipfs.find(word, 0, word.length) >= 0;
  }

  /** How common the word is (Zipf scale, about 1–7.6); 0 when unknown or only in WordNet. */
  zipf(word: string): number {
    const e = this.zipfs.find(word, 0, word.length);
    return e < 0 ? 0 : this.zipfs.value(e) / 10;
  }

  /** Stems related to a stem in meaning (split from the text on first use, then kept). */
  related(stem: string): Related {
    const done = this.split.get(stem);
    if (done) return done;
    const e = this.relations.find(stem, 0, stem.length);
    if (e < 0) return NONE;
    const start = this.relations.value(e);
    let end = this.text.indexOf('\n', start);
    if (end < 0) end = this.text.length;
    const [near, far] = this.text.slice(start, end).split(' ');
    const related = { near: near === '-' ? [] : near.split(','), far: far === '-' ? [] : far.split(',') };
    this.split.set(stem, related);
    return related;
  }

  get size(): number {
    return this.zipfs.size;
  }
}

let loaded: English | null = null;

/** The English model, read from disk on the first call (about 2 MB). */
export function english(): English {
  if (!loaded) loaded = English.parse(readFileSync(new URL('./english.txt', import.meta.url), 'utf8'));
  return loaded;
}
