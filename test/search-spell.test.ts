import { describe, expect, it } from 'vitest';
import { SpellCorrector } from '../src/search/spell.ts';

const vocab: [string, number][] = [
  ['security', 12],
  ['guard', 9],
  ['peshawar', 3],
  ['embassy', 7],
  ['helicopter', 2],
  ['injured', 4],
  ['from', 50],
  ['form', 5],
  ['farm', 2],
  ['diplomatic', 3],
  ['government', 8],
  ['governments', 1],
];
const spell = SpellCorrector.build(
  vocab.map((v) => v[0]),
  vocab.map((v) => v[1]),
);

describe('SpellCorrector (symmetric delete)', () => {
  it('restores each kind of single edit', () => {
    expect(spell.correct('securty')).toEqual({ word: 'security', distance: 1 }); // deletion
    expect(spell.correct('guarrd')).toEqual({ word: 'guard', distance: 1 }); // insertion
    expect(spell.correct('embessy')).toEqual({ word: 'embassy', distance: 1 }); // substitution
    expect(spell.correct('gaurd')).toEqual({ word: 'guard', distance: 1 }); // transposition
    expect(spell.correct('peshwar')).toEqual({ word: 'peshawar', distance: 1 });
  });
  it('returns a known word as it is', () => {
    expect(spell.correct('embassy')).toEqual({ word: 'embassy', distance: 0 });
    expect(spell.candidates('from')).toEqual([{ word: 'from', distance: 0 }]);
  });
  it('breaks ties at the same distance by corpus frequency', () => {
    // "fxrm" is one substitution from both form (5) and farm (2); "from" is two edits away
    expect(spell.correct('fxrm')?.word).toBe('form');
  });
  it('gives up beyond distance 1 for short words and 2 for long ones', () => {
    expect(spell.correct('gxxrd')).toBeNull();
    expect(spell.correct('helicopterss')?.word).toBe('helicopter'); // two insertions, long word
    expect(spell.correct('diplomaticxyz')).toBeNull(); // three edits
  });
  it('does not correct very short words or strangers', () => {
    expect(spell.correct('gud')).toBeNull();
    expect(spell.correct('weather')).toBeNull();
  });
  it('measures Damerau–Levenshtein (optimal string alignment) distance', () => {
    expect(spell.distance('abc', 'abc')).toBe(0);
    expect(spell.distance('abc', 'acb')).toBe(1);
    expect(spell.distance('kitten', 'sitting')).toBe(3);
    expect(spell.distance('ca', 'abc')).toBe(3);
    expect(spell.distance('kitten', 'sitting', 1)).toBe(2); // gives up past the bound
  });
  it('works on an empty dictionary', () => {
    const none = SpellCorrector.build([], []);
    expect(none.correct('anything')).toBeNull();
    expect(none.candidates('embassy')).toEqual([]);
  });
});
