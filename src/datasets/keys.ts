/**
 * The one map from dataset column and key names to category keys: the PetroIvaniuk JSON keys
 * (also the column names of its Kaggle CSV exports), the columns of the minfin-derived wide CSV
 * (romansverdan/russian-Losses-in-Ukraine), the keys of the minfin-derived JSON of
 * AndrewRatnikov/russia-losses, and the registry keys themselves. Names are
 * compared trimmed, lower-cased and with runs of spaces collapsed ("APC", "special equipment ").
 * A registry key with `_delta` ("tanks_delta", the wide shape of `losstally export`) holds that
 * category's day-over-day change. A column that is neither a figure, a delta nor one of the
 * known non-figure columns is `unknown`: the readers warn about it with its name, never drop it
 * silently.
 */
import { CATEGORIES, getCategory, type CategoryKey } from '../report/categories.js';

/**
 * A column of counts of one category; `mergedInto` names the category that took the column
 * over once the General Staff retired `category` (minfin's `vehicles`, see MERGED_KEYS).
 */
export interface FigureRole {
  readonly kind: 'figure';
  readonly category: CategoryKey;
  readonly mergedInto?: CategoryKey;
}

export type ColumnRole =
  | FigureRole
  /** `<registry key>_delta`: the category's change since the day before. */
  | { readonly kind: 'delta'; readonly category: CategoryKey }
  /** The report date. */
  | { readonly kind: 'date' }
  /** PetroIvaniuk's `personnel*`: the qualifier of the personnel total ("about", "more"). */
  | { readonly kind: 'qualifier' }
  /** PetroIvaniuk's `POW` (prisoners of war, 2022): not a General Staff category. */
  | { readonly kind: 'pow' }
  /** Known and not a figure: the war day number, the direction of the greatest losses. */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'unknown' };

/** PetroIvaniuk/2022-Ukraine-Russia-War-Dataset keys (JSON) = Kaggle CSV column names. */
export const PETROIVANIUK_KEYS: Readonly<Record<string, CategoryKey>> = {
  personnel: 'personnel',
  aircraft: 'aircraft',
  helicopter: 'helicopters',
  tank: 'tanks',
  APC: 'afv',
  'field artillery': 'artillery',
  MRL: 'mlrs',
  'military auto': 'military_auto',
  'fuel tank': 'fuel_tanks',
  drone: 'uav',
  'naval ship': 'ships',
  'anti-aircraft warfare': 'air_defense',
  'special equipment': 'special_equipment',
  'mobile SRBM system': 'srbm',
  'vehicles and fuel tanks': 'vehicles_fuel',
  'cruise missiles': 'cruise_missiles',
  submarines: 'submarines',
  'ground robotic systems': 'ground_robots',
};

/** Columns of the wide CSV scraped from index.minfin.com.ua (romansverdan/russian-Losses-in-Ukraine). */
export const MINFIN_CSV_KEYS: Readonly<Record<string, CategoryKey>> = {
  personnel: 'personnel',
  tanks: 'tanks',
  apv: 'afv',
  artillery: 'artillery',
  mlrs: 'mlrs',
  aaws: 'air_defense',
  aircrafts: 'aircraft',
  helicopters: 'helicopters',
  uav: 'uav',
  cruise_missiles: 'cruise_missiles',
  warships: 'ships',
  vehicles_fuel_tanks: 'vehicles_fuel',
  special_equipment: 'special_equipment',
  submarines: 'submarines',
};

/**
 * Keys of the minfin-derived JSON of AndrewRatnikov/russia-losses (data.json; keys.json gives
 * their labels). Its `fuelTanks` and `srbmSystem` go on at 76 and 4 after the General Staff
 * retired them: kept as stated, as every dataset's values are; the registry's `until` keeps them
 * out of the series.
 */
