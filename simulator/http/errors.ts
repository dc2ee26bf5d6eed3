/**
 * Errors the simulator answers with, and how each protocol writes them: awsJson1_1 as
 * `{"__type","message"}` (Organizations uses `Message`), awsQuery (STS, SNS) as `<ErrorResponse>`.
 */
import type { ServerResponse } from 'node:http';

/** A modelled AWS error: code, HTTP status, and the awsQuery fault type. */
export class SimError extends Error {
  override name = 'SimError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra JSON members (e.g. Organizations' `Type` / `Reason`). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }

  /** awsQuery `<Type>`: Receiver for server faults, Sender otherwise. */
  get faultType(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** Writes an awsJson1_1 error. Organizations' modelled errors carry `Message`, the rest `message`. */
export function writeJsonError(
  res: ServerResponse,
  requestId: string,
  err: SimError,
  capitalMessage: boolean,
): void {
  const body = JSON.stringify({
    __type: err.code,
    [capitalMessage ? 'Message' : 'message']: err.message,
    ...err.extra,
  });
  res.writeHead(err.status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

/** Escapes text for XML element content. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Writes an awsQuery `<ErrorResponse>` in the service's namespace (default STS's). */
export function writeQueryError(
  res: ServerResponse,
  requestId: string,
  err: SimError,
  xmlns = 'https://sts.amazonaws.com/doc/2011-06-15/',
): void {
  const body =
    `<ErrorResponse xmlns="${xmlns}">` +
    `<Error><Type>${err.faultType}</Type><Code>${xmlEscape(err.code)}</Code>` +
    `<Message>${xmlEscape(err.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  res.writeHead(err.status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

/** The Coral-style message AWS uses for a model constraint violation. */
export function validationMessage(value: unknown, member: string, constraint: string): string {
  return `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`;
}
