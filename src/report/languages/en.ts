/** English: the General Staff's English posts, and English-language outlets' prose. */
import type { LanguageTable } from './table.js';

export const ENGLISH: LanguageTable = {
  code: 'en',
  endings: ['es', 's'],
  terms: {
    personnel: ['military personnel'],
    tanks: ['tank*'],
    afv: ['apv', 'afv', 'apc', 'armored fighting vehicle*', 'armoured fighting vehicle*', 'armored combat vehicle*', 'armoured combat vehicle*', 'armored vehicle*', 'armoured vehicle*'],
    artillery: ['artillery', 'artillery system*', 'artillery piece*', 'cannons', 'field artillery'],
    mlrs: ['multiple launch rocket system*', 'multiple rocket launcher*', 'mlrs grad', 'mrl'],
    air_defense: ['anti-aircraft warfare', 'anti-aircraft', 'air defense system*', 'air defence system*', 'air defense', 'air defence'],
    aircraft: ['aircrafts', 'plane*', 'airplane*', 'warplane*', 'fixed-wing aircraft'],
    helicopters: ['helicopter*'],
    uav: ['uav*', 'unmanned aerial vehicles of the operational-tactical level', 'unmanned aerial vehicle*', 'drone*'],
    cruise_missiles: ['cruise missile*'],
    ships: ['boats/cutters', 'ships/boats', 'ships (boats)', 'ships and boats', 'warships', 'naval ships', 'boat*', 'ship*'],
    submarines: ['submarine*'],
    vehicles_fuel: ['cars and cisterns', 'vehicles and fuel tanks', 'automotive equipment and fuel tanks'],
    special_equipment: ['special equipment', 'units of special equipment', 'pieces of special equipment'],
    ground_robots: ['ground robotic complexes', 'unmanned ground vehicles'],
    military_auto: ['automotive equipment', 'cars', 'military auto'],
    fuel_tanks: ['cisterns with fuel', 'tanks with fuel and lubricants', 'fuel tank'],
    srbm: ['mobile srbm system', 'mobile srbm', 'launcher of the operational-tactical missile system'],
  },
  proseTerms: { personnel: ['troop*', 'soldier*', 'casualties', 'servicemen'] },
  modifiers: ['russian', 'enemy'],
  qualifiers: { about: ['about', 'approximately', 'approx.', 'approx', 'aprx.', 'aprx', 'almost', 'nearly', 'circa', 'ca.', 'around', 'some'], 'more than': ['more than', 'over'], 'up to': ['up to'] },
  numerals: { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 },
  scales: { thousand: 1_000, million: 1_000_000 },
  // "Total russian military losses on April 11, 2026: 1,070 personnel, …": the lead of the English posts.
  perDay: ['losses on {month} {d}', 'over the past day', 'over the past 24 hours', 'in the past day', 'in the past 24 hours', 'in the last 24 hours', 'over the last day', 'over the last 24 hours'],
  sinceStart: ['in total', 'since the start', 'since the beginning', 'overall'],
  beforeYear: ['jan*', 'feb*', 'mar*', 'apr*', 'may', 'jun*', 'jul*', 'aug*', 'sep*', 'oct*', 'nov*', 'dec*', 'since', 'in', 'of', 'until'],
  units: ['units of', 'pieces of'],
  conjunctions: ['and'],
};
