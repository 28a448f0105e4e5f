/** Italian: Italian outlets' reprints. */
import type { LanguageTable } from './table.js';

export const ITALIAN: LanguageTable = {
  code: 'it',
  endings: ['i', 'e', 'o', 'a'],
  terms: {
    personnel: ['soldat*', 'militar*', 'uomini', 'personale'],
    tanks: ['carr* armat*', 'tank'],
    afv: ['veicol* corazzat*', 'veicol* blindat*', 'mezz* corazzat*', 'mezz* blindat*', 'veicol* da combattimento corazzat*'],
    artillery: ['sistem* di artiglieria', "sistem* d'artiglieria", 'pezz* di artiglieria', 'artiglieri*'],
    mlrs: ['lanciarazz* multipl*', 'sistem* lanciarazz* multipl*', 'lanciarazz*'],
    air_defense: ['sistem* di difesa aerea', 'sistem* antiaere*', 'difes* aere*', 'sistem* di contraerea'],
    aircraft: ['aere*', 'velivol*', 'caccia'],
    helicopters: ['elicotter*'],
    uav: ['dron*', 'uav', 'veicol* aere* senza pilota'],
    cruise_missiles: ['missil* da crociera', 'missil* cruise'],
    ships: ['nav* e imbarcazion*', 'nav*/imbarcazion*', 'nav*', 'imbarcazion*', 'unità navali'],
    submarines: ['sottomarin*'],
    vehicles_fuel: ['veicol* e autocistern*', 'automezz* e autocistern*', 'autoveicol* e autocistern*', 'veicol* e cistern*'],
    special_equipment: ['equipaggiament* special*', 'attrezzatur* special*', 'mezz* special*'],
    ground_robots: ['robot terrestri', 'complessi robotici terrestri'],
  },
  modifiers: ['russ*', 'nemic*'],
  qualifiers: { about: ['circa', 'quasi'], 'more than': ['oltre', 'più di'], 'up to': ['fino a'] },
  numerals: { uno: 1, una: 1, un: 1, due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9, dieci: 10 },
  scales: { mila: 1_000, mille: 1_000, milione: 1_000_000, milioni: 1_000_000, 'mln': 1_000_000 },
  perDay: ['nelle ultime 24 ore', "nell'ultimo giorno", 'in un giorno', 'nella giornata di ieri'],
  sinceStart: ['in totale', 'complessivamente', "dall'inizio"],
  beforeYear: ['genn*', 'febbr*', 'marz*', 'april*', 'magg*', 'giugn*', 'lugl*', 'agost*', 'settembr*', 'ottobr*', 'novembr*', 'dicembr*', 'dal', 'nel', 'del', 'fino al'],
  units: ['unità di', 'pezzi di'],
  conjunctions: ['e', 'ed'],
};
