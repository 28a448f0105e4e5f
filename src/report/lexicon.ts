/**
 * Label lexicon: maps the label text of a report line, in any language and case form, to a
 * category key. A label maps to the longest lexicon phrase it contains at word boundaries, so
 * "vehicles and fuel tanks" beats "tanks", "anti-aircraft warfare systems" beats "aircraft" and
 * "gepanzerte Fahrzeuge" beats "Fahrzeuge". Bilingual labels ("танків / tanks") match either half.
 */
import { CATEGORIES, type CategoryKey } from './categories.js';

export type LabelLanguage = 'uk' | 'en' | 'de';

interface Phrase {
  readonly text: string;
  readonly category: CategoryKey;
  readonly language: LabelLanguage;
  readonly pattern: RegExp;
}

/** Phrases beyond the registry's own labels: case forms, older wordings, media translations. */
const EXTRA_PHRASES: Record<CategoryKey, Partial<Record<LabelLanguage, readonly string[]>>> = {
  personnel: {
    uk: ['особового складу', 'військовослужбовці', 'військовослужбовців', 'живої сили'],
    en: ['military personnel'],
    de: ['invasoren getötet und verletzt', 'invasoren', 'menschen'],
  },
  tanks: { uk: ['танків'], de: ['panzer'] },
  afv: {
    uk: ['бойових броньованих машин', 'ббм'],
    en: ['apv', 'afv', 'apc', 'armored fighting vehicles', 'armored combat vehicles', 'armoured combat vehicles', 'armored fighting vehicle', 'armoured fighting vehicle'],
    de: ['gepanzerte fahrzeuge'],
  },
  artillery: {
    uk: ['артилерійських систем', 'артсистем', 'гармати', 'гармат'],
    en: ['artillery', 'cannons', 'field artillery'],
  },
  mlrs: {
    uk: ['рсзв град'],
    en: ['multiple launch rocket systems', 'mlrs grad', 'mrl'],
  },
  air_defense: {
    uk: ['засобів ппо', 'ппо'],
    en: ['anti-aircraft warfare', 'anti-aircraft', 'air defense systems', 'air defence systems', 'air defense', 'air defence'],
    de: ['luftabwehrsysteme'],
  },
  aircraft: { uk: ['літаків'], en: ['aircrafts', 'planes', 'airplanes'] },
  helicopters: { uk: ['гелікоптерів', 'вертольотів'] },
  uav: {
    uk: ['бпла оперативно-тактичного рівня', 'бпла'],
    en: ['uav', 'uavs', 'unmanned aerial vehicles of the operational-tactical level', 'unmanned aerial vehicles', 'drones'],
    de: ['drohnen', 'kampfdrohnen'],
  },
  cruise_missiles: { uk: ['крилатих ракет'] },
  ships: {
    uk: ['кораблів/катерів', 'кораблі (катери)', 'кораблі', 'катери'],
    en: ['boats/cutters', 'ships/boats', 'ships (boats)', 'warships', 'naval ships'],
    de: ['schnellboote'],
  },
  submarines: { uk: ['підводних човнів'], de: ['unterseeboote'] },
  vehicles_fuel: {
    uk: ['автомобільної техніки та автоцистерн', 'автомобілі та автоцистерни'],
    en: ['cars and cisterns', 'vehicles and fuel tanks', 'automotive equipment and fuel tanks'],
    de: ['kraftfahrzeuge und tanks mit treib- und schmierstoffen'],
  },
  special_equipment: {
    uk: ['спеціальної техніки', 'спецтехніка'],
    de: ['spezielle technikeinheiten'],
  },
  ground_robots: {
    uk: ['наземних робототехнічних комплексів'],
    en: ['ground robotic complexes', 'unmanned ground vehicles'],
  },
  military_auto: {
    uk: ['автомобільної техніки', 'автомобілі'],
    en: ['automotive equipment', 'cars', 'military auto'],
  },
  fuel_tanks: {
    uk: ['цистерн з пмм', 'цистерни з ппм', 'цистерни з пмм'],
    en: ['cisterns with fuel', 'tanks with fuel and lubricants', 'fuel tank'],
  },
  srbm: {
    uk: ['пу отрк'],
    en: ['mobile srbm system', 'mobile srbm', 'launcher of the operational-tactical missile system'],
  },
};

