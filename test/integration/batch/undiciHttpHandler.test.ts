/**
 * The Config clients' HTTP handler against real servers on loopback: what goes on the wire, what
 * comes back, and that every failure keeps the SDK's retry behaviour (broken connections and
 * timeouts retried, aborts not).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigServiceClient, DescribeConfigRulesCommand } from '@aws-sdk/client-config-service';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAwsClientFactory } from '../../../src/aws/clientFactory.js';
import { isAbortError, isTransientError } from '../../../src/aws/errorKinds.js';
import { newCallStats } from '../../../src/aws/pacingPlugin.js';
import { TokenBucket } from '../../../src/aws/TokenBucket.js';
import { queryString, UndiciHttpHandler } from '../../../src/aws/undiciHttpHandler.js';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse, attempt: number) => void;

const open: { server: Server; handler: UndiciHttpHandler }[] = [];

async function serve(handle: Handler, timeoutMs = 5_000) {
  let attempt = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks), res, ++attempt));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const handler = new UndiciHttpHandler({
    connections: 8,
    connectTimeoutMs: 1_000,
    requestTimeoutMs: timeoutMs,
  });
  open.push({ server, handler });
  return { port: (server.address() as AddressInfo).port, handler, attempts: () => attempt };
}

afterEach(async () => {
  for (const { server, handler } of open.splice(0)) {
    handler.destroy();
    server.closeAllConnections();
    server.close();
  }
});

const request = (port: number, extra: Record<string, unknown> = {}) => ({
  protocol: 'http:',
  hostname: '127.0.0.1',
  port,
  method: 'POST',
  path: '/a/b',
  query: {},
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'T.Op' },
  body: '{"x":1}',
  ...extra,
});

const configClient = (port: number, handler: UndiciHttpHandler, maxAttempts: number) =>
  new ConfigServiceClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: handler,
    maxAttempts,
  });

const rulesBody = JSON.stringify({ ConfigRules: [{ ConfigRuleName: 'r1', Source: { Owner: 'AWS' } }] });

describe('UndiciHttpHandler', () => {
  it('sends method, path, query, headers and body, and returns status, headers and the whole body', async () => {
    let seen: Record<string, string | undefined> = {};
    const { port, handler } = await serve((req, body, res) => {
      seen = {
        method: req.method,
        url: req.url,
        target: req.headers['x-amz-target'] as string,
        body: String(body),
      };
      res.setHeader('x-multi', ['a', 'b']);
      res.writeHead(418, { 'content-type': 'text/plain' });
      res.end('é'.repeat(50_000));
    });
    const { response } = await handler.handle(
      request(port, { query: { b: ['2', '1'], a: 'x y', c: null } }) as never,
    );
    expect(seen).toEqual({ method: 'POST', url: '/a/b?a=x%20y&b=2&b=1&c', target: 'T.Op', body: '{"x":1}' });
    expect(response.statusCode).toBe(418);
    expect(response.headers['x-multi']).toBe('a, b');
    expect(Buffer.from(response.body as Uint8Array).toString()).toBe('é'.repeat(50_000));
  });

  it('lets the SDK retry a connection the server broke, and deserialise the answer that follows', async () => {
    const { port, handler, attempts } = await serve((req, _body, res, attempt) => {
      if (attempt <= 2) return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(rulesBody);
    });
    const out = await configClient(port, handler, 5).send(new DescribeConfigRulesCommand({}));
    expect(out.ConfigRules?.map((r) => r.ConfigRuleName)).toEqual(['r1']);
    expect(attempts()).toBe(3);
  });

  it('turns a server that never answers into a TimeoutError the SDK retries', async () => {
    const { port, handler, attempts } = await serve(() => {}, 150);
    const failure = await configClient(port, handler, 2)
      .send(new DescribeConfigRulesCommand({}))
      .catch((e: unknown) => e);
    expect((failure as Error).name).toBe('TimeoutError');
    expect(isTransientError(failure)).toBe(true);
    expect(attempts()).toBe(2);
  });

  it('stops at once on abort with an AbortError, which is never retried', async () => {
    const { port, handler, attempts } = await serve(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const failure = await handler
      .handle(request(port) as never, { abortSignal: controller.signal as never })
      .catch((e: unknown) => e);
    expect(isAbortError(failure)).toBe(true);
    expect(isTransientError(failure)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(attempts()).toBe(1);
    await expect(
      handler.handle(request(port) as never, { abortSignal: controller.signal as never }),
    ).rejects.toSatisfy(isAbortError);
    expect(attempts()).toBe(1);
  });

  it('passes a refused connection through with its system code (transient)', async () => {
    const { port, handler } = await serve(() => {});
    const closed = open.at(-1)!.server;
    closed.close();
    await once(closed, 'close');
    const failure = await handler.handle(request(port) as never).catch((e: unknown) => e);
    expect((failure as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isTransientError(failure)).toBe(true);
  });
});

describe('createAwsClientFactory, per CONFIGREPORT_HTTP_CLIENT', () => {
  it.each([
    ['undici', 1],
    ['node', 0],
  ] as const)('sends Config calls through the %s client', async (name, undiciCalls) => {
    const { port } = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(rulesBody);
    });
    const spy = vi.spyOn(UndiciHttpHandler.prototype, 'handle');
    const factory = createAwsClientFactory({
      region: 'us-east-1',
      endpoints: { config: `http://127.0.0.1:${port}` },
      maxAttempts: 2,
      configHttpClient: name,
    });
    try {
      const client = factory.config({
        region: 'eu-west-1',
        credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
        limiter: new TokenBucket({ ratePerSecond: 5, burst: 5 }),
        stats: newCallStats(),
      });
      const out = await client.send(new DescribeConfigRulesCommand({}));
      expect(out.ConfigRules?.[0]?.ConfigRuleName).toBe('r1');
      expect(spy).toHaveBeenCalledTimes(undiciCalls);
    } finally {
      spy.mockRestore();
      factory.destroy();
    }
  });
});

describe('queryString', () => {
  it('escapes as the SDK signs (RFC 3986), repeats array keys and keeps bare keys', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ "k!'()*": "v!'()* /", list: ['1', '2'], bare: null })).toBe(
      '?bare&k%21%27%28%29%2A=v%21%27%28%29%2A%20%2F&list=1&list=2',
    );
  });
});
