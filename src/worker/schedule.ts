/**
 * When the worker polls, as pure functions of an injected clock: the publication window in
 * local (Kyiv) time, the interval between polls, the instant of the next poll, and the report
 * dates an outage left missing.
 */
import { addDays, daysBetween, wallClock } from '../dates.js';
import { UsageError } from '../errors.js';

export interface PollPolicy {
  /** Start and end of the window, in minutes after local midnight. */
  readonly start: number;
  readonly end: number;
  /** Time between two polls of one source within the window. */
  readonly everyMs: number;
  readonly timeZone: string;
}

const HH_MM = /^(\d{1,2}):(\d{2})$/;

function minutesOf(text: string): number | null {
  const match = HH_MM.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 24 || minutes > 59 || hours * 60 + minutes > 24 * 60) return null;
  return hours * 60 + minutes;
}

/** "06:30-12:00" → minutes after midnight. */
export function parseWindow(text: string, flag = '--window'): { start: number; end: number } {
  const [from = '', to = '', extra] = text.split('-');
  const start = minutesOf(from);
  const end = minutesOf(to);
  if (extra !== undefined || start === null || end === null) {
    throw new UsageError(`${flag} must be HH:MM-HH:MM in local time, such as 06:30-12:00; got "${text}"`);
  }
  if (end <= start) throw new UsageError(`${flag} must end after it starts; got "${text}"`);
  return { start, end };
}

const EVERY = /^(\d+)(s|m|h)?$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** "20" or "20m" → 20 minutes, "2s" → 2 seconds, "1h" → an hour; in milliseconds. */
export function parseEvery(text: string, flag = '--every'): number {
  const match = EVERY.exec(text.trim());
  const amount = Number(match?.[1]);
  const ms = amount * UNIT_MS[(match?.[2] ?? 'm') as keyof typeof UNIT_MS];
  if (!match || !Number.isSafeInteger(ms) || ms <= 0 || ms > 24 * UNIT_MS.h) {
    throw new UsageError(`${flag} must be a time between polls of up to a day: minutes (20), or with a unit (30s, 20m, 1h); got "${text}"`);
  }
  return ms;
}

/** "20 min", "2 s", "1 h 30 min": an interval as a person reads it. */
export function describeEvery(ms: number): string {
  const hours = Math.floor(ms / UNIT_MS.h);
  const minutes = Math.floor((ms % UNIT_MS.h) / UNIT_MS.m);
  const seconds = Math.round((ms % UNIT_MS.m) / UNIT_MS.s);
  const parts = [hours ? `${hours} h` : '', minutes ? `${minutes} min` : '', seconds ? `${seconds} s` : ''].filter(Boolean);
  return parts.join(' ') || `${ms} ms`;
}

/** "06:30-12:00": a window as the flag takes it. */
export function formatWindow(window: { start: number; end: number }): string {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${hhmm(window.start)}-${hhmm(window.end)}`;
}

/** The local date and minutes after local midnight of an instant. */
export function localTime(instant: Date, timeZone: string): { date: string; minutes: number } {
  const { date, minutes } = wallClock(instant, timeZone);
  return { date, minutes };
}

/** The instant at which the local clock shows `minutes` after midnight of `date`. */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // The zone's offset at the guess, applied twice to settle across a daylight-saving change.
  let instant = guess - (wallClock(new Date(guess), timeZone).wallMs - guess);
  instant = guess - (wallClock(new Date(instant), timeZone).wallMs - instant);
  return new Date(instant);
}

/**
 * The next instant to poll for today's report: now when inside the window and the last poll
 * is at least the interval ago; later today when it is not yet; the start of tomorrow's window
 * once the report is stored, or once the window is over and today was polled. A worker that
 * starts after the window, with today not polled yet, polls once at once: the report is
 * usually out by then, and waiting for tomorrow would leave the day to the catch-up.
 */
export function nextPollAt(now: Date, lastPollAt: Date | null, storedToday: boolean, policy: PollPolicy): Date {
  const { date, minutes } = localTime(now, policy.timeZone);
  const tomorrow = zonedInstant(addDays(date, 1), policy.start, policy.timeZone);
  if (storedToday) return tomorrow;
  const windowStart = zonedInstant(date, policy.start, policy.timeZone);
  if (minutes >= policy.end) return lastPollAt && lastPollAt >= windowStart ? tomorrow : now;
  const windowEnd = zonedInstant(date, policy.end, policy.timeZone);
  let next = now < windowStart ? windowStart : now;
  if (lastPollAt && lastPollAt >= windowStart) {
    const due = new Date(lastPollAt.getTime() + policy.everyMs);
    if (due > next) next = due;
  }
  return next < windowEnd ? next : tomorrow;
}

/**
 * The report dates after the last stored one up to yesterday: what an outage left missing,
 * oldest first.
 * At most `maxDays` of them (the most recent), so a worker pointed at an old database does not
 * turn into a backfill.
 */
export function missingDates(lastStored: string | null, today: string, maxDays: number): string[] {
  if (lastStored === null || lastStored >= today) return [];
  const from = addDays(lastStored, 1);
  const count = daysBetween(from, today);
  const dates: string[] = [];
  for (let i = Math.max(0, count - maxDays); i < count; i++) dates.push(addDays(from, i));
  return dates;
}
