/** Polish: Polish outlets' reprints. */
import type { LanguageTable } from './table.js';

export const POLISH: LanguageTable = {
  code: 'pl',
  endings: ['ami', 'ach', 'ych', 'ymi', 'ich', 'imi', 'ego', 'emu', 'owie', 'owi', 'ów', 'om', 'ym', 'im', 'ej', 'ie', 'ą', 'ę', 'a', 'e', 'i', 'o', 'u', 'y'],
  terms: {
    personnel: ['żołnierz*', 'personel*', 'okupant*', 'najeźdźc*'],
    tanks: ['czołg*'],
    afv: ['bojow* woz* opancerzon*', 'bojow* wóz opancerzon*', 'opancerzon* woz* bojow*', 'opancerzon* wóz bojow*', 'transporter* opancerzon*'],
    artillery: ['system* artyleryjsk*', 'system* artylerii', 'dział*'],
    mlrs: ['wyrzutn* rakietow*', 'wieloprowadnicow* wyrzutn* rakietow*', 'mlrs'],
    air_defense: ['system* obrony przeciwlotnicz*', 'system* przeciwlotnicz*', 'obron* przeciwlotnicz*'],
    aircraft: ['samolot*'],
    helicopters: ['śmigłowc*', 'śmigłowiec', 'helikopter*'],
    uav: ['dron*', 'bezzałogow* statk* powietrzn*', 'bezzałogowc*', 'bsp'],
    cruise_missiles: ['pocisk* manewrując*', 'rakiet* manewrując*', 'pocisk* samosterując*'],
    ships: ['okręt* i łod*', 'okręt* i łodz*', 'okręt*/łod*', 'okręt*/łodz*', 'okręt*', 'łodz*'],
    submarines: ['okręt* podwodn*'],
    vehicles_fuel: ['pojazd* i cystern*', 'samochod* i cystern*', 'pojazd* i autocystern*'],
    special_equipment: ['sprzęt* specjaln*', 'specjaln* sprzęt*'],
    ground_robots: ['naziemn* kompleks* robotyczn*', 'naziemn* robot*'],
  },
  modifiers: ['rosyjsk*', 'wrog*'],
  qualifiers: { about: ['około', 'ok.', 'blisko', 'prawie'], 'more than': ['ponad', 'przeszło', 'więcej niż'], 'up to': ['do'] },
  risenTo: ['wzrosły', 'wzrosła', 'wzrosło', 'wzrósł', 'zwiększyły się', 'zwiększyła się', 'zwiększyło się', 'zwiększył się', 'doszły', 'wzrosną', 'wzrośnie', 'sięgnęły', 'sięgnęła', 'sięgnął'],
  numerals: { jeden: 1, jedna: 1, jedno: 1, jednego: 1, dwa: 2, dwie: 2, trzy: 3, cztery: 4, pięć: 5, sześć: 6, siedem: 7, osiem: 8, dziewięć: 9, dziesięć: 10 },
  scales: { 'tys.': 1_000, tysiąc: 1_000, tysiące: 1_000, tysięcy: 1_000, 'mln': 1_000_000, 'mln.': 1_000_000, milion: 1_000_000, miliona: 1_000_000, milionów: 1_000_000 },
  perDay: ['w ciągu ostatniej doby', 'w ciągu doby', 'w ciągu ostatnich 24 godzin', 'ostatniej doby'],
  sinceStart: ['łącznie', 'w sumie', 'od początku'],
  beforeYear: ['stycz*', 'lut*', 'marc*', 'kwiet*', 'kwietni*', 'maj*', 'czerw*', 'lip*', 'sierp*', 'wrze*', 'październik*', 'listopad*', 'grud*', 'od', 'w', 'do'],
  units: ['jednostek', 'sztuk', 'szt.'],
  conjunctions: ['i', 'oraz'],
};
