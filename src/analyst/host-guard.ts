/**
 * Which Host headers the analyst server answers: its guard against DNS rebinding. A page on
 * evil.example can make its own name resolve to 127.0.0.1 and then read the local API as if it
 * were its own site; the browser still sends `Host: evil.example`, so a server that answers only
 * its own names gives that page nothing.
 *
 * Its own names are localhost, 127.0.0.1, [::1] and the --host it listens on, with the port it
 * listens on or none. Listening on every interface (0.0.0.0 or ::), the names under which other
 * machines reach it cannot be known, so only the addresses of this machine's interfaces are added
 * (read on each request: addresses come and go), never a name: a rebinding attack needs a name,
 * an address in the URL cannot be rebound. Any other name (a DNS name of the machine, a reverse
 * proxy's) is answered only when given with --allow-host, and then on any port, since a proxy or
 * a port forwarding may put its own port in the Host header.
 */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { excerpt } from '../errors.js';

export interface HostGuard {
  /** Answered with the port listened on or none: canonical names (see `canonicalHost`). */
  readonly own: ReadonlySet<string>;
  /** Answered on any port: the --allow-host names. */
  readonly allowed: ReadonlySet<string>;
  /** Listening on 0.0.0.0 or ::, where every address of this machine is one of its own names too. */
  readonly everyInterface: boolean;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];
/** 0.0.0.0 and ::, canonical. */
const EVERY_INTERFACE = ['0.0.0.0', '[::]'];

/** An IP address (IPv6 without brackets) or a DNS host name. */
export function isHostOrAddress(value: string): boolean {
  return isIP(value) !== 0 || HOST_NAME.test(value);
}

/**
 * A host as URLs compare it, the form a browser sends: lower case, IPv4 dotted, IPv6 compressed
 * in brackets, no final dot. Null when `value` is neither an address (IPv6 bare or in brackets) nor a host name.
 */
export function canonicalHost(value: string): string | null {
  // "localhost." is the fully qualified form of "localhost": the same name.
  const inBrackets = /^\[(.*)\]$/.exec(value)?.[1];
  const bare = inBrackets ?? value.replace(/(?<=[^.])\.$/, '');
  if (inBrackets !== undefined ? isIP(inBrackets) !== 6 : !isHostOrAddress(bare)) return null;
  try {
    return new URL(`http://${isIP(bare) === 6 ? `[${bare}]` : bare}/`).hostname;
  } catch {
    // A name that ends in a number is read as an IPv4 address, which 999.1.1.1 is not.
    return null;
  }
}

/** The guard of a server listening on `listenHost`, answering the `allowHosts` names too (checked by the caller). */
export function hostGuard(listenHost: string, allowHosts: readonly string[] = []): HostGuard {
  const canonical = (names: readonly string[]) => new Set(names.map((name) => canonicalHost(name)).filter((name): name is string => name !== null));
  return {
    own: canonical([...LOOPBACK, listenHost]),
    allowed: canonical(allowHosts),
    everyInterface: EVERY_INTERFACE.includes(canonicalHost(listenHost) ?? ''),
  };
}

function isMachineAddress(host: string): boolean {
  return Object.values(networkInterfaces()).some((addresses) => addresses?.some((a) => canonicalHost(a.address) === host));
}

/**
 * Null when the Host header names this server (reached on `localPort`), else the one-line reason
 * it is refused, which repeats at most an excerpt of the header.
 */
export function hostRefusal(guard: HostGuard, header: string | undefined, localPort: number): string | null {
  const example = `e.g. Host: localhost:${localPort}`;
  if (header === undefined || header === '') return `the request names no host (no Host header); this server answers only requests that name it, ${example}`;
  const parts = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(header);
  const host = parts ? canonicalHost(parts[1]!) : null;
  if (!parts || host === null) return `host "${excerpt(header)}" cannot be read as a name or address with an optional :port; this server answers only requests that name it, ${example}`;
  if (guard.allowed.has(host)) return null;
  const onPortListened = parts[2] === undefined || Number(parts[2]) === localPort;
  if (onPortListened && (guard.own.has(host) || (guard.everyInterface && isMachineAddress(host)))) return null;
  return `host "${excerpt(header)}" is not a name of this server (a guard against DNS rebinding); if it is one, start serve with --allow-host ${excerpt(host)}`;
}
