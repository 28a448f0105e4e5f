/**
 * russianwarship.rip JSON API answers: `{"message": …, "data": …}` where `data` is one record
 * (`/statistics/latest`, `/statistics/{date}`) or a page of the list (`data.records[]` plus
 * `data.paging`). A record holds `date`, `day`, `resource` (the post it was taken from),
 * `stats` (cumulative totals) and usually `increase` (the day's deltas; the 2022 v1 list has
 * none); v2 adds `war_status` and the `submarines` key.
 *
 * Decisions, so the figures say what the API says and nothing more:
 * - The API writes `0` for a category the General Staff did not list yet (cruise missiles in
 *   April 2022, submarines before 2023-09-14). A `0` (with no delta or a `0` delta) for a
 *   category whose registry `since` date is after the record's date is therefore not a figure.
 *   Any other value is kept as stated, even outside the registry dates: `atgm_srbm_systems` is
 *   1 on 2022-02-27 and stays 4 after the category was retired on 2022-04-30.
 * - `vehicles_fuel_tanks` is `vehicles_fuel` on every date: before 2022-05-01 the API sums
 *   the military vehicles and fuel tanks of the report into it.
 * - The qualifier is null: the API gives bare numbers and says nothing about personnel being
 *   approximate (in early March 2022 the reports even said "more than", not "about").
 * - A key the map does not know is a warning carrying the key and its values, and is kept out
 *   of the figures.
 */
import { getCategory, type CategoryKey } from '../../report/categories.js';
import type { Figure, ParsedReport, ParseWarning, UnmappedLine } from '../../report/types.js';
import { isIsoDate } from '../../dates.js';
import { detectBlockPage } from '../html.js';
import { reportsFor } from '../outcome.js';
import type { DocumentOutcome, ParseContext } from '../types.js';

const WHAT = 'russianwarship.rip answer';

/** The API's keys and the categories they carry. */
export const RUSSIANWARSHIP_KEYS: Readonly<Record<string, CategoryKey>> = {
  personnel_units: 'personnel',
  tanks: 'tanks',
  armoured_fighting_vehicles: 'afv',
  artillery_systems: 'artillery',
  mlrs: 'mlrs',
  aa_warfare_systems: 'air_defense',
  planes: 'aircraft',
  helicopters: 'helicopters',
  vehicles_fuel_tanks: 'vehicles_fuel',
  warships_cutters: 'ships',
  cruise_missiles: 'cruise_missiles',
  uav_systems: 'uav',
  special_military_equip: 'special_equipment',
  atgm_srbm_systems: 'srbm',
  submarines: 'submarines',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Thrown inside this module only; becomes a `parse_error` outcome. */
class ShapeError extends Error {}

function readJson(text: string): { ok: true; value: Json } | { ok: false; outcome: DocumentOutcome } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, outcome: { status: 'parse_error', reason: `${WHAT} is empty` } };
  try {
    return { ok: true, value: JSON.parse(body) as Json };
  } catch {
    const blocked = detectBlockPage(body);
    if (blocked) return { ok: false, outcome: { status: 'blocked', reason: blocked } };
    const trimmed = body.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      const reason = `${WHAT} is broken JSON (${trimmed.length} characters, cut off or malformed)`;
      return { ok: false, outcome: { status: 'parse_error', reason } };
    }
    const start = trimmed.replace(/\s+/g, ' ').slice(0, 60);
    return { ok: false, outcome: { status: 'parse_error', reason: `${WHAT} is not JSON (it starts with "${start}")` } };
  }
}

function describeValues(total: number | null, delta: number | null): string {
  return [total === null ? 'no total' : `total ${total}`, delta === null ? 'no delta' : `delta ${delta}`].join(', ');
}

function readCount(values: JsonObject, key: string, where: string, part: 'stats' | 'increase'): number | null {
  const value = values[key];
  if (value === null || value === undefined) return null;
  const whole = typeof value === 'number' && Number.isSafeInteger(value);
  if (!whole || (part === 'stats' && value < 0)) {
    const expected = part === 'stats' ? 'a whole number of 0 or more' : 'a whole number';
    throw new ShapeError(`${where}: ${part}.${key} is ${JSON.stringify(value)}, not ${expected}`);
  }
  return value;
}

