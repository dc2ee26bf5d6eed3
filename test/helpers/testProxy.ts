/**
 * A small HTTP proxy on loopback for tests of proxy support: forwards absolute-URI requests
 * (`GET http://127.0.0.1:1234/… HTTP/1.1`) and tunnels CONNECT, only to loopback targets, and
 * counts what it forwarded per target `host:port`.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A running test proxy. */
export interface TestProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Requests forwarded per target `host:port`. */
  readonly requests: ReadonlyMap<string, number>;
  /** CONNECT tunnels opened per target `host:port`. */
  readonly tunnels: ReadonlyMap<string, number>;
  /** Requests and tunnels to `endpoint` (an `http://host:port` URL). */
  countFor(endpoint: string): number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Starts the proxy on 127.0.0.1 (ephemeral port). */
export async function startTestProxy(): Promise<TestProxy> {
  const requests = new Map<string, number>();
  const tunnels = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URI required');
      return;
    }
    if (!LOOPBACK.has(target.hostname)) {
      res.writeHead(403).end('loopback targets only');
      return;
    }
    bump(requests, target.host);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: target.pathname + target.search,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    if (!LOOPBACK.has(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    bump(tunnels, `${host}:${port}`);
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    tunnels,
    countFor(endpoint) {
      const { host } = new URL(endpoint);
      return (requests.get(host) ?? 0) + (tunnels.get(host) ?? 0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
