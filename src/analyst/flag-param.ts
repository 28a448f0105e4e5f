/** A yes-or-no query parameter of the server (`bom`, `clean`): 1 or 0, and absent is no. */
import { excerpt, UsageError } from '../errors.js';

export function flagParam(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '0') return false;
  if (value === '1') return true;
  throw new UsageError(`${name} must be 0 or 1, got "${excerpt(value)}"`);
}
