/**
 * Typed errors that cross layers. Each has a stable `code`; the CLI and the worker choose the
 * exit code and log level from the code, never from the message. Messages state what failed
 * and what to do about it, in one line.
 */

export type ErrorCode =
  | 'LT_USAGE'
  | 'LT_CONFIG'
  | 'LT_NETWORK'
  | 'LT_HTTP_STATUS'
  | 'LT_NOT_PUBLISHED'
  | 'LT_BLOCKED'
  | 'LT_NO_REPORT'
  | 'LT_PARSE'
  | 'LT_DATABASE'
  | 'LT_DATABASE_BUSY'
  | 'LT_QUERY'
  | 'LT_LOCKED'
  | 'LT_STALE'
  | 'LT_IO'
  | 'LT_STOPPED';

export class LossTallyError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LossTallyError';
    this.code = code;
  }
}

/** A flag, argument or option value that cannot work. */
export class UsageError extends LossTallyError {
  constructor(message: string) {
    super('LT_USAGE', message);
    this.name = 'UsageError';
  }
}

/** An environment variable or configuration value that cannot work. */
export class ConfigError extends LossTallyError {
  constructor(message: string) {
    super('LT_CONFIG', message);
    this.name = 'ConfigError';
  }
}

/** The source could not be reached: DNS, connection refused or reset, timeout. */
export class NetworkError extends LossTallyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LT_NETWORK', message, options);
    this.name = 'NetworkError';
  }
}

/** The source answered with an HTTP status that holds no report. */
export class HttpStatusError extends LossTallyError {
  readonly statusCode: number;

  constructor(statusCode: number, message: string) {
    super('LT_HTTP_STATUS', message);
    this.name = 'HttpStatusError';
    this.statusCode = statusCode;
  }
}

/** Today's report is not on the source yet (404 before publication): try again later. */
export class NotPublishedError extends LossTallyError {
  constructor(message: string) {
    super('LT_NOT_PUBLISHED', message);
    this.name = 'NotPublishedError';
  }
}

/** The source answered with a captcha or bot-protection page. */
export class BlockedError extends LossTallyError {
  constructor(message: string) {
    super('LT_BLOCKED', message);
    this.name = 'BlockedError';
  }
}

/** The document is readable but holds no report (a listing, another page, another date). */
export class NoReportError extends LossTallyError {
  constructor(message: string) {
    super('LT_NO_REPORT', message);
    this.name = 'NoReportError';
  }
}

/** The document should hold a report but its layout is not the one the parser knows. */
export class ParseError extends LossTallyError {
  constructor(message: string) {
    super('LT_PARSE', message);
    this.name = 'ParseError';
  }
}

export class DatabaseError extends LossTallyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LT_DATABASE', message, options);
    this.name = 'DatabaseError';
  }
}

/** Another process holds the database's write lock for longer than the busy timeout. */
export class DatabaseBusyError extends LossTallyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LT_DATABASE_BUSY', message, options);
    this.name = 'DatabaseBusyError';
  }
}

/** An analyst's SQL that cannot run: refused write, syntax error, unknown table. */
export class QueryError extends LossTallyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LT_QUERY', message, options);
    this.name = 'QueryError';
  }
}

/** A file that cannot be read or written. */
export class FileError extends LossTallyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LT_IO', message, options);
    this.name = 'FileError';
  }
}

/**
 * An input (a file, standard input, a device) holds more bytes than its limit allows: reading
 * stopped there, so no more than the limit was ever held. `variable` names the setting that
 * raises the limit.
 */
export class InputTooLargeError extends FileError {
  readonly limitBytes: number;
  readonly variable: string;

  constructor(input: string, limitBytes: number, what: string, variable: string) {
    super(`cannot read ${input}: it holds more than ${limitBytes} bytes, the limit for ${what} (${variable})`);
    this.name = 'InputTooLargeError';
    this.limitBytes = limitBytes;
    this.variable = variable;
  }
}

/**
 * The work was stopped on purpose (SIGINT, SIGTERM, the parent process gone) before it ended:
 * a normal end, never logged as a failure.
 */
export class StoppedError extends LossTallyError {
  constructor(message = 'stopped before the work was done') {
    super('LT_STOPPED', message);
    this.name = 'StoppedError';
  }
}

export function isStopped(error: unknown): boolean {
  return error instanceof LossTallyError && error.code === 'LT_STOPPED';
}

export function isLossTallyError(error: unknown): error is LossTallyError {
  return error instanceof LossTallyError;
}

/** The first line of a message: what a one-line error report shows. */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** The most characters of a caller's input that a message repeats. */
export const EXCERPT_CHARS = 80;

/**
 * A caller's input as a message repeats it: the first 80 characters (whole code points), then
 * "…" when there were more, with control characters escaped. An 8 KB query parameter or Host
 * header must not come back whole in an error body or a log line, and a line break in it must
 * not cut the one-line message short. Every message that quotes input goes through here.
 */
export function excerpt(input: string): string {
  // Two code units hold any code point: the slice keeps 80 whole ones without reading a long input.
  const head = Array.from(input.slice(0, 2 * EXCERPT_CHARS)).slice(0, EXCERPT_CHARS).join('');
  const kept = head.length < input.length ? `${head}…` : input;
  return kept.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
