/**
 * Collects the cells of one or more dataset files into one report per date. Files are merged by
 * date in the order they are read; the same (date, category) with two different values keeps
 * the first and warns with both places and values. One pass over the cells, one sort of the
 * dates at the end: linear in the size of the files. It holds one cell per date and category,
 * never a file's text (the readers feed it row by row), and hands the reports over a batch at
 * a time (`takeReport`).
 */
import { excerpt } from '../errors.js';
import { CATEGORIES, type CategoryKey } from '../report/categories.js';
import type { Figure, ParsedReport, ParseWarning, Qualifier, UnmappedLine } from '../report/types.js';
import type { DatasetResult } from './types.js';

/**
 * Names a place in a file for messages ("russia_losses.csv line 4") from the number the reader
 * keeps for it (a CSV line, a JSON record's index): built only when a message needs it.
 */
export type Locator = (at: number) => string;

interface Cell {
  readonly total: number | null;
  readonly delta: number | null;
  readonly label: string;
  readonly locator: Locator;
  readonly at: number;
}

interface Day {
  /** The file the day's first figure came from: the report's document. */
  readonly file: string;
  /** By registry order: index = position − 1. */
  readonly cells: (Cell | undefined)[];
  count: number;
  qualifier: Qualifier | null;
  readonly unmapped: UnmappedLine[];
}

/**
 * What a name no category takes was read as: a column of a wide file or a JSON key ("column"),
 * the registry key of a long file ("category"), the report's label of a long file that names
 * its categories so ("item", JJ's ukr-mod-data.csv).
 */
export type UnknownKind = 'column' | 'category' | 'item';

interface Unknown {
  readonly kind: UnknownKind;
  readonly file: string;
  readonly label: string;
  readonly locator: Locator;
  readonly at: number;
  kept: number;
  leftOut: number;
}

const ORDER: readonly CategoryKey[] = CATEGORIES.map((c) => c.key as CategoryKey);
const INDEX = new Map<CategoryKey, number>(ORDER.map((key, i) => [key, i]));

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function signed(value: number): string {
  return value < 0 ? String(value) : `+${value}`;
}

function describe(cell: { total: number | null; delta: number | null }): string {
  const total = cell.total === null ? 'no total' : String(cell.total);
  return cell.delta === null ? total : `${total} (${signed(cell.delta)})`;
}

export class DatasetTable {
  private readonly days = new Map<string, Day>();
  private readonly warnings: ParseWarning[] = [];
  private readonly unknowns = new Map<string, Unknown>();
  private readonly pow = new Map<string, number>();
  private readonly fileNotes: string[] = [];
  private rows = 0;
  private file = '';

  /** The file whose rows come next. */
  beginFile(name: string): void {
    this.file = name;
  }

  /** Counts one data row (CSV line or JSON record). */
  countRow(): void {
    this.rows += 1;
  }

  private day(date: string): Day {
    let day = this.days.get(date);
    if (!day) {
      day = { file: this.file, cells: [], count: 0, qualifier: null, unmapped: [] };
      this.days.set(date, day);
    }
    return day;
  }

  figure(date: string, category: CategoryKey, total: number | null, delta: number | null, label: string, locator: Locator, at: number): void {
    const day = this.day(date);
    const index = INDEX.get(category) as number;
    const first = day.cells[index];
    if (!first) {
      day.cells[index] = { total, delta, label, locator, at };
      day.count += 1;
      return;
    }
    if (first.total === total && first.delta === delta) return;
    this.warnings.push({
      code: 'duplicate_category',
      message: `${date} ${category}: ${describe(first)} in ${first.locator(first.at)}, ${describe({ total, delta })} in ${locator(at)}; the first is kept`,
      label,
      total,
      delta,
    });
  }

  qualifier(date: string, qualifier: Qualifier): void {
    this.day(date).qualifier = qualifier;
  }

  warn(warning: ParseWarning): void {
    this.warnings.push(warning);
  }

  /**
   * Registers a column or category no category key takes, so it gets its warning even when
   * none of its cells holds a value.
   */
  unknown(kind: Unknown['kind'], file: string, label: string, locator: Locator, at: number): Unknown {
    const key = `${kind}\u0000${file}\u0000${label}`;
    let entry = this.unknowns.get(key);
    if (!entry) {
      entry = { kind, file, label, locator, at, kept: 0, leftOut: 0 };
      this.unknowns.set(key, entry);
    }
    return entry;
  }

