// How numbers, dates and a day's figures read on the page (en-US digits, ISO dates).
import { drawnTotal, printedApart } from './clean.js';

const whole = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const DAY = 86_400;
export const toSeconds = (date) => Date.parse(`${date}T00:00:00Z`) / 1000;
export const toDate = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 10);

export const number = (n) => whole.format(n);
export const signed = (n) => (n > 0 ? `+${whole.format(n)}` : whole.format(n));
export const signedAverage = (n) => (n > 0 ? `+${oneDecimal.format(n)}` : oneDecimal.format(n));
export const percent = (n) => oneDecimal.format(n);

/** The total the line goes through (the clean series' where there is one), as the legend gives it. */
export function totalText(row) {
  const total = drawnTotal(row);
  if (total === null) return 'not stated';
  return `${row.qualifier ? `${row.qualifier} ` : ''}${whole.format(total)}`;
}

/** The total with what the clean series made of it: "12,226 repaired from 12,262", "127,181 inferred". */
export function describeTotal(row) {
  const status = row.clean?.status;
  if (!status || status === 'stated') return totalText(row);
  const printed = printedApart(row);
  return `${totalText(row)} ${status}${printed === null ? '' : ` from ${whole.format(printed)}`}`;
}

/** The delta of a row as the page says it: stated, derived (and from what), or missing. */
export function describeDelta(row) {
  if (row.delta !== null) return signed(row.delta);
  if (row.derivedDelta !== null) return `${signed(row.derivedDelta)} derived from the totals of this day and the day before (the source states no delta)`;
  // Said, so that a missing bar after a gap in the source is not read as a day without losses.
  if (row.total !== null) return 'not stated, none derived (no total the day before)';
  return 'not stated';
}

/** The latest report and how many of the analyst's days ago it came out. */
export function describeAge(latest, age) {
  if (age <= 0) return `${latest}, today`;
  return `${latest}, ${age} day${age === 1 ? '' : 's'} old`;
}

/** The day under the cursor of one category's chart: its figures, where they come from, what was found. */
export function describeDay(label, row, dayFindings) {
  const average = row.average7 === null ? '' : ` · 7-day average ${signedAverage(row.average7)}`;
  const kinds = new Set([...row.flags, ...dayFindings.map((f) => f.kind)]);
  const found = kinds.size > 0 ? ` · findings: ${[...kinds].join(', ')}` : '';
  return `${row.date} · ${label}: total ${describeTotal(row)} · delta ${describeDelta(row)}${average} · source ${row.source}${found}`;
}

/** The day under the cursor of compared categories: each one's normalised value and the figure behind it. */
export function describeComparedDay(date, lines, idx, measure, labelOf) {
  const parts = lines.map((line) => {
    const row = line.rowAt(idx);
    if (!row) return `${labelOf(line.category)}: no figures`;
    const value = line.values[idx];
    const figure = measure === 'total' ? `total ${describeTotal(row)}` : `7-day average ${row.average7 === null ? 'none' : signedAverage(row.average7)}`;
    return `${labelOf(line.category)}: ${value === null ? '–' : percent(value)} (${figure}, source ${row.source})`;
  });
  return `${date} · ${parts.join(' · ')}`;
}
