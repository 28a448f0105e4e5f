/**
 * Conformance over the real saved pages of ../shared/corpus (read in place): every file is
 * either refused with the reason listed below, or parsed; every parsed total is the reference's
 * (reference_long.csv), a value flagged in reference_known_issues.csv, or a figure the page
 * itself states (listed below with the page's words); every category the reference has for a
 * report's date is in the report, unless the page does not carry it (listed below); and no
 * figure-shaped line is left without a category (a line with none is a warning, not unmapped).
 * Anything else fails, and the test prints one summary line with its counts.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectSource, looksLikeHtml } from '../../src/sources/detect.js';
import { detectBlockPage } from '../../src/sources/html.js';
import { SOURCES } from '../../src/sources/registry.js';
import type { DocumentOutcome } from '../../src/sources/types.js';
import {
  CORPUS,
  corpusAvailable,
  DATASETS,
  listCorpus,
  readCorpusFile,
  readReferenceTotals,
  reportSkippedWithout,
} from '../helpers/shared.js';

type Refusal = Exclude<DocumentOutcome, { status: 'reports' }>['status'];

/** The reason the CLI gives for an HTML page that no source adapter recognises (no bot protection either). */
const NO_PARSER = 'an HTML page from a site losstally has no parser for';

const NEWS_LISTING = { status: 'no_report', reason: 'news listing, not a daily report' } as const;
const CAPTCHA = { status: 'blocked', reason: 'bot-protection page ("ShieldSquare Captcha")' } as const;

/**
 * The files that hold no report, by corpus path: the status and a fragment of the reason.
 * Each one was opened and checked by hand; the comment gives the name it was saved under.
 */
const REFUSED: Readonly<Record<string, { status: Refusal; reason: string }>> = {
  // mil.gov.ua news listings ("News | Міноборони": teasers cut after a few lines, of several
  // days), saved by JJ under daily-report names "The total combat losses of the enemy from 24.02 to …".
  'milgov-jj/4735914ba8177143.html': NEWS_LISTING, // "… to 2.06"
  'milgov-jj/52581b21bb47bf83.html': NEWS_LISTING, // "… to 6.03"
  'milgov-jj/5968e5e5dd17b436.html': NEWS_LISTING, // "… to 5.04"
  'milgov-jj/6742ec3b8e328bd9.html': NEWS_LISTING, // "… to 9.05"
  'milgov-jj/7b10ec1ee16ebcec.html': NEWS_LISTING, // "… to 5.06"
  'milgov-jj/7b966a17283e7553.html': NEWS_LISTING, // "… to 5.05"
  'milgov-jj/89a5bdc35d255849.html': NEWS_LISTING, // "… to 6.05"
  'milgov-jj/94d820941aea57bb.html': NEWS_LISTING, // "… to 5.03"
  'milgov-jj/97b12d11c21ff094.html': NEWS_LISTING, // "… to 3.03"
  'milgov-jj/9b284423ea2f8fe5.html': NEWS_LISTING, // "… to 8.04"
  'milgov-jj/b01e2477981ee152.html': NEWS_LISTING, // "… to 2.03"
  'milgov-jj/bc2bc0aa028e3064.html': NEWS_LISTING, // "… to 9.06"
  'milgov-jj/bf67dd61f2362986.html': NEWS_LISTING, // "combat-losses-to-08.07 |.html"
  'milgov-jj/c4e945e96224d543.html': NEWS_LISTING, // "… to 2.04"
  'milgov-jj/c6653797020fdba2.html': NEWS_LISTING, // "… to 4.04"
  'milgov-jj/cfc31c1d51bd3c6c.html': NEWS_LISTING, // "… to 7.04"
  'milgov-jj/d06045790ad76871.html': NEWS_LISTING, // "… to 9.03"
  'milgov-jj/e151223bda12b32c.html': NEWS_LISTING, // "… to 8.06"
  'milgov-jj/e6d5a9f3452e4c2f.html': NEWS_LISTING, // "… to 6.06"
  'milgov-jj/ec1c44dbd7fae474.html': NEWS_LISTING, // "… to 7.05"
  'milgov-jj/f0f59ff0ab7a9c6e.html': NEWS_LISTING, // "… to 8.05"
  'milgov-jj/f18d57f63fa427ba.html': NEWS_LISTING, // "… to 7.03"
  'milgov-jj/f1f7eb4a6facf03b.html': NEWS_LISTING, // "… to 4.05"
  'milgov-jj/f96b28e38ee70c8d.html': NEWS_LISTING, // "… to 9.04"
  // kmu.gov.ua answered with a ShieldSquare captcha instead of the page.
  'kmu-johngoldin/b240a3a000cb722e.html': CAPTCHA, // bot_ukraine_stats_2023-09-30.html
  'kmu-johngoldin/d323899244e02784.html': CAPTCHA, // bot_ukraine_stats_2023-09-14.html
  'kmu-johngoldin/d9f540e917aa8c4d.html': CAPTCHA, // ukraine_stats_2024-01-01.html
  // A kmu.gov.ua page about the government hotline 1545, saved as ukraine_stats_2024-01-21.html.
  'kmu-johngoldin/af00e64bed7e90b8.html': { status: 'no_report', reason: 'not a loss report' },
  // A plotly chart of the russianwarship.rip series (losses_of_orcs.html): no site we parse.
  'russianwarship-serhii/3da7d80a32f5459d.html': { status: 'no_report', reason: NO_PARSER },
};

