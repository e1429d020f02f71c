/**
 * Strings numbered 0, 1, 2… in the order they are added, found by their text: an open-addressing
 * hash table over typed arrays (the characters in one Uint16Array), for the lexicon's words, stems
 * and prefixes. A JavaScript Map of some 20,000 new strings costs several milliseconds to fill
 * (it grows by rehashing, and the young generation copies its tables and entries until they are
 * promoted); this fills in a fraction of that and holds no object per string.
 */
import { FNV_OFFSET, fnvStep } from '../text/fnv.ts';
import { grown } from './grown.ts';

export class StringIds {
  /** Slot pairs: a string's id (-1: empty) and its hash. */
  private slots = new Int32Array(2 << 10).fill(-1);
  /** Where string i's characters start in `chars`; string i ends where i + 1 starts. */
  private starts = new Int32Array(1 << 10);
  private chars = new Uint16Array(1 << 13);
  private count = 0;

  /** How many strings there are. */
  get size(): number {
    return this.count;
  }

  /** The id of `text`, or -1 when it was never added. */
  get(text: string): number {
    const hash = hashOf(text);
    const { slots, starts, chars } = this;
    const mask = (slots.length >> 1) - 1;
    const len = text.length;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const id = slots[2 * s];
      if (id < 0) return -1;
      if (slots[2 * s + 1] !== hash) continue;
      const from = starts[id];
      if (starts[id + 1] - from !== len) continue;
      let i = 0;
      while (i < len && chars[from + i] === text.charCodeAt(i)) i++;
      if (i === len) return id;
    }
  }

  /** The id of `text`, which gets the next one if it is new. */
  add(text: string): number {
    const found = this.get(text);
    if (found >= 0) return found;
    const id = this.count++;
    if (id + 2 > this.starts.length) this.starts = grown(this.starts, 2 * (id + 2));
    const from = this.starts[id];
    const end = from + text.length;
    if (end > this.chars.length) this.chars = grown(this.chars, 2 * end);
    for (let i = 0; i < text.length; i++) this.chars[from + i] = text.charCodeAt(i);
    this.starts[id + 1] = end;
    if (4 * this.count > this.slots.length) {
      // over half full: twice the slots, every string placed again
      const old = this.slots;
      this.slots = new Int32Array(2 * old.length).fill(-1);
      for (let s = 0; s < old.length; s += 2) if (old[s] >= 0) this.place(old[s], old[s + 1]);
    }
    this.place(id, hashOf(text));
    return id;
  }

  private place(id: number, hash: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let s = hash & mask;
    while (slots[2 * s] >= 0) s = (s + 1) & mask;
    slots[2 * s] = id;
    slots[2 * s + 1] = hash;
  }
}

/** FNV-1a of `text`, as a signed 32-bit integer (as the slots hold it; the empty string's is FNV_OFFSET). */
function hashOf(text: string): number {
  let h = FNV_OFFSET | 0;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}
