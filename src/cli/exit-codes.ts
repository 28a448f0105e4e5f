/** Exit codes of every command (DESIGN contract). */
import type { ErrorCode } from '../errors.js';

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** EX_TEMPFAIL: the report is not published yet; try again later. */
  notPublished: 75,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'LT_USAGE':
    case 'LT_CONFIG':
      return EXIT.usage;
    case 'LT_NOT_PUBLISHED':
      return EXIT.notPublished;
    default:
      return EXIT.failed;
  }
}
