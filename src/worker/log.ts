/**
 * Event logs: one JSON object per line for machines (journald, log shippers), a readable line
 * on a terminal. Every event has a name and fields; messages are built from them.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Readonly<Record<string, unknown>>): void;
}

export function createLogger(stream: NodeJS.WritableStream, options: { json: boolean; now?: () => Date }): Logger {
  const now = options.now ?? (() => new Date());
  return {
    log(level, event, fields = {}) {
      const time = now().toISOString();
      if (options.json) {
        stream.write(JSON.stringify({ time, level, event, ...fields }) + '\n');
        return;
      }
      const details = Object.entries(fields)
        .filter(([, value]) => value !== undefined && value !== null)
        .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`)
        .join(' ');
      stream.write(`${time.slice(0, 19).replace('T', ' ')} ${level.padEnd(5)} ${event}${details ? ` ${details}` : ''}\n`);
    },
  };
}