interface StatedFigure {
  readonly file: string;
  readonly date: string;
  readonly category: string;
  readonly total: number;
  /** The page's own words, found in its text (tags removed, entities decoded, spaces collapsed). */
  readonly words: string;
}

/**
 * Totals that differ from the reference and are not in reference_known_issues.csv, but are what
 * the page itself says: the parser must read them as written.
 */
const STATED: readonly StatedFigure[] = [
  // The official page's own typos: the total disagrees with the day before plus the printed
  // delta (293830 + 870 = 294700; 311750 + 800 = 312550).
  { file: 'kmu-johngoldin/866e1cfd9956f4a9.html', date: '2023-10-23', category: 'personnel', total: 294799, words: 'personnel ‒ about 294799 (+870)' },
  { file: 'kmu-johngoldin/d3570ea797676d9e.html', date: '2023-11-13', category: 'personnel', total: 311550, words: 'personnel ‒ about 311550 (+800)' },
  // The official page prints the day before's artillery total with the day's delta (661 + 14 = 675).
  { file: 'milgov-jj/d3562820f32d1116.html', date: '2022-06-03', category: 'artillery', total: 661, words: 'artillery systems – 661 (+14)' },

  // minfin's own values for the first days, in its text dump (losses-initial.txt) and its page
  // (data-example.html). 2022-02-26 holds an earlier intraday update of the General Staff
  // (the same as the Andrew dataset: more than 3000 / 100 / up to 540 / 18, against 4300 / 146 /
  // 706 / 26). Its text dump's air defence of the first days counts the Buk system its page lists
  // apart ("ЗРК БУК — 1": 1 on 02-27 and 02-28; on 03-01, 7 + 1 = 8). The others are minfin's
  // numbers for that day (the Andrew dataset has the same ones).
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-02-26', category: 'tanks', total: 100, words: '26.02.2022 Танки — більше 100' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-02-26', category: 'afv', total: 540, words: 'ББМ — до 540' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-02-26', category: 'helicopters', total: 18, words: 'Літаки — 16 Гелікоптери — 18' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-02-26', category: 'personnel', total: 3000, words: 'Особовий склад — більше 3000 осіб' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-02-27', category: 'air_defense', total: 1, words: 'Гармати — близько 50 Засоби ППО — 1' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-02-28', category: 'tanks', total: 191, words: '28.02.2022 Танки — 191' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-02-28', category: 'air_defense', total: 1, words: 'Автомобілі — 291 Засоби ППО — 1' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-03-01', category: 'air_defense', total: 8, words: 'РСЗВ — 24 Засоби ППО — 8' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-03-04', category: 'aircraft', total: 37, words: 'Літаки — 37 (+7)' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-03-26', category: 'uav', total: 53, words: 'Засоби ППО — 51 (+2) БПЛА — 53' },
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-04-04', category: 'uav', total: 92, words: 'БПЛА — 92 (+3)' },
  // minfin keeps 5156 AFVs on 10-11 and 10-12 (the reference: 5162, then the flagged 5181).
  { file: 'minfin-ohalay/0773d472098b1bee.txt', date: '2022-10-11', category: 'afv', total: 5156, words: 'ББМ — 5156 (+7)' },
  { file: 'minfin-ohalay/24593bb84e8d16d0.html', date: '2022-02-26', category: 'tanks', total: 100, words: '26.02.2022 Танки — більше 100' },
  { file: 'minfin-ohalay/24593bb84e8d16d0.html', date: '2022-02-26', category: 'afv', total: 540, words: 'ББМ — до 540' },
  { file: 'minfin-ohalay/24593bb84e8d16d0.html', date: '2022-02-26', category: 'helicopters', total: 18, words: 'Літаки — 16 Гелікоптери — 18' },
  { file: 'minfin-ohalay/24593bb84e8d16d0.html', date: '2022-02-26', category: 'personnel', total: 3000, words: 'Особовий склад — більше 3000 осіб' },
  { file: 'minfin-ohalay/24593bb84e8d16d0.html', date: '2022-02-28', category: 'tanks', total: 191, words: '28.02.2022 Танки — 191' },
  { file: 'minfin-ohalay/24593bb84e8d16d0.html', date: '2022-03-04', category: 'aircraft', total: 37, words: 'Літаки — 37 Гелікоптери — 37' },
  { file: 'minfin-ohalay/24593bb84e8d16d0.html', date: '2022-03-26', category: 'uav', total: 53, words: 'Засоби ППО — 51 БПЛА — 53' },

  // russianwarship.rip's own records. "2022-02-27, day 4" holds the 26th's figures (the
  // reference's 02-26: 4300 / 146 / 49; 02-27: 4500 / 150 / 50) with the "ЗРК БУК" 1 as air defence.
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-02-27', category: 'personnel', total: 4300, words: '"personnel_units": 4300, "tanks": 146, "armoured_fighting_vehicles": 706' },
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-02-27', category: 'tanks', total: 146, words: '"personnel_units": 4300, "tanks": 146, "armoured_fighting_vehicles": 706' },
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-02-27', category: 'artillery', total: 49, words: '"armoured_fighting_vehicles": 706, "artillery_systems": 49, "mlrs": 4, "aa_warfare_systems": 1' },
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-02-27', category: 'air_defense', total: 1, words: '"armoured_fighting_vehicles": 706, "artillery_systems": 49, "mlrs": 4, "aa_warfare_systems": 1' },
  // The API's values, not the reference's: tanks 191 on 02-28 (as minfin), the 9th's 317 tanks
  // kept on the 10th, personnel 12226 on 03-11..13 (the reference: 12000), UAVs 92 on 04-04 (as
  // minfin), helicopters 234 on 10-12 (as the Andrew dataset).
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-02-28', category: 'tanks', total: 191, words: '"personnel_units": 5300, "tanks": 191' },
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-03-10', category: 'tanks', total: 317, words: '"personnel_units": 12000, "tanks": 317, "armoured_fighting_vehicles": 1105' },
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-03-11', category: 'personnel', total: 12226, words: '"personnel_units": 12226, "tanks": 353' },
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-03-12', category: 'personnel', total: 12226, words: '"personnel_units": 12226, "tanks": 362' },
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-03-13', category: 'personnel', total: 12226, words: '"personnel_units": 12226, "tanks": 374' },
  { file: 'russianwarship-serhii/4040cd39cd407380.json', date: '2022-04-04', category: 'uav', total: 92, words: '"uav_systems": 92, "special_military_equip": 25' },
  { file: 'russianwarship-serhii/3cee4b551be5d7c7.json', date: '2022-10-12', category: 'helicopters', total: 234, words: '"planes": 268, "helicopters": 234' },
];

