/**
 * A thin request-decoding layer in front of s3rver (runs in the S3 child process). It makes
 * s3rver work with the AWS SDK v3's default flexible checksums:
 * - aws-chunked bodies (streaming uploads with a trailing checksum) are decoded to plain bytes;
 * - `x-amz-checksum-*` values (header or trailer) are verified; a mismatch is BadDigest, as S3;
 * - SigV4 is required but not verified, and the access key (of the Authorization header, or of a
 *   presigned URL's `X-Amz-Credential`) is rewritten to s3rver's single built-in key, because
 *   s3rver rejects unknown keys and the simulator accepts any; s3rver still enforces a presigned
 *   URL's expiry;
 * - the simulator's fault rules apply (latency, SlowDown throttling, 5xx, cut GetObject bodies),
 *   decided in the simulator's process (faultBridge.ts).
 * Everything else is forwarded unchanged and s3rver's answer is streamed back.
 */
import { randomUUID } from 'node:crypto';
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { FaultDecision } from '../faults/decide.js';
import { ChunkedEncodingError, decodeAwsChunked, isAwsChunked } from './awsChunked.js';
import { checksumMatches, isChecksumHeader } from './checksums.js';
import { s3ErrorBody, s3FaultError, writeCutBody, writeS3Error } from './faultAnswers.js';
import type { S3FaultQuery } from './faultBridge.js';
import { s3CredentialScope, s3Operation } from './requestInfo.js';

/** s3rver's only access key. */
const S3RVER_KEY = 'S3RVER';

function s3Error(status: number, code: string, message: string): { status: number; body: string } {
  return { status, body: s3ErrorBody(code, message, randomUUID()) };
}

/** What to forward (the path too: a presigned URL's key is rewritten), or the error to answer with. */
export type Prepared =
  | {
      ok: true;
      path: string;
      headers: IncomingHttpHeaders;
      body: Buffer;
      checksums: Record<string, string>;
    }
  | { ok: false; status: number; body: string };

/**
 * A presigned URL with its `X-Amz-Credential` key rewritten to s3rver's (which checks the key and
 * the expiry, `X-Amz-Date` + `X-Amz-Expires`, but not the signature). Only that parameter changes,
 * so every other byte of the URL reaches s3rver as the client sent it.
 */
function presignedPath(url: string): string {
  return url.replace(/([?&]X-Amz-Credential=)[^%/&]+(%2F|\/)/, `$1${S3RVER_KEY}$2`);
}

