/**
 * Label lexicon: maps the label text of a report line, in any language, case and number, to a
 * category key. A label maps to the lexicon phrase that covers the longest part of it at word
 * boundaries, so "vehicles and fuel tanks" beats "tanks", "anti-aircraft warfare systems" beats
 * "aircraft" and "gepanzerte Fahrzeuge" beats "Fahrzeuge". Bilingual labels ("танків / tanks")
 * match either half.
 *
 * Ukrainian and Russian labels change their endings with the sentence around them ("спеціальна
 * техніка", "спеціальну техніку", "спеціальної техніки", "специальной техники"), so their
 * phrases are written as stems: a word ending in "*" takes any case or number ending of a noun
 * or an adjective. A word whose stem itself changes ("човен", "човни") is listed in both forms.
 */
import { CATEGORIES, type CategoryKey } from './categories.js';

export type LabelLanguage = 'uk' | 'ru' | 'en' | 'de';

interface Phrase {
  readonly text: string;
  readonly category: CategoryKey;
  readonly language: LabelLanguage;
  /** The phrase's literal parts: a stem ending may follow each but the last. */
  readonly parts: readonly string[];
}

/** Phrases beyond the registry's own labels: stems in every case, older wordings, translations. */
const EXTRA_PHRASES: Record<CategoryKey, Partial<Record<LabelLanguage, readonly string[]>>> = {
  personnel: {
    uk: ['особов* склад*', 'військовослужбовц*', 'військовослужбовець', 'жив* сил*'],
    ru: ['личн* состав*', 'военнослужащ*', 'живой силы'],
    en: ['military personnel'],
    de: ['invasoren getötet und verletzt', 'invasoren', 'menschen'],
  },
  tanks: { uk: ['танк*'], de: ['panzer'] },
  afv: {
    uk: ['бойов* броньован* машин*', 'ббм'],
    ru: ['боев* бронированн* машин*'],
    en: ['apv', 'afv', 'apc', 'armored fighting vehicles', 'armored combat vehicles', 'armoured combat vehicles', 'armored fighting vehicle', 'armoured fighting vehicle'],
    de: ['gepanzerte fahrzeuge'],
  },
  artillery: {
    uk: ['артилерійськ* систем*', 'артсистем*', 'гармат*'],
    ru: ['артиллерийск* систем*'],
    en: ['artillery', 'cannons', 'field artillery'],
  },
  mlrs: {
    uk: ['рсзв', 'рсзв град', 'реактивн* систем* залпов* вогню'],
    ru: ['рсзо', 'реактивн* систем* залпов* огня'],
    en: ['multiple launch rocket systems', 'mlrs grad', 'mrl'],
  },
  air_defense: {
    uk: ['засоб* ппо', 'ппо', 'засоб* протиповітрян* оборон*'],
    ru: ['средств* пво', 'пво'],
    en: ['anti-aircraft warfare', 'anti-aircraft', 'air defense systems', 'air defence systems', 'air defense', 'air defence'],
    de: ['luftabwehrsysteme'],
  },
  aircraft: { uk: ['літак*'], ru: ['самолет*'], en: ['aircrafts', 'planes', 'airplanes'] },
  helicopters: { uk: ['гелікоптер*', 'вертольот*', 'вертоліт'], ru: ['вертолет*'] },
  uav: {
    uk: ['бпла оперативно-тактичного рівня', 'бпла', 'безпілотн* літальн* апарат*', 'безпілотник*'],
    ru: ['беспилотн* летательн* аппарат*', 'беспилотник*'],
    en: ['uav', 'uavs', 'unmanned aerial vehicles of the operational-tactical level', 'unmanned aerial vehicles', 'drones'],
    de: ['drohnen', 'kampfdrohnen'],
  },
  cruise_missiles: { uk: ['крилат* ракет*'], ru: ['крылат* ракет*'] },
  ships: {
    uk: ['корабл*/катер*', 'корабл* (катер*)', 'корабл*', 'корабель', 'катер*'],
    en: ['boats/cutters', 'ships/boats', 'ships (boats)', 'warships', 'naval ships'],
    de: ['schnellboote'],
  },
  submarines: { uk: ['підводн* човн*', 'підводн* човен'], ru: ['подводн* лодк*', 'подводн* лодок'], de: ['unterseeboote'] },
  vehicles_fuel: {
    uk: ['автомобільн* технік* та автоцистерн*', 'автомобільн* техніц* та автоцистерн*', 'автомобіл* та автоцистерн*', 'автотехнік* та автоцистерн*'],
    ru: ['автомобильн* техник* и автоцистерн*', 'автомобил* и автоцистерн*', 'автотехник* и автоцистерн*'],
    en: ['cars and cisterns', 'vehicles and fuel tanks', 'automotive equipment and fuel tanks'],
    de: ['kraftfahrzeuge und tanks mit treib- und schmierstoffen'],
  },
  special_equipment: {
    uk: ['спеціальн* технік*', 'спеціальн* техніц*', 'спецтехнік*'],
    ru: ['специальн* техник*', 'спецтехник*'],
    de: ['spezielle technikeinheiten'],
  },
  ground_robots: {
    uk: ['наземн* робототехнічн* комплекс*'],
    ru: ['наземн* робототехническ* комплекс*'],
    en: ['ground robotic complexes', 'unmanned ground vehicles'],
  },
  military_auto: {
    uk: ['автомобільн* технік*', 'автомобіл*'],
    ru: ['автомобильн* техник*', 'автомобил*'],
    en: ['automotive equipment', 'cars', 'military auto'],
  },
  fuel_tanks: {
    uk: ['цистерн* з пмм', 'цистерн* з ппм'],
    ru: ['цистерн* с гсм'],
    en: ['cisterns with fuel', 'tanks with fuel and lubricants', 'fuel tank'],
  },
  srbm: {
    uk: ['пу отрк', 'пусков* установк* отрк', 'пусков* установок отрк'],
    en: ['mobile srbm system', 'mobile srbm', 'launcher of the operational-tactical missile system'],
  },
};