function readRecord(record: Json | undefined, where: string): ParsedReport {
  if (!isObject(record)) throw new ShapeError(`${where} is not an object`);
  const date = record['date'];
  if (typeof date !== 'string' || !isIsoDate(date)) {
    throw new ShapeError(`${where}: date ${date === undefined ? 'is missing' : `${JSON.stringify(date)} is not a YYYY-MM-DD date`}`);
  }
  const stats = record['stats'];
  if (!isObject(stats)) throw new ShapeError(`${where} (${date}): stats ${stats === undefined ? 'is missing' : 'is not an object'}`);
  const increase = record['increase'];
  if (increase !== undefined && increase !== null && !isObject(increase)) {
    throw new ShapeError(`${where} (${date}): increase is not an object`);
  }
  const deltas = isObject(increase) ? increase : null;
  const at = `${where} (${date})`;

  const figures: Figure[] = [];
  const warnings: ParseWarning[] = [];
  const unmapped: UnmappedLine[] = [];
  const keys = [...Object.keys(stats), ...Object.keys(deltas ?? {}).filter((key) => !(key in stats))];
  for (const key of keys) {
    const total = readCount(stats, key, at, 'stats');
    const delta = deltas ? readCount(deltas, key, at, 'increase') : null;
    const category = RUSSIANWARSHIP_KEYS[key];
    if (category === undefined) {
      unmapped.push({ label: key, total, delta, qualifier: null });
      warnings.push({
        code: 'unknown_label',
        message: `unknown russianwarship.rip key "${key}" (${describeValues(total, delta)}); no category takes it`,
        label: key,
        total,
        delta,
      });
      continue;
    }
    if (total === null && delta === null) continue;
    // The API writes 0 for a category the General Staff did not list yet: not a figure.
    const notYetListed = date < getCategory(category).since;
    if (notYetListed && total === 0 && (delta === null || delta === 0)) continue;
    figures.push({ category, total, delta, qualifier: null, label: key });
  }
  return { source: 'russianwarship', reportDate: date, language: 'en', figures, warnings, unmapped };
}

function readEnvelope(value: Json): { what: string; reports: ParsedReport[] } {
  if (!isObject(value)) throw new ShapeError(`${WHAT} is JSON but not an object`);
  const data = value['data'];
  if (!isObject(data)) {
    const message = value['message'];
    const said = typeof message === 'string' ? ` (message: ${JSON.stringify(message)})` : '';
    throw new ShapeError(`${WHAT} has no "data" object${said}`);
  }
  if ('records' in data) {
    const records = data['records'];
    if (!Array.isArray(records)) throw new ShapeError(`${WHAT}: data.records is not a list`);
    const reports = records.map((record, i) => readRecord(record, `russianwarship.rip data.records[${i}]`));
    return { what: 'russianwarship.rip list', reports };
  }
  if ('stats' in data || 'date' in data) {
    return { what: 'russianwarship.rip record', reports: [readRecord(data, 'russianwarship.rip data')] };
  }
  throw new ShapeError(`${WHAT} holds neither a statistics record (data.date, data.stats) nor a list (data.records)`);
}

/** The reports of one API answer, oldest first; with a date in the context, only that day's. */
export function parseRussianwarshipDocument(json: string, context: ParseContext): DocumentOutcome {
  const read = readJson(json);
  if (!read.ok) return read.outcome;
  let envelope: { what: string; reports: ParsedReport[] };
  try {
    envelope = readEnvelope(read.value);
  } catch (error) {
    if (error instanceof ShapeError) return { status: 'parse_error', reason: error.message };
    throw error;
  }
  // A record without any figure is no report; a date listed twice keeps its first listing.
  const seen = new Set<string>();
  const reports: ParsedReport[] = [];
  for (const report of envelope.reports) {
    if (report.figures.length === 0 && report.unmapped.length === 0) continue;
    if (seen.has(report.reportDate)) continue;
    seen.add(report.reportDate);
    reports.push(report);
  }
  reports.sort((a, b) => (a.reportDate < b.reportDate ? -1 : a.reportDate > b.reportDate ? 1 : 0));
  return reportsFor(envelope.what, reports, context.date);
}

/**
 * The absolute URL of the list's next page (`data.paging.next_url`), or null when there is
 * none, when the page holds no records (an empty page ends the list, whatever its paging says),
 * or when the answer is not a list page.
 */
export function nextPageUrl(json: string): string | null {
  let value: Json;
  try {
    value = JSON.parse(json.replace(/^\uFEFF/, '')) as Json;
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const data = value['data'];
  if (!isObject(data)) return null;
  const records = data['records'];
  if (!Array.isArray(records) || records.length === 0) return null;
  const paging = data['paging'];
  if (!isObject(paging)) return null;
  const next = paging['next_url'];
  return typeof next === 'string' && next.trim() !== '' ? next.trim() : null;
}
