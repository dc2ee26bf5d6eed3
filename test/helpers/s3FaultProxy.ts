/**
 * A tiny loopback fault proxy in front of the simulator's S3-compatible server (s3rver): it forwards
 * every request, except that it can
 * - answer the first N attempts of every logical request (same `amz-sdk-invocation-id`, which the
 *   SDK keeps across retries) with an S3 error (500 InternalError, 503 SlowDown…);
 * - hold requests of some operations unanswered (a slow S3), until the client gives up or at most
 *   `maxMs`, after which they are forwarded;
 * and it keeps a ledger of multipart uploads. s3rver implements neither AbortMultipartUpload nor
 * ListMultipartUploads, so the proxy answers the abort itself (204, as S3 does) and `openUploads()`
 * stands in for ListMultipartUploads. Every hold is bounded in time, and `close()` drops them all.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The S3 operations the proxy tells apart. */
export type S3Operation =
  | 'PutObject'
  | 'GetObject'
  | 'HeadObject'
  | 'ListObjectsV2'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'Other';

/** One request as the proxy saw it. */
export interface ProxiedRequest {
  operation: S3Operation;
  method: string;
  /** `/bucket/key` (path-style addressing). */
  path: string;
  invocationId: string | undefined;
  /** 1 for the first attempt of a logical request, 2 for its first retry… */
  attempt: number;
  /** What the proxy did with it. */
  outcome: 'forwarded' | 'fault' | 'held' | 'answered-here';
  /** True when the client closed the connection before an answer was complete. */
  clientGaveUp: boolean;
}

/** What the proxy does besides forwarding. */
export interface FaultRules {
  /** Answer attempts 1..count of every logical request of these operations (default: all) with an error. */
  failFirst?: { count: number; status: number; code: string; operations?: S3Operation[] };
  /** Hold requests of these operations unanswered, at most `maxMs`, then forward them. */
  hold?: { operations: S3Operation[]; maxMs: number };
}

/** A running proxy. */
export interface S3FaultProxy {
  /** `http://127.0.0.1:<port>`: use as AWS_ENDPOINT_URL_S3. */
  readonly endpoint: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly ProxiedRequest[];
  setRules(rules: FaultRules): void;
  /** Attempts seen per logical request of an operation, in order of first arrival. */
  attemptsPerRequest(operation: S3Operation): number[];
  /** Upload ids created and neither completed nor aborted (what ListMultipartUploads would show). */
  openUploads(): string[];
  /** Upload ids aborted with AbortMultipartUpload. */
  abortedUploads(): string[];
  /** Resolves with the first request (past or future) matching `match`; rejects after `timeoutMs`. */
  waitFor(match: (r: ProxiedRequest) => boolean, timeoutMs?: number): Promise<ProxiedRequest>;
  close(): Promise<void>;
}

function operationOf(method: string, query: URLSearchParams): S3Operation {
  if (method === 'POST' && query.has('uploads')) return 'CreateMultipartUpload';
  if (method === 'PUT' && query.has('uploadId')) return 'UploadPart';
  if (method === 'POST' && query.has('uploadId')) return 'CompleteMultipartUpload';
  if (method === 'DELETE' && query.has('uploadId')) return 'AbortMultipartUpload';
  if (method === 'PUT') return 'PutObject';
  if (method === 'HEAD') return 'HeadObject';
  if (method === 'GET' && query.get('list-type') === '2') return 'ListObjectsV2';
  if (method === 'GET') return 'GetObject';
  return 'Other';
}

function s3ErrorXml(code: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>injected by the test's fault proxy</Message><RequestId>fault-proxy</RequestId></Error>`;
}

/** Starts a proxy in front of `upstream` (the simulator's `s3Endpoint`). */
export async function startS3FaultProxy(upstream: string, initial: FaultRules = {}): Promise<S3FaultProxy> {
  const target = new URL(upstream);
  const requests: ProxiedRequest[] = [];
  const attemptsById = new Map<string, number>();
  const created = new Set<string>();
  const finished = new Set<string>();
  const aborted = new Set<string>();
  const events = new EventEmitter();
  const held = new Set<NodeJS.Timeout>();
  let rules = initial;

  const forward = (req: IncomingMessage, res: ServerResponse, seen: ProxiedRequest): void => {
    const headers = { ...req.headers, host: target.host };
    // The proxy streams the body as it comes; let the upstream not wait for a 100 Continue.
    delete headers.expect;
    const upstreamRequest = request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (upstreamResponse) => {
        const chunks: Buffer[] = [];
        upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk));
        upstreamResponse.on('end', () => {
          const body = Buffer.concat(chunks);
          if (seen.operation === 'CreateMultipartUpload' && upstreamResponse.statusCode === 200) {
            const id = /<UploadId>([^<]+)<\/UploadId>/.exec(body.toString('utf8'))?.[1];
            if (id) created.add(id);
          }
          res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
          res.end(body);
        });
      },
    );
    upstreamRequest.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstreamRequest);
  };

  const answer = (req: IncomingMessage, res: ServerResponse, status: number, body = ''): void => {
    // Read the request body first, so the client is not cut off while still sending it.
    req.resume();
    req.once('end', () => {
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const operation = operationOf(req.method ?? 'GET', url.searchParams);
    const invocationId = req.headers['amz-sdk-invocation-id'] as string | undefined;
    const attempt = invocationId ? (attemptsById.get(invocationId) ?? 0) + 1 : 1;
    if (invocationId) attemptsById.set(invocationId, attempt);
    const seen: ProxiedRequest = {
      operation,
      method: req.method ?? 'GET',
      path: url.pathname,
      invocationId,
      attempt,
      outcome: 'forwarded',
      clientGaveUp: false,
    };
    res.on('close', () => {
      if (!res.writableFinished) seen.clientGaveUp = true;
    });
    requests.push(seen);
    events.emit('request', seen);

    const fail = rules.failFirst;
    if (fail && attempt <= fail.count && (!fail.operations || fail.operations.includes(operation))) {
      seen.outcome = 'fault';
      answer(req, res, fail.status, s3ErrorXml(fail.code));
      return;
    }
    if (operation === 'AbortMultipartUpload') {
      const id = url.searchParams.get('uploadId') ?? '';
      aborted.add(id);
      finished.add(id);
      seen.outcome = 'answered-here';
      answer(req, res, 204);
      return;
    }
    if (operation === 'CompleteMultipartUpload') finished.add(url.searchParams.get('uploadId') ?? '');
    const hold = rules.hold;
    if (hold?.operations.includes(operation)) {
      seen.outcome = 'held';
      const timer = setTimeout(() => {
        held.delete(timer);
        if (!seen.clientGaveUp) forward(req, res, seen);
      }, hold.maxMs);
      held.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        held.delete(timer);
      });
      return;
    }
    forward(req, res, seen);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    setRules: (next) => {
      rules = next;
    },
    attemptsPerRequest: (operation) => {
      const order: string[] = [];
      for (const r of requests)
        if (r.operation === operation && r.invocationId && !order.includes(r.invocationId))
          order.push(r.invocationId);
      return order.map((id) => requests.filter((r) => r.invocationId === id).length);
    },
    openUploads: () => [...created].filter((id) => !finished.has(id)),
    abortedUploads: () => [...aborted],
    waitFor: (match, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const found = requests.find(match);
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          events.off('request', listener);
          reject(new Error(`the fault proxy saw no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (r: ProxiedRequest) => {
          if (!match(r)) return;
          clearTimeout(timer);
          events.off('request', listener);
          resolve(r);
        };
        events.on('request', listener);
      }),
    close: async () => {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
