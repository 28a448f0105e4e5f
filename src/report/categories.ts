/**
 * The category registry: the one list of canonical categories, their labels and the report
 * dates each was in use. Storage, checks and views are all derived from it; adding a category
 * is a new entry here (synchronised into the `categories` table by `migrateToLatest`).
 */

export interface CategoryDefinition {
  readonly key: string;
  /** Order in which reports list the category; used for views and exports. */
  readonly position: number;
  readonly labels: { readonly uk: string; readonly en: string; readonly de: string };
  /** First report date on which the General Staff listed the category. */
  readonly since: string;
  /** Last report date on which it was listed, for retired categories. */
  readonly until: string | null;
}

const definitions = [
  { key: 'personnel', labels: { uk: 'особовий склад', en: 'personnel', de: 'Personal' }, since: '2022-02-24', until: null },
  { key: 'tanks', labels: { uk: 'танки', en: 'tanks', de: 'Kampfpanzer' }, since: '2022-02-24', until: null },
  { key: 'afv', labels: { uk: 'бойові броньовані машини', en: 'armoured fighting vehicles', de: 'gepanzerte Kampffahrzeuge' }, since: '2022-02-24', until: null },
  { key: 'artillery', labels: { uk: 'артилерійські системи', en: 'artillery systems', de: 'Artilleriesysteme' }, since: '2022-02-27', until: null },
  { key: 'mlrs', labels: { uk: 'РСЗВ', en: 'MLRS', de: 'Mehrfachraketenwerfer' }, since: '2022-02-27', until: null },
  { key: 'air_defense', labels: { uk: 'засоби ППО', en: 'anti-aircraft warfare systems', de: 'Flugabwehrsysteme' }, since: '2022-02-27', until: null },
  { key: 'aircraft', labels: { uk: 'літаки', en: 'aircraft', de: 'Flugzeuge' }, since: '2022-02-24', until: null },
  { key: 'helicopters', labels: { uk: 'гелікоптери', en: 'helicopters', de: 'Hubschrauber' }, since: '2022-02-24', until: null },
  { key: 'uav', labels: { uk: 'БпЛА оперативно-тактичного рівня', en: 'UAV operational-tactical level', de: 'operativ-taktische Drohnen' }, since: '2022-02-27', until: null },
  { key: 'cruise_missiles', labels: { uk: 'крилаті ракети', en: 'cruise missiles', de: 'Marschflugkörper' }, since: '2022-05-01', until: null },
  { key: 'ships', labels: { uk: 'кораблі/катери', en: 'warships / boats', de: 'Schiffe/Boote' }, since: '2022-02-27', until: null },
  { key: 'submarines', labels: { uk: 'підводні човни', en: 'submarines', de: 'U-Boote' }, since: '2023-09-14', until: null },
  { key: 'vehicles_fuel', labels: { uk: 'автомобільна техніка та автоцистерни', en: 'vehicles and fuel tanks', de: 'Fahrzeuge und Treibstoffzisternen' }, since: '2022-05-01', until: null },
  { key: 'special_equipment', labels: { uk: 'спеціальна техніка', en: 'special equipment', de: 'spezielle Fahrzeuge' }, since: '2022-03-16', until: null },
  { key: 'ground_robots', labels: { uk: 'наземні робототехнічні комплекси', en: 'ground robotic systems', de: 'Bodenroboter' }, since: '2026-05-03', until: null },
  { key: 'military_auto', labels: { uk: 'автомобільна техніка', en: 'vehicles', de: 'Fahrzeuge' }, since: '2022-02-28', until: '2022-04-30' },
  { key: 'fuel_tanks', labels: { uk: 'цистерни з ПММ', en: 'fuel tanks', de: 'Kraftstofftanks' }, since: '2022-03-02', until: '2022-04-30' },
  { key: 'srbm', labels: { uk: 'пускові установки ОТРК', en: 'mobile SRBM systems', de: 'mobile Kurzstreckenraketensysteme' }, since: '2022-03-26', until: '2022-04-30' },
] as const;

export type CategoryKey = (typeof definitions)[number]['key'];

export const CATEGORIES: readonly CategoryDefinition[] = definitions.map((d, i) => ({
  ...d,
  position: i + 1,
}));

const byKey = new Map<string, CategoryDefinition>(CATEGORIES.map((c) => [c.key, c]));

export function isCategoryKey(value: string): value is CategoryKey {
  return byKey.has(value);
}

export function getCategory(key: CategoryKey): CategoryDefinition {
  const found = byKey.get(key);
  if (!found) throw new Error(`category registry has no entry "${key}"`);
  return found;
}

/** Whether the General Staff listed the category on this report date. */
export function isCategoryCurrentOn(key: CategoryKey, date: string): boolean {
  const c = getCategory(key);
  return date >= c.since && (c.until === null || date <= c.until);
}