interface AbsentCategories {
  readonly file: string;
  /** A report date, or a range `from..to` of them. */
  readonly date: string;
  readonly categories: readonly string[];
  readonly why: string;
}

/** Categories the reference has for a date that the page does not carry. */
const ABSENT: readonly AbsentCategories[] = [
  ...['minfin-ohalay/0773d472098b1bee.txt', 'minfin-ohalay/24593bb84e8d16d0.html'].flatMap((file) => [
    {
      file,
      date: '2022-02-25..2022-02-26',
      categories: ['artillery', 'mlrs', 'air_defense', 'uav', 'ships', 'military_auto', 'fuel_tanks'],
      why: 'minfin lists only tanks, AFVs, aircraft, helicopters and personnel for the first days',
    },
    { file, date: '2022-02-27', categories: ['military_auto', 'fuel_tanks'], why: 'minfin has no vehicles or fuel tanks line that day' },
    { file, date: '2022-02-28..2022-03-01', categories: ['fuel_tanks'], why: 'minfin has no "Цистерни з ППМ" line before 2022-03-02' },
  ]),
  {
    file: 'minfin-ohalay/24593bb84e8d16d0.html',
    date: '2022-02-27..2022-02-28',
    categories: ['air_defense'],
    why: 'the page has "ЗРК БУК — 1" and no "Засоби ППО" line those days',
  },
  {
    file: 'russianwarship-serhii/4040cd39cd407380.json',
    date: '2022-02-25',
    categories: ['artillery', 'mlrs', 'air_defense', 'uav', 'ships'],
    why: 'the API writes 0 for categories the first reports did not list yet, which is no figure',
  },
  ...[
    ['russianwarship-serhii/4040cd39cd407380.json', '2022-02-25..2022-04-16'],
    ['russianwarship-serhii/61e8318af487b0ce.json', '2022-04-17..2022-04-30'],
  ].map(([file = '', date = '']) => ({
    file,
    date,
    categories: ['military_auto', 'fuel_tanks'],
    why: 'the API has only the sum vehicles_fuel_tanks, read as vehicles_fuel (counted as not in the reference)',
  })),
];

