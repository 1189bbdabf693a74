import { randomInt } from 'node:crypto';

// Short, unambiguous French words: easy to read aloud over a bad phone line to a field team.
const WORDS = [
  'sable',
  'fleuve',
  'dune',
  'mil',
  'riz',
  'puits',
  'karite',
  'baobab',
  'pirogue',
  'niger',
  'soleil',
  'vent',
  'sorgho',
  'nuage',
  'piste',
  'marche',
  'tente',
  'chameau',
  'acacia',
  'datte',
  'oasis',
  'lune',
  'pluie',
  'mangue',
  'tambour',
  'case',
  'grenier',
  'jardin',
  'etoile',
  'fonio',
  'arachide',
  'berger',
  'caravane',
  'delta',
  'rive',
  'sel',
];

/** Four random words and two digits (about 31 bits from the words alone, plus the digits). */
export function randomPassword(): string {
  const words = Array.from({ length: 4 }, () => WORDS[randomInt(WORDS.length)] ?? 'terrain');
  return `${words.join('-')}-${randomInt(10, 100)}`;
}
