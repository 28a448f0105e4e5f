/**
 * Row types of the tables and views, as the migrations create them (a test compares these
 * with the migrated database). Dates are ISO text, counts are integers.
 */
import type { ColumnType, Generated } from 'kysely';

export interface SourcesTable {
  id: string;
  title: string;
  kind: string;
  priority: number;
}

export interface CategoriesTable {
  key: string;
  position: number;
  label_uk: string;
  label_en: string;
  label_de: string;
  since: string;
  until: string | null;
}

export interface DocumentsTable {
  sha256: string;
  content_type: string | null;
  bytes: number;
  encoding: string;
  body: Buffer;
  stored_at: string;
}

export type FetchOutcome =
  | 'stored'
  | 'unchanged'
  | 'not_published'
  | 'blocked'
  | 'no_report'
  | 'http_error'
  | 'network_error'
  | 'parse_error';

export interface FetchesTable {
  id: Generated<number>;
  source: string;
  report_date: string | null;
  /** The URL asked for. */
  url: string;
  fetched_at: string;
  http_status: number | null;
  outcome: FetchOutcome;
  bytes: number | null;
  sha256: string | null;
  duration_ms: number | null;
  error: string | null;
  etag: string | null;
  last_modified: string | null;
  /** The URL that answered: `url`, or where redirects within its host led; null on rows from before it was kept. */
  final_url: string | null;
}

export interface ReportsTable {
  id: Generated<number>;
  source: string;
  report_date: string;
  revision: number;
  url: string | null;
  document_sha256: string | null;
  fetch_id: number | null;
  language: string;
  parser_version: string;
  stored_at: string;
}

export interface FiguresTable {
  id: Generated<number>;
  report_id: number;
  category: string | null;
  total: number | null;
  delta: number | null;
  qualifier: string | null;
  label: string;
}

export interface FindingsTable {
  id: Generated<number>;
  source: string;
  report_date: string;
  report_id: number | null;
  category: string | null;
  kind: string;
  severity: 'error' | 'warning' | 'info';
  expected: number | null;
  actual: number | null;
  detail: string;
}

export interface ImportsTable {
  id: Generated<number>;
  source: string;
  format: string;
  path: string;
  file_name: string;
  sha256: string;
  bytes: number;
  rows: number;
  imported_at: string;
}

export interface WorkerStateTable {
  key: string;
  /** JSON. */
  value: string;
  updated_at: string;
}

/** The form of address that last answered, per source (url_forms). */
export interface UrlFormsTable {
  source: string;
  form: string;
  url: string;
  report_date: string;
  answered_at: string;
  found_via: 'address' | 'listing';
}

export interface CleanValuesTable {
  date: string;
  category: string;
  value: number | null;
  stated: number | null;
  status: 'stated' | 'repaired' | 'inferred' | 'disputed';
  reason: string | null;
  evidence: string | null;
  source: string;
}

type ViewColumn<T> = ColumnType<T, never, never>;

export interface SeriesView {
  date: ViewColumn<string>;
  day: ViewColumn<number>;
  category: ViewColumn<string>;
  total: ViewColumn<number | null>;
  delta: ViewColumn<number | null>;
  qualifier: ViewColumn<string | null>;
  source: ViewColumn<string>;
  report_id: ViewColumn<number>;
  revision: ViewColumn<number>;
  flags: ViewColumn<string | null>;
}

export interface Database {
  sources: SourcesTable;
  categories: CategoriesTable;
  documents: DocumentsTable;
  fetches: FetchesTable;
  reports: ReportsTable;
  latest_reports: ReportsTable;
  figures: FiguresTable;
  findings: FindingsTable;
  imports: ImportsTable;
  worker_state: WorkerStateTable;
  url_forms: UrlFormsTable;
  clean_values: CleanValuesTable;
  series: SeriesView;
}
