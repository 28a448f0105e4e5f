/**
 * A real local HTTP server on port 0 that serves fixtures by path and can answer with faults,
 * so every fetch path is tested over a real socket.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route =
  | { readonly status?: number; readonly body: string | Buffer; readonly contentType?: string; readonly headers?: Record<string, string> }
  | ((req: IncomingMessage, res: ServerResponse) => void);

export interface TestServer {
  readonly url: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  /** Request headers of every request, in order. */
  readonly headers: IncomingMessage['headers'][];
  set(path: string, route: Route): void;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    headers.push(req.headers);
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>404 Not Found</title></head><body><h1>Сторінку не знайдено</h1></body></html>');
      return;
    }
    if (typeof route === 'function') {
      route(req, res);
      return;
    }
    res.writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'text/html; charset=utf-8', ...route.headers });
    res.end(route.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    headers,
    set: (path, route) => table.set(path, route),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A local port with nothing listening on it, for "network unreachable" paths. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
