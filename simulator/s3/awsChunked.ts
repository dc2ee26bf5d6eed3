/**
 * Decoder for `Content-Encoding: aws-chunked` request bodies, which the AWS SDK v3 sends for
 * streaming uploads with flexible checksums (`x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER`,
 * or the signed `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]` variants):
 *
 *   <hex-size>[;chunk-signature=<sig>]\r\n<bytes>\r\n … 0[;chunk-signature=<sig>]\r\n
 *   [<trailer-name>:<value>\r\n …]\r\n
 *
 * s3rver stores such bodies verbatim (framing and trailer become part of the object), so the S3
 * front layer decodes them here and verifies the trailing checksum before forwarding.
 */

/** A decoded aws-chunked body. */
export interface DecodedChunked {
  payload: Buffer;
  /** Trailing headers, lower-case names (e.g. `x-amz-checksum-crc32`). Chunk signatures are dropped. */
  trailers: Record<string, string>;
}

/** Thrown when the framing is malformed (S3 answers 400 IncompleteBody / InvalidRequest). */
export class ChunkedEncodingError extends Error {
  override name = 'ChunkedEncodingError';
}

/** True when the request body is aws-chunked. */
export function isAwsChunked(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

function readLine(body: Buffer, from: number): { line: string; next: number } {
  const end = body.indexOf('\r\n', from, 'latin1');
  if (end < 0) throw new ChunkedEncodingError('aws-chunked body ends inside a line');
  return { line: body.toString('latin1', from, end), next: end + 2 };
}

/** Decodes a complete aws-chunked body. */
export function decodeAwsChunked(body: Buffer): DecodedChunked {
  const parts: Buffer[] = [];
  let pos = 0;
  let total = 0;
  for (;;) {
    const { line, next } = readLine(body, pos);
    const sizeText = line.split(';', 1)[0]!.trim();
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw new ChunkedEncodingError(`bad chunk size '${sizeText}'`);
    const size = Number.parseInt(sizeText, 16);
    pos = next;
    if (size === 0) break;
    if (pos + size + 2 > body.length) throw new ChunkedEncodingError('aws-chunked body is truncated');
    parts.push(body.subarray(pos, pos + size));
    total += size;
    pos += size;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a)
      throw new ChunkedEncodingError('chunk not followed by CRLF');
    pos += 2;
  }
  const trailers: Record<string, string> = {};
  while (pos < body.length) {
    const { line, next } = readLine(body, pos);
    pos = next;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ChunkedEncodingError(`bad trailer line '${line.slice(0, 40)}'`);
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name !== 'x-amz-trailer-signature') trailers[name] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(parts, total), trailers };
}
