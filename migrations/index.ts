/**
 * Every migration, by name. Listing them here (rather than reading the folder at run time)
 * keeps start-up fast and works the same from TypeScript sources and compiled JavaScript.
 */
import type { Migration } from 'kysely';
import * as createCoreTables from './2026_11_25_0001_create_core_tables.js';
import * as addImports from './2026_11_25_0002_add_imports_and_cross_source_flags.js';
import * as indexFiguresByReport from './2026_11_25_0003_index_figures_by_report.js';
import * as addFetchValidators from './2026_11_25_0004_add_fetch_validators.js';
import * as preferStatedTotals from './2026_11_25_0005_prefer_stated_totals.js';
import * as lighterFigureIndexes from './2026_11_25_0006_lighter_figure_indexes.js';
import * as addWorkerState from './2026_11_27_0007_add_worker_state.js';
import * as addFetchFinalUrl from './2026_11_28_0008_add_fetch_final_url.js';
import * as addCleanSeries from './2026_11_28_0009_add_clean_series.js';
import * as indexReportsByDate from './2026_11_29_0010_index_reports_by_date.js';
import * as addUrlForms from './2026_11_29_0011_add_url_forms.js';

export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_25_0001_create_core_tables': createCoreTables,
  '2026_11_25_0002_add_imports_and_cross_source_flags': addImports,
  '2026_11_25_0003_index_figures_by_report': indexFiguresByReport,
  '2026_11_25_0004_add_fetch_validators': addFetchValidators,
  '2026_11_25_0005_prefer_stated_totals': preferStatedTotals,
  '2026_11_25_0006_lighter_figure_indexes': lighterFigureIndexes,
  '2026_11_27_0007_add_worker_state': addWorkerState,
  '2026_11_28_0008_add_fetch_final_url': addFetchFinalUrl,
  '2026_11_28_0009_add_clean_series': addCleanSeries,
  '2026_11_29_0010_index_reports_by_date': indexReportsByDate,
  '2026_11_29_0011_add_url_forms': addUrlForms,
};