const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', mdash: '—', ndash: '–', amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

/** A file's text as read: HTML tags removed and entities decoded, whitespace collapsed. */
function plainText(document: string): string {
  const text = looksLikeHtml(document)
    ? document.replace(/<[^>]*>/g, ' ').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, name: string) => {
        if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
        if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
        return ENTITIES[name.toLowerCase()] ?? entity;
      })
    : document;
  return text.replace(/\s+/g, ' ');
}

function inDates(date: string, days: string): boolean {
  const [from = '', to = from] = days.split('..');
  return date >= from && date <= to;
}

/** The outcome of `parse --source auto` for a document, as the CLI decides it. */
function outcomeOf(document: string): DocumentOutcome {
  const id = detectSource(document);
  if (id === null) {
    const blocked = detectBlockPage(document);
    return blocked ? { status: 'blocked', reason: blocked } : { status: 'no_report', reason: NO_PARSER };
  }
  return SOURCES[id].parse(document, {});
}

function knownIssueKeys(): Set<string> {
  const lines = readFileSync(`${DATASETS}reference_known_issues.csv`, 'utf8').trim().split('\n').slice(1);
  return new Set(lines.map((line) => line.split(',').slice(0, 2).join('|')));
}

interface CorpusRun {
  files: string[];
  refused: { file: string; status: Refusal; reason: string }[];
  reports: number;
  figures: number;
  exact: number;
  knownIssues: number;
  explained: number;
  notInReference: number;
  unexplainedFigures: string[];
  missing: number;
  missingExplained: number;
  unexplainedMissing: string[];
  unmapped: string[];
  usedStated: Set<StatedFigure>;
  usedAbsent: Set<AbsentCategories>;
}

function runCorpus(): CorpusRun {
  const reference = new Map<string, Map<string, number>>();
  for (const [key, total] of readReferenceTotals()) {
    const [date = '', category = ''] = key.split('|');
    const day = reference.get(date) ?? new Map<string, number>();
    day.set(category, total);
    reference.set(date, day);
  }
  const known = knownIssueKeys();
  const run: CorpusRun = {
    files: listCorpus(),
    refused: [],
    reports: 0,
    figures: 0,
    exact: 0,
    knownIssues: 0,
    explained: 0,
    notInReference: 0,
    unexplainedFigures: [],
    missing: 0,
    missingExplained: 0,
    unexplainedMissing: [],
    unmapped: [],
    usedStated: new Set(),
    usedAbsent: new Set(),
  };

  for (const file of run.files) {
    const outcome = outcomeOf(readCorpusFile(file));
    if (outcome.status !== 'reports') {
      run.refused.push({ file, status: outcome.status, reason: outcome.reason });
      continue;
    }
    for (const report of outcome.reports) {
      run.reports += 1;
      const date = report.reportDate;
      const expected = reference.get(date) ?? new Map<string, number>();
      const stated = new Set<string>();
      for (const figure of report.figures) {
        if (figure.total === null) continue;
        stated.add(figure.category);
        run.figures += 1;
        const want = expected.get(figure.category);
        if (want === undefined) {
          run.notInReference += 1;
        } else if (want === figure.total) {
          run.exact += 1;
        } else if (known.has(`${date}|${figure.category}`)) {
          run.knownIssues += 1;
        } else {
          const entry = STATED.find((s) => s.file === file && s.date === date && s.category === figure.category && s.total === figure.total);
          if (entry) {
            run.explained += 1;
            run.usedStated.add(entry);
          } else {
            run.unexplainedFigures.push(`${file} ${date} ${figure.category}: parsed ${figure.total} from "${figure.label}", reference ${want}`);
          }
        }
      }
      for (const [category, total] of expected) {
        if (stated.has(category)) continue;
        run.missing += 1;
        const entry = ABSENT.find((a) => a.file === file && inDates(date, a.date) && a.categories.includes(category));
        if (entry) {
          run.missingExplained += 1;
          run.usedAbsent.add(entry);
        } else {
          const line = report.figures.find((f) => f.category === category);
          const has = line ? `only the delta ${line.delta} from "${line.label}"` : 'no figure';
          run.unexplainedMissing.push(`${file} ${date} ${category}: reference ${total}, the report has ${has}`);
        }
      }
      for (const line of report.unmapped) {
        run.unmapped.push(`${file} ${date}: "${line.label}" (total ${line.total}, delta ${line.delta})`);
      }
    }
  }
  return run;
}

