/** German: Ukrinform's German service. */
import type { LanguageTable } from './table.js';

export const GERMAN: LanguageTable = {
  code: 'de',
  endings: ['en', 'er', 'es', 'e', 'n', 's'],
  terms: {
    personnel: ['invasoren getötet und verletzt', 'invasoren', 'menschen'],
    tanks: ['panzer'],
    afv: ['gepanzerte fahrzeuge'],
    air_defense: ['luftabwehrsysteme'],
    uav: ['drohnen', 'kampfdrohnen'],
    ships: ['schnellboote'],
    submarines: ['unterseeboote'],
    vehicles_fuel: ['kraftfahrzeuge und tanks mit treib- und schmierstoffen'],
    special_equipment: ['spezielle technikeinheiten'],
  },
  proseTerms: { personnel: ['soldaten'] },
  modifiers: ['russisch*', 'feindlich*'],
  qualifiers: { about: ['etwa', 'rund', 'fast', 'circa', 'ca.'], 'more than': ['über', 'mehr als'], 'up to': ['bis zu'] },
  numerals: { ein: 1, eine: 1, einen: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10 },
  scales: { tausend: 1_000, million: 1_000_000, millionen: 1_000_000, 'mio.': 1_000_000 },
  perDay: ['am vergangenen tag', 'an einem tag', 'innerhalb eines tages', 'in den letzten 24 stunden', 'in den vorigen 24 stunden'],
  sinceStart: ['insgesamt', 'seit beginn'],
  beforeYear: ['jan*', 'jän*', 'feb*', 'märz', 'apr*', 'mai', 'jun*', 'jul*', 'aug*', 'sep*', 'okt*', 'nov*', 'dez*', 'seit', 'im', 'bis'],
  units: ['einheiten'],
  conjunctions: ['und', 'sowie'],
};
