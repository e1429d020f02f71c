/**
 * General English, as far as the engine needs it: which words are English at all, how common each
 * one is in everyday use, and which stems are related in meaning. Read from `english.txt` (generated
 * by bench/build-english.ts from SUBTLEX-US frequencies and WordNet 3.1; see there) once per process,
 * on first use.
 */
import { readFileSync } from 'node:fs';

/** Related stems of a stem: `near` (synonyms, derived forms) and `far` (broader, narrower, similar, opposite). */
export interface Related {
  near: readonly string[];
  far: readonly string[];
}

const NONE: Related = { near: [], far: [] };

export class English {
  private constructor(
    /** Word → Zipf value (log10 count per billion words; 0 = in WordNet but not counted). */
    private readonly zipfs: Map<string, number>,
    /** Stem → its raw `near far` fields, replaced by their split form on first use. */
    private readonly relations: Map<string, string | Related>,
  ) {}

  /** Parses the generated text format (`z ZIPF×10 WORDS…` and `r STEM NEAR,… FAR,…` lines). */
  static parse(text: string): English {
    const zipfs = new Map<string, number>();
    const relations = new Map<string, string | Related>();
    let at = 0;
    while (at < text.length) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const kind = text.charCodeAt(at);
      if (kind === 122 /* z */) {
        const parts = text.slice(at + 2, end).split(' ');
        const z = Number(parts[0]) / 10;
        for (let i = 1; i < parts.length; i++) zipfs.set(parts[i], z);
      } else if (kind === 114 /* r */) {
        const space = text.indexOf(' ', at + 2);
        relations.set(text.slice(at + 2, space), text.slice(space + 1, end));
      }
      at = end + 1;
    }
    return new English(zipfs, relations);
  }

  /** Is this lowercase word English (in the frequency list or a WordNet lemma)? */
  has(word: string): boolean {
    return this.zipfs.has(word);
  }

  /** How common the word is (Zipf scale, about 1–7.6); 0 when unknown or only in WordNet. */
  zipf(word: string): number {
    return this.zipfs.get(word) ?? 0;
  }

  /** Stems related to a stem in meaning (split from the text on first use, then kept). */
  related(stem: string): Related {
    const raw = this.relations.get(stem);
    if (raw === undefined) return NONE;
    if (typeof raw !== 'string') return raw;
    const [near, far] = raw.split(' ');
    const related = { near: near === '-' ? [] : near.split(','), far: far === '-' ? [] : far.split(',') };
    this.relations.set(stem, related);
    return related;
  }

  get size(): number {
    return this.zipfs.size;
  }
}

let loaded: English | null = null;

/** The English model, read from disk on the first call (about 2 MB, tens of milliseconds). */
export function english(): English {
  if (!loaded) loaded = English.parse(readFileSync(new URL('./english.txt', import.meta.url), 'utf8'));
  return loaded;
}
