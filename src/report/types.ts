import type { CategoryKey } from './categories.js';

/** How a total is qualified in the report ("близько", "about", "понад", "до" …). */
export type Qualifier = 'about' | 'more than' | 'up to';

/** One category's line of one report, as stated: nothing derived, nothing corrected. */
export interface Figure {
  readonly category: CategoryKey;
  /** Cumulative total since 2022-02-24; null when the line states only a delta. */
  readonly total: number | null;
  /** The "(+N)" of the line: losses of the previous day; null when the line omits it. */
  readonly delta: number | null;
  readonly qualifier: Qualifier | null;
  /** The label exactly as the report wrote it. */
  readonly label: string;
}

export type ParseWarningCode =
  | 'unknown_label'
  | 'duplicate_category'
  | 'empty_delta'
  | 'unknown_qualifier'
  /** The line also states a count that is not a General Staff category (minfin's 2022 POW). */
  | 'prisoners_of_war'
  /** A line of the first days' reports that is no category of the registry ("ЗРК БУК — 1"). */
  | 'not_a_category'
  /** The total is printed with a minus sign: no count of losses is negative, the line is not a figure. */
  | 'negative_total'
  /** Parentheses after the total that are not a delta ("(+-1)"): the figure has no delta. */
  | 'unread_delta'
  /** The line states the day's change and no total. */
  | 'delta_only'
  /** The date a page states and the date it was posted disagree; the message says which one dates it. */
  | 'date_conflict'
  /** A headline or sentence gives another figure for a category than the list: the list's is kept. */
  | 'mention_disagrees'
  /** A number written loosely ("29,2 тисячі", "34 100 тис."): how it was read. */
  | 'number_words'
  /** A number next to a category's term that no rule read: the text states more than was parsed. */
  | 'unread_figure';

export interface ParseWarning {
  readonly code: ParseWarningCode;
  readonly message: string;
  readonly label: string;
  readonly total?: number | null;
  readonly delta?: number | null;
}

/** A line that has the shape of a figure but a label the lexicon does not know. */
export interface UnmappedLine {
  readonly label: string;
  readonly total: number | null;
  readonly delta: number | null;
  readonly qualifier: Qualifier | null;
}

export type ReportLanguage = 'uk' | 'ru' | 'en' | 'de' | 'pl' | 'it' | 'uk+en';

export interface ParsedReport {
  readonly source: string;
  /** Publication date of the report (ISO YYYY-MM-DD). */
  readonly reportDate: string;
  readonly language: ReportLanguage;
  readonly figures: readonly Figure[];
  readonly warnings: readonly ParseWarning[];
  readonly unmapped: readonly UnmappedLine[];
}