const LATIN_TO_CYRILLIC: Record<string, string> = { a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у' };
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * Lower-cases a label and removes the differences that carry no meaning: bullets, spacing,
 * spacing around "/", trailing punctuation, and Latin look-alike letters typed inside
 * Cyrillic words ("лiтаків" with a Latin i).
 */
export function normaliseLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[\s\u00a0\u202f\u2009]+/gu, ' ')
    .replace(/\s*\/\s*/gu, '/')
    .replace(/^[^\p{L}]+/u, '')
    .replace(/[\s:;,.]+$/u, '')
    // Word by word (a "/" separates the halves of a bilingual label), so an English word next
    // to a Ukrainian one keeps its Latin letters.
    .replace(/[\p{L}-]+/gu, (word) => (CYRILLIC.test(word) ? word.replace(/[aceiopxy]/g, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch) : word));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phrasePattern(text: string): RegExp {
  // A boundary is anything but a letter, digit or hyphen: "aircraft" must not match inside
  // "anti-aircraft", nor "panzer" inside "gepanzerte".
  return new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(text)}(?![\\p{L}\\p{N}-])`, 'u');
}

function buildPhrases(): Phrase[] {
  const seen = new Set<string>();
  const phrases: Phrase[] = [];
  const add = (raw: string, category: CategoryKey, language: LabelLanguage) => {
    const text = normaliseLabel(raw);
    if (seen.has(text)) {
      // Two categories sharing a phrase would make the mapping depend on list order.
      const other = phrases.find((p) => p.text === text);
      if (other && other.category !== category) {
        throw new Error(`lexicon phrase "${text}" maps to both ${other.category} and ${category}`);
      }
      return;
    }
    seen.add(text);
    phrases.push({ text, category, language, pattern: phrasePattern(text) });
  };
  for (const category of CATEGORIES) {
    const key = category.key as CategoryKey;
    add(category.labels.uk, key, 'uk');
    add(category.labels.en, key, 'en');
    add(category.labels.de, key, 'de');
    for (const [language, list] of Object.entries(EXTRA_PHRASES[key])) {
      for (const phrase of list ?? []) add(phrase, key, language as LabelLanguage);
    }
  }
  return phrases.sort((a, b) => b.text.length - a.text.length);
}

const PHRASES = buildPhrases();

export interface LabelMatch {
  readonly category: CategoryKey;
  readonly language: LabelLanguage;
}

// Reports repeat the same few dozen labels day after day: remember each answer.
const MATCHES = new Map<string, LabelMatch | null>();
const MAX_REMEMBERED = 10_000;

function scanPhrases(normalised: string): LabelMatch | null {
  for (const phrase of PHRASES) {
    if (phrase.pattern.test(normalised)) return { category: phrase.category, language: phrase.language };
  }
  return null;
}

/** The category a label names, or null when no lexicon phrase fits. */
export function matchLabel(label: string): LabelMatch | null {
  const known = MATCHES.get(label);
  if (known !== undefined) return known;
  const normalised = normaliseLabel(label);
  const match = normalised === '' ? null : scanPhrases(normalised);
  if (MATCHES.size < MAX_REMEMBERED) MATCHES.set(label, match);
  return match;
}

/** The languages whose script a label is written in: a bilingual "uk / en" label has both. */
export function labelScripts(label: string): { cyrillic: boolean; latin: boolean } {
  return { cyrillic: CYRILLIC.test(label), latin: /\p{Script=Latin}/u.test(label) };
}