/**
 * The endings a Ukrainian or Russian noun or adjective takes in any case and number, longest
 * first; a stem takes one of them or none ("танк", "танки", "танків", "танками").
 */
const ENDINGS = [
  'ами', 'ями', 'ого', 'ього', 'ому', 'ьому', 'ими', 'іми', 'ыми', 'ьої',
  'ою', 'ею', 'єю', 'ів', 'їв', 'ей', 'ам', 'ям', 'ах', 'ях', 'ом', 'ем', 'єм', 'ий', 'ій', 'ої', 'им', 'ім', 'их', 'іх',
  'ый', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'его', 'ему', 'ым', 'ую', 'юю', 'ых', 'ов', 'ев',
  'а', 'я', 'и', 'і', 'ї', 'у', 'ю', 'е', 'є', 'о', 'ы', 'ь',
].sort((a, b) => b.length - a.length);

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
    // A hyphen glued to the first letter is kept: it marks a word cut at its start ("-aircraft").
    .replace(/^[^\p{L}]*?(?=-\p{L}|\p{L})/u, '')
    .replace(/[\s:;,.]+$/u, '')
    .replace(/ё/gu, 'е')
    // Word by word (a "/" separates the halves of a bilingual label), so an English word next
    // to a Ukrainian one keeps its Latin letters.
    .replace(/[\p{L}-]+/gu, (word) => (CYRILLIC.test(word) ? word.replace(/[aceiopxy]/g, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch) : word));
}

/**
 * Whether a character code is a letter, digit or hyphen of the scripts reports are written in
 * (Latin with its accented letters, Greek, Cyrillic): a phrase matches only between characters
 * that are not, so "aircraft" is not found inside "anti-aircraft", nor "panzer" inside
 * "gepanzerte", nor "танк" inside "танкістів".
 */
function isWordCharacter(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x2d ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x370 && code <= 0x52f)
  );
}