/** Decodes and checks one request; pure so it can be unit-tested without sockets. */
export function prepareRequest(url: string, headers: IncomingHttpHeaders, raw: Buffer): Prepared {
  const auth = headers.authorization;
  const presigned = url.includes('X-Amz-Signature=');
  if (!presigned && (typeof auth !== 'string' || !/^AWS4-HMAC-SHA256 Credential=[^/\s]+\//.test(auth))) {
    return { ok: false, ...s3Error(403, 'AccessDenied', 'Missing or malformed SigV4 Authorization header.') };
  }
  const out: IncomingHttpHeaders = { ...headers };
  let body = raw;
  const checksums: Record<string, string> = {};
  if (isAwsChunked(headers)) {
    let decoded: ReturnType<typeof decodeAwsChunked>;
    try {
      decoded = decodeAwsChunked(raw);
    } catch (err) {
      const message = err instanceof ChunkedEncodingError ? err.message : String(err);
      return { ok: false, ...s3Error(400, 'IncompleteBody', message) };
    }
    const declared = headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== decoded.payload.length) {
      return {
        ok: false,
        ...s3Error(
          400,
          'IncompleteBody',
          'The request body length does not match x-amz-decoded-content-length.',
        ),
      };
    }
    body = decoded.payload;
    Object.assign(checksums, decoded.trailers);
    const encodings = String(headers['content-encoding'] ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e && e !== 'aws-chunked');
    if (encodings.length > 0) out['content-encoding'] = encodings.join(',');
    else delete out['content-encoding'];
    delete out['x-amz-decoded-content-length'];
    delete out['x-amz-trailer'];
    delete out['transfer-encoding'];
  }
  for (const [name, value] of Object.entries(headers)) {
    if (isChecksumHeader(name) && typeof value === 'string') checksums[name] = value;
  }
  for (const [name, value] of Object.entries(checksums)) {
    if (isChecksumHeader(name) && !checksumMatches(name, value, body)) {
      const alg = name.slice('x-amz-checksum-'.length).toUpperCase();
      return {
        ok: false,
        ...s3Error(400, 'BadDigest', `The ${alg} you specified did not match the calculated checksum.`),
      };
    }
  }
  out['content-length'] = String(body.length);
  if (String(headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-'))
    out['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  if (typeof auth === 'string')
    out.authorization = auth.replace(/Credential=[^/\s]+\//, `Credential=${S3RVER_KEY}/`);
  return { ok: true, path: presigned ? presignedPath(url) : url, headers: out, body, checksums };
}

/** Asks the fault rules about one request (the parent process answers; see faultBridge.ts). */
export type S3FaultSource = (query: S3FaultQuery) => Promise<FaultDecision>;

const NO_FAULT: FaultDecision = { delayMs: 0, outcome: 'ok' };

/** Starts the front layer on 127.0.0.1, forwarding to s3rver at `innerPort`. */
export function createS3Front(innerPort: number, faults?: S3FaultSource): Server {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const prepared = prepareRequest(req.url ?? '/', req.headers, Buffer.concat(chunks));
      if (!prepared.ok) {
        res.writeHead(prepared.status, {
          'content-type': 'application/xml',
          'content-length': Buffer.byteLength(prepared.body),
        });
        res.end(prepared.body);
        return;
      }
      void decide(req, faults).then((decision) =>
        later(decision.delayMs, () => {
          const error = s3FaultError(decision);
          if (error) writeS3Error(req, res, error);
          else forward(innerPort, agent, req, res, prepared, decision.cutBody === true);
        }),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('close', () => agent.destroy());
  return server;
}

/** The fault decision for a request (none when no fault source or no credential scope). */
async function decide(req: IncomingMessage, faults: S3FaultSource | undefined): Promise<FaultDecision> {
  const scope = s3CredentialScope(req.url ?? '/', req.headers);
  if (!faults || !scope) return NO_FAULT;
  return faults({ ...scope, operation: s3Operation(req.method ?? 'GET', req.url ?? '/', req.headers) });
}

function later(delayMs: number, run: () => void): void {
  if (delayMs <= 0) run();
  else setTimeout(run, delayMs);
}

/** Forwards a prepared request to s3rver and streams (or, for a cut-body fault, cuts) its answer. */
function forward(
  innerPort: number,
  agent: Agent,
  req: IncomingMessage,
  res: ServerResponse,
  prepared: Extract<Prepared, { ok: true }>,
  cutBody: boolean,
): void {
  const upstream = request(
    {
      host: '127.0.0.1',
      port: innerPort,
      method: req.method,
      path: prepared.path,
      headers: prepared.headers,
      agent,
    },
    (up) => {
      const status = up.statusCode ?? 502;
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(up.headers)) if (v !== undefined) headers[k] = v;
      // S3 echoes the verified checksum of an upload; s3rver does not know about checksums.
      if (req.method === 'PUT' && status === 200) {
        for (const [k, v] of Object.entries(prepared.checksums)) if (isChecksumHeader(k)) headers[k] = v;
      }
      if (!(cutBody && status === 200)) {
        res.writeHead(status, headers);
        up.pipe(res);
        return;
      }
      const body: Buffer[] = [];
      up.on('data', (c: Buffer) => body.push(c));
      up.on('end', () => {
        const whole = Buffer.concat(body);
        if (!writeCutBody(res, status, headers, whole)) {
          res.writeHead(status, headers);
          res.end(whole);
        }
      });
    },
  );
  upstream.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`S3 front layer could not reach s3rver: ${err.message}`);
  });
  upstream.end(prepared.body);
}