export const RUSSIA_LOSSES_KEYS: Readonly<Record<string, CategoryKey>> = {
  personnel: 'personnel',
  tanks: 'tanks',
  apv: 'afv',
  artillerySystems: 'artillery',
  mlrs: 'mlrs',
  aaws: 'air_defense',
  aircraft: 'aircraft',
  helicopters: 'helicopters',
  uav: 'uav',
  cruiseMissiles: 'cruise_missiles',
  boatsCutters: 'ships',
  submarines: 'submarines',
  specialEquipment: 'special_equipment',
  fuelTanks: 'fuel_tanks',
  srbmSystem: 'srbm',
};

/**
 * Columns that held one category until the General Staff retired it and the category that took
 * its place from then on. minfin's "Автомобілі" (`vehicles` in the datasets scraped from it)
 * counted the military vehicles alone until 2022-04-30; when the report merged them with the
 * fuel tanks on 2022-05-01, minfin kept the line and its figure became vehicles and fuel tanks
 * (1796 on 2022-05-01 = 1701 + 76 + 19 new). The registry's `until` of the first category is
 * where the column changes hands.
 */
export const MERGED_KEYS: Readonly<Record<string, { readonly category: CategoryKey; readonly mergedInto: CategoryKey }>> = {
  vehicles: { category: 'military_auto', mergedInto: 'vehicles_fuel' },
};

/** The category a figure column's value of a date belongs to. */
export function figureCategory(role: FigureRole, date: string): CategoryKey {
  if (role.mergedInto === undefined) return role.category;
  const until = getCategory(role.category).until;
  return until !== null && date > until ? role.mergedInto : role.category;
}

const NON_FIGURE_COLUMNS: Readonly<Record<string, ColumnRole>> = {
  date: { kind: 'date' },
  day: { kind: 'ignored' },
  'greatest losses direction': { kind: 'ignored' },
  'personnel*': { kind: 'qualifier' },
  pow: { kind: 'pow' },
};

const SPACES = /\s+/gu;

/** The form names are compared in: trimmed, lower case, single spaces. */
export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replace(SPACES, ' ');
}

function buildRoles(): Map<string, ColumnRole> {
  const roles = new Map<string, ColumnRole>();
  const add = (name: string, role: ColumnRole) => {
    const key = normaliseColumnName(name);
    const existing = roles.get(key);
    if (existing && JSON.stringify(existing) !== JSON.stringify(role)) {
      throw new Error(`dataset column "${key}" maps to two roles`);
    }
    roles.set(key, role);
  };
  for (const [name, role] of Object.entries(NON_FIGURE_COLUMNS)) add(name, role);
  for (const category of CATEGORIES) add(category.key, { kind: 'figure', category: category.key as CategoryKey });
  for (const category of CATEGORIES) add(`${category.key}_delta`, { kind: 'delta', category: category.key as CategoryKey });
  for (const [name, category] of Object.entries(PETROIVANIUK_KEYS)) add(name, { kind: 'figure', category });
  for (const [name, category] of Object.entries(MINFIN_CSV_KEYS)) add(name, { kind: 'figure', category });
  for (const [name, category] of Object.entries(RUSSIA_LOSSES_KEYS)) add(name, { kind: 'figure', category });
  for (const [name, merged] of Object.entries(MERGED_KEYS)) add(name, { kind: 'figure', ...merged });
  return roles;
}

const ROLES = buildRoles();

/**
 * Every known column name (normalised) → the category it holds (a merged column: the category
 * it held first); non-figure columns are left out.
 */
export const DATASET_KEYS: ReadonlyMap<string, CategoryKey> = new Map(
  [...ROLES].flatMap(([name, role]) => (role.kind === 'figure' ? [[name, role.category] as const] : [])),
);

const UNKNOWN: ColumnRole = { kind: 'unknown' };
// Files repeat the same few dozen names on every record: remember each answer.
const REMEMBERED = new Map<string, ColumnRole>();
const MAX_REMEMBERED = 10_000;

/** What a column (CSV header cell or JSON key) of a dataset holds. */
export function columnRole(name: string): ColumnRole {
  const known = REMEMBERED.get(name);
  if (known) return known;
  const role = ROLES.get(normaliseColumnName(name)) ?? UNKNOWN;
  if (REMEMBERED.size < MAX_REMEMBERED) REMEMBERED.set(name, role);
  return role;
}