/**
 * The end of the phrase's match starting at `start`, or -1: each part in turn, a stem ending
 * (longest first) or none after each but the last, then a boundary. Plain code rather than a
 * regular expression per phrase: compiling a few hundred of them cost a command 150 ms before
 * its first line.
 */
function matchAt(parts: readonly string[], text: string, start: number, index = 0): number {
  const part = parts[index] as string;
  if (!text.startsWith(part, start)) return -1;
  const end = start + part.length;
  if (index === parts.length - 1) return end === text.length || !isWordCharacter(text.charCodeAt(end)) ? end : -1;
  for (const ending of ENDINGS) {
    if (!text.startsWith(ending, end)) continue;
    const found = matchAt(parts, text, end + ending.length, index + 1);
    if (found >= 0) return found;
  }
  return matchAt(parts, text, end, index + 1);
}

/** The first (leftmost) match of a phrase in a normalised label, as [start, end), or null. */
function phraseMatch(phrase: Phrase, text: string): readonly [number, number] | null {
  const first = phrase.parts[0] as string;
  for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
    if (at > 0 && isWordCharacter(text.charCodeAt(at - 1))) continue;
    const end = matchAt(phrase.parts, text, at);
    if (end >= 0) return [at, end];
  }
  return null;
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
    phrases.push({ text, category, language, parts: text.split('*') });
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

/** The phrase covering the longest part of the label; among equals, the longer phrase. */
function scanPhrases(normalised: string): LabelMatch | null {
  let best: { phrase: Phrase; length: number } | null = null;
  for (const phrase of PHRASES) {
    const match = phraseMatch(phrase, normalised);
    if (!match) continue;
    const length = match[1] - match[0];
    if (!best || length > best.length) best = { phrase, length };
  }
  return best ? { category: best.phrase.category, language: best.phrase.language } : null;
}

/**
 * A label that starts with a hyphen glued to a letter. When it is the end of a longer phrase
 * ("-aircraft warfare systems" of "anti-aircraft warfare systems"), its first word was cut at
 * its start and that phrase is meant, never a shorter one inside the cut word ("aircraft");
 * otherwise the hyphen was a bullet ("-танки").
 */
function scanHyphenated(normalised: string): LabelMatch | null {
  let tail: Phrase | null = null;
  for (const phrase of PHRASES) {
    if (phrase.text.length > normalised.length && phrase.text.endsWith(normalised) && (!tail || phrase.text.length > tail.text.length)) tail = phrase;
  }
  return tail ? { category: tail.category, language: tail.language } : scanPhrases(normalised.slice(1));
}

/** The category a label names, or null when no lexicon phrase fits. */
export function matchLabel(label: string): LabelMatch | null {
  const known = MATCHES.get(label);
  if (known !== undefined) return known;
  const normalised = normaliseLabel(label);
  const match = normalised === '' ? null : normalised.startsWith('-') ? scanHyphenated(normalised) : scanPhrases(normalised);
  if (MATCHES.size < MAX_REMEMBERED) MATCHES.set(label, match);
  return match;
}

/**
 * Lines the first days' reports gave that are no category of the registry, with what they
 * counted: the reference series keeps them out (a Buk system was not added to air defence).
 */
const NON_CATEGORIES: ReadonlyArray<readonly [RegExp, string]> = [[/^зрк бук$/u, 'a Buk surface-to-air missile system, counted apart in the first days of the war']];

/** What a label counts when it is a known line that is no category, else null. */
export function matchNonCategory(label: string): string | null {
  const normalised = normaliseLabel(label);
  return NON_CATEGORIES.find(([pattern]) => pattern.test(normalised))?.[1] ?? null;
}

/** The languages whose script a label is written in: a bilingual "uk / en" label has both. */
export function labelScripts(label: string): { cyrillic: boolean; latin: boolean } {
  return { cyrillic: CYRILLIC.test(label), latin: /\p{Script=Latin}/u.test(label) };
}
