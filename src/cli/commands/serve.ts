/** `losstally serve`: the local HTTP API and chart page, read-only, until SIGINT or SIGTERM. */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalHost, hostGuard, isHostOrAddress } from '../../analyst/host-guard.js';
import { createAnalystServer } from '../../analyst/server.js';
import { excerpt, firstLine, NetworkError, UsageError } from '../../errors.js';
import { openForReading, type CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { watchNpmParent } from '../parent-watch.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: string;
  /** --allow-host, repeatable: more names the Host header may give (see analyst/host-guard.ts). */
  readonly allowHost?: readonly string[];
}

export function parseHost(value: string): string {
  if (isHostOrAddress(value)) return value;
  throw new UsageError(`--host must be an IP address or a host name, got "${excerpt(value)}"`);
}

/** An --allow-host name; an IPv6 address may come in brackets, as a Host header gives it. */
export function parseAllowedHost(value: string): string {
  if (canonicalHost(value) !== null) return value;
  throw new UsageError(`--allow-host must be a host name or an IP address, got "${excerpt(value)}"`);
}

/** 0 lets the system choose a free port; the line printed names the one chosen. */
export function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${excerpt(value)}"`);
  return port;
}

async function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${host}:${port}`;
    if (code === 'EADDRINUSE') throw new NetworkError(`cannot listen on ${where}: the port is in use; stop the other server or choose another --port`, { cause: error });
    if (code === 'EACCES') throw new NetworkError(`cannot listen on ${where}: permission denied; choose a --port above 1023`, { cause: error });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new UsageError(`cannot listen on ${where}: ${host} is not an address of this machine; use --host 127.0.0.1 (or 0.0.0.0 for every interface)`);
    }
    throw new NetworkError(`cannot listen on ${where}: ${(error as Error).message}`, { cause: error });
  }
  return server.address() as AddressInfo;
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Resolves with the name of the first of SIGINT or SIGTERM, or when the npm process that
 * started this one is gone (npm does not pass a SIGTERM on); the handlers are removed after it.
 */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (reason: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      unwatch();
      resolve(reason);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const unwatch = watchNpmParent(process.env, () => stop('parent_exited'));
  });
}

/**
 * Serves until the promise `stopped()` returns (asked for once the server listens) resolves,
 * then closes the server and the database. runServe waits for SIGINT/SIGTERM; tests pass their own.
 */
export async function serveUntil(context: CommandContext, options: ServeOptions, stopped: () => Promise<unknown>): Promise<number> {
  const host = parseHost(options.host);
  const port = parsePort(options.port);
  const hosts = hostGuard(host, (options.allowHost ?? []).map(parseAllowedHost));
  const sqlite = openForReading(context);
  try {
    const server = createAnalystServer(sqlite, {
      hosts,
      onError: (error, request) => {
        const reason = error instanceof Error ? firstLine(error.message) : String(error);
        context.stderr.write(`Error: ${request} failed: ${reason}\n`);
      },
    });
    const address = await listen(server, host, port);
    const stop = stopped();
    context.stdout.write(`serving ${urlOf(address)} (database ${context.dbPath}); Ctrl-C stops\n`);
    await stop;
    const closed = once(server, 'close');
    server.close();
    server.closeAllConnections();
    await closed;
    return EXIT.ok;
  } finally {
    sqlite.close();
  }
}

export async function runServe(context: CommandContext, options: ServeOptions): Promise<number> {
  return serveUntil(context, options, stopSignal);
}