function summary(run: CorpusRun): string {
  const unexplainedMissing = run.missing - run.missingExplained;
  return [
    `corpus: ${run.files.length} files`,
    `${run.refused.length} refused`,
    `${run.reports} reports`,
    `${run.figures} figures`,
    `${run.exact} exact`,
    `${run.knownIssues} known issues`,
    `${run.explained} explained`,
    `${run.notInReference} not in the reference`,
    `${run.unexplainedFigures.length} unexplained`,
    `${run.missing} missing categories (${run.missingExplained} explained, ${unexplainedMissing} unexplained)`,
    `${run.unmapped.length} unmapped lines`,
  ].join(', ');
}

const available = corpusAvailable();
if (!available) reportSkippedWithout('the corpus conformance suite (299 saved real pages against reference_long.csv)', '../shared/corpus');

describe.runIf(available)('the saved real pages of ../shared/corpus, parsed and checked against reference_long.csv', () => {
  let run: CorpusRun;

  beforeAll(() => {
    run = runCorpus();
    console.log(summary(run));
  });

  it('reads the 299 files of the manifest, in place', () => {
    const manifest = readFileSync(`${CORPUS}manifest.tsv`, 'utf8').trim().split('\n').slice(1);
    const listed = manifest.map((line) => line.split('\t')[0] ?? '').sort();
    expect(run.files).toEqual(listed);
    expect(run.files.length).toBe(299);
  });

  it('refuses exactly the listed files, each with its status and reason', () => {
    const refused = new Map(run.refused.map((r) => [r.file, r]));
    const wrong = run.refused
      .filter((r) => {
        const expected = REFUSED[r.file];
        return !expected || expected.status !== r.status || !r.reason.includes(expected.reason);
      })
      .map((r) => `${r.file}: ${r.status}: ${r.reason}`);
    const parsed = Object.keys(REFUSED).filter((file) => !refused.has(file)).map((file) => `${file}: expected ${REFUSED[file]?.status}, got reports`);
    expect(wrong).toEqual([]);
    expect(parsed).toEqual([]);
  });

  it('reads every total as the reference, a known issue of the reference, or what the page states', () => {
    expect(run.unexplainedFigures).toEqual([]);
  });

  it('finds every category the reference has for the report date, unless the page does not carry it', () => {
    expect(run.unexplainedMissing).toEqual([]);
  });

  it('places every figure-shaped line in a category or says why it is none (no unmapped line)', () => {
    expect(run.unmapped).toEqual([]);
  });

  it("lists no explanation that is not needed, and finds each stated figure's words on its page", () => {
    const unused = [
      ...STATED.filter((s) => !run.usedStated.has(s)).map((s) => `stated ${s.file} ${s.date} ${s.category} ${s.total}`),
      ...ABSENT.filter((a) => !run.usedAbsent.has(a)).map((a) => `absent ${a.file} ${a.date} ${a.categories.join(' ')}`),
    ];
    expect(unused).toEqual([]);
    const texts = new Map<string, string>();
    const absentWords = STATED.filter((s) => {
      const text = texts.get(s.file) ?? plainText(readCorpusFile(s.file));
      texts.set(s.file, text);
      return !text.includes(s.words) || !s.words.includes(String(s.total));
    }).map((s) => `${s.file} ${s.date} ${s.category}: "${s.words}"`);
    expect(absentWords).toEqual([]);
  });
});
