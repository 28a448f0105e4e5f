/** The worker's view of one ingest: an outcome it can log and act on, never an exception for the expected failures. */
import { isLossTallyError, isStopped } from '../errors.js';
import type { DayOutcome } from './worker.js';
import type { IngestResult } from '../ingest/ingest.js';

/** Failures that may pass the same day: the site down, busy, blocking us, or the report not out yet. */
const RETRYABLE = new Set(['LT_NETWORK', 'LT_BLOCKED', 'LT_DATABASE_BUSY', 'LT_NOT_PUBLISHED']);

export async function dayOutcome(date: string, ingest: () => Promise<IngestResult>): Promise<DayOutcome> {
  try {
    const result = await ingest();
    return { date, status: result.outcome, message: `${result.outcome} revision ${result.revision}, ${result.figureCount} figures`, retryable: false };
  } catch (error) {
    if (!isLossTallyError(error) || isStopped(error)) throw error;
    if (error.code === 'LT_NOT_PUBLISHED') return { date, status: 'not_published', message: error.message, retryable: true };
    const retryable = RETRYABLE.has(error.code) || (error.code === 'LT_HTTP_STATUS' && (error as { statusCode?: number }).statusCode !== 404);
    return { date, status: 'failed', message: error.message, retryable };
  }
}
