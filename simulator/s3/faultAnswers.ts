/**
 * How S3 answers an injected fault: a throttled call gets `SlowDown` (503), a 5xx is
 * `InternalError` (500) or `SlowDown` (503) by the draw, in S3's `<Error>` XML (no body for HEAD,
 * as S3); a cut body promises the whole object in Content-Length, sends half, and closes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultDecision } from '../faults/decide.js';

/** S3's error XML. */
export function s3ErrorBody(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`;
}

/** The error an injected fault answers with, or undefined when the call is served. */
export function s3FaultError(
  decision: FaultDecision,
): { status: number; code: string; message: string } | undefined {
  const slowDown = { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' };
  if (decision.outcome === 'throttled') return slowDown;
  if (decision.outcome !== 'error') return undefined;
  return (decision.errorDraw ?? 0) < 0.5
    ? { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' }
    : slowDown;
}

/** Writes an S3 error answer (headers only for HEAD). */
export function writeS3Error(
  req: IncomingMessage,
  res: ServerResponse,
  error: { status: number; code: string; message: string },
): void {
  const requestId = randomUUID();
  const body = req.method === 'HEAD' ? '' : s3ErrorBody(error.code, error.message, requestId);
  res.writeHead(error.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}

/**
 * Sends `headers` (with the whole body's Content-Length) and the first half of `body`, then closes
 * the connection once those bytes are handed to the kernel, so the client sees a body that ends
 * early. Returns false, sending nothing, when the body is too short to cut (under 2 bytes).
 */
export function writeCutBody(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: Buffer,
): boolean {
  if (body.length < 2) return false;
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
  return true;
}
