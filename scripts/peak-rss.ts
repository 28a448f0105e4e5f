/**
 * The peak resident memory of this process in KiB, for the memory figures of `npm run bench`.
 * On Linux it is read from VmHWM, because getrusage's maxrss of a spawned process starts at the
 * size of the parent that forked it.
 */
import { readFileSync } from 'node:fs';

export function peakRssKiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // No /proc (not Linux): getrusage's figure is the best there is.
  }
  return process.resourceUsage().maxRSS;
}

/** The line peak-at-exit.ts writes, and how a parent finds it in the child's standard error. */
export function peakLine(): string {
  return `peak-rss-kib ${peakRssKiB()}`;
}

export const PEAK_LINE = /^peak-rss-kib (\d+)$/m;