  /** A value of an unknown column or category: counts are kept as unknown labels of the date. */
  unknownValue(entry: Unknown, date: string, total: number | null, delta: number | null): void {
    if ((total === null && delta === null) || entry.label.trim() === '') {
      entry.leftOut += 1;
      return;
    }
    entry.kept += 1;
    this.day(date).unmapped.push({ label: entry.label, total, delta, qualifier: null });
  }

  /** Something a reader says about how it read a file (see DatasetResult.notes). */
  note(text: string): void {
    this.fileNotes.push(text);
  }

  /** A POW value: read, counted in a note, not imported. */
  powValue(file: string): void {
    this.pow.set(file, (this.pow.get(file) ?? 0) + 1);
  }

  private unknownWarning(entry: Unknown): ParseWarning {
    const unnamed = entry.label.trim() === '';
    const parts: string[] = [];
    if (entry.kept > 0) parts.push(`${plural(entry.kept, 'value', 'values')} kept as unknown labels`);
    if (entry.leftOut > 0) parts.push(`${plural(entry.leftOut, 'value', 'values')} left out${unnamed ? '' : ` (not ${entry.leftOut === 1 ? 'a count' : 'counts'})`}`);
    const values = parts.length > 0 ? parts.join(', ') : 'no values';
    const first = `first in ${entry.locator(entry.at)}`;
    let message: string;
    if (entry.kind === 'category') message = `unknown category "${excerpt(entry.label)}" (${first}): not a registry key; ${values}`;
    else if (entry.kind === 'item') message = `unknown item "${excerpt(entry.label)}" (${first}): no category has this label; ${values}`;
    else if (unnamed) message = `a column without a name in ${entry.file}: no category takes it; ${values}`;
    else message = `unknown column "${excerpt(entry.label)}" in ${entry.file}: no category takes it; ${values}`;
    return { code: 'unknown_label', message, label: entry.label };
  }

  /** Data rows counted so far, over all files. */
  get rowCount(): number {
    return this.rows;
  }

  /** The dates that have a report, oldest first: a date whose cells were all empty (a qualifier alone) has none. */
  reportDates(): string[] {
    const dates = [...this.days.keys()].filter((date) => {
      const day = this.days.get(date) as Day;
      return day.count > 0 || day.unmapped.length > 0;
    });
    return dates.sort();
  }

  private reportOf(date: string, day: Day, source: string): ParsedReport {
    const figures: Figure[] = [];
    for (let i = 0; i < day.cells.length; i += 1) {
      const cell = day.cells[i];
      if (!cell) continue;
      const category = ORDER[i] as CategoryKey;
      figures.push({
        category,
        total: cell.total,
        delta: cell.delta,
        qualifier: category === 'personnel' ? day.qualifier : null,
        label: cell.label,
      });
    }
    return { source, reportDate: date, language: 'en', figures, warnings: [], unmapped: day.unmapped };
  }

  /**
   * The report of a date of `reportDates()` and the file it came from; the date's cells are let
   * go, so that a large table is handed over a batch of reports at a time, not copied whole.
   */
  takeReport(date: string, source: string): { readonly report: ParsedReport; readonly file: string } {
    const day = this.days.get(date);
    if (!day) throw new Error(`no report for ${date} in the dataset table`);
    this.days.delete(date);
    return { report: this.reportOf(date, day, source), file: day.file };
  }

  /** What the readers said about how they read, and everything read on purpose and left out (see DatasetResult.notes). */
  notes(): string[] {
    return [
      ...this.fileNotes,
      ...[...this.pow].map(([file, count]) => `POW (prisoners of war) is not a General Staff category: ${plural(count, 'value', 'values')} in ${file} not imported`),
    ];
  }

  /** The dataset's warnings (see DatasetResult.warnings), once the files are read. */
  allWarnings(): ParseWarning[] {
    return [...[...this.unknowns.values()].map((u) => this.unknownWarning(u)), ...this.warnings];
  }

  result(source: string): DatasetResult {
    const dates = this.reportDates();
    const reports = dates.map((date) => this.reportOf(date, this.days.get(date) as Day, source));
    return {
      reports,
      origins: new Map(dates.map((date) => [date, (this.days.get(date) as Day).file])),
      rows: this.rows,
      warnings: this.allWarnings(),
      notes: this.notes(),
    };
  }
}
