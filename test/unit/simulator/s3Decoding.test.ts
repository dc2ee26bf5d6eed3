/** The S3 front layer's aws-chunked decoder, checksum verification and request rewriting. */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ChunkedEncodingError, decodeAwsChunked, isAwsChunked } from '../../../simulator/s3/awsChunked.js';
import { checksumMatches, crc32c } from '../../../simulator/s3/checksums.js';
import { prepareRequest } from '../../../simulator/s3/front.js';

const b64 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b.toString('base64');
};
const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=' +
  'a'.repeat(64);

describe('decodeAwsChunked', () => {
  it('decodes unsigned chunks with a checksum trailer', () => {
    const body = Buffer.from('6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
    const out = decodeAwsChunked(body);
    expect(out.payload.toString()).toBe('hello world');
    expect(out.trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
    expect(checksumMatches('x-amz-checksum-crc32', 'DUoRhQ==', out.payload)).toBe(true);
  });

  it('decodes signed chunks and drops chunk and trailer signatures', () => {
    const sig = 'f'.repeat(64);
    const body = Buffer.from(
      `3;chunk-signature=${sig}\r\nabc\r\n0;chunk-signature=${sig}\r\nx-amz-checksum-sha256:x\r\nx-amz-trailer-signature:${sig}\r\n\r\n`,
    );
    expect(decodeAwsChunked(body)).toEqual({
      payload: Buffer.from('abc'),
      trailers: { 'x-amz-checksum-sha256': 'x' },
    });
  });

  it('keeps binary payload bytes intact', () => {
    const data = Buffer.from([0, 13, 10, 255, 48, 13, 10]);
    const body = Buffer.concat([Buffer.from('7\r\n'), data, Buffer.from('\r\n0\r\n\r\n')]);
    expect(decodeAwsChunked(body).payload.equals(data)).toBe(true);
  });

  it.each([
    ['a bad size', 'zz\r\nabc\r\n0\r\n\r\n'],
    ['a truncated chunk', '10\r\nabc'],
    ['a missing CRLF after data', '3\r\nabcX\r\n0\r\n\r\n'],
    ['no final chunk', '3\r\nabc\r\n'],
  ])('rejects %s', (_label, text) => {
    expect(() => decodeAwsChunked(Buffer.from(text))).toThrow(ChunkedEncodingError);
  });

  it('recognises aws-chunked by Content-Encoding or a STREAMING payload hash', () => {
    expect(isAwsChunked({ 'content-encoding': 'gzip, aws-chunked' })).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' })).toBe(true);
    expect(isAwsChunked({ 'content-encoding': 'gzip' })).toBe(false);
  });
});

describe('checksums', () => {
  it('matches the standard check values', () => {
    const check = Buffer.from('123456789');
    expect(crc32c(check)).toBe(0xe3069283);
    expect(checksumMatches('x-amz-checksum-crc32', b64(0xcbf43926), check)).toBe(true);
    expect(checksumMatches('x-amz-checksum-crc32c', b64(0xe3069283), check)).toBe(true);
    expect(
      checksumMatches('x-amz-checksum-sha256', createHash('sha256').update(check).digest('base64'), check),
    ).toBe(true);
    expect(
      checksumMatches('x-amz-checksum-sha1', createHash('sha1').update(check).digest('base64'), check),
    ).toBe(true);
    expect(checksumMatches('x-amz-checksum-crc32', b64(0), check)).toBe(false);
  });
});

describe('prepareRequest', () => {
  it("forwards a decoded body with plain headers and s3rver's access key", () => {
    const payload = Buffer.from('{"x":1}');
    const raw = Buffer.from(`7\r\n{"x":1}\r\n0\r\nx-amz-checksum-crc32:${b64(crc32(payload))}\r\n\r\n`);
    const out = prepareRequest(
      '/b/k',
      {
        authorization: AUTH,
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '7',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      raw,
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.body.equals(payload)).toBe(true);
    expect(out.headers['content-length']).toBe('7');
    expect(out.headers['content-encoding']).toBeUndefined();
    expect(out.headers['x-amz-trailer']).toBeUndefined();
    expect(out.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(out.headers.authorization).toContain('Credential=S3RVER/20260101/');
  });

  it('answers BadDigest for a trailer that does not match, and for a wrong header checksum', () => {
    const raw = Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n');
    const chunked = prepareRequest('/b/k', { authorization: AUTH, 'content-encoding': 'aws-chunked' }, raw);
    expect(chunked).toMatchObject({ ok: false, status: 400 });
    expect(!chunked.ok && chunked.body).toContain('<Code>BadDigest</Code>');
    const plain = prepareRequest(
      '/b/k',
      { authorization: AUTH, 'x-amz-checksum-crc32': 'AAAAAA==' },
      Buffer.from('abc'),
    );
    expect(plain).toMatchObject({ ok: false, status: 400 });
  });

  it('answers IncompleteBody when the decoded length differs from the declared one', () => {
    const raw = Buffer.from('3\r\nabc\r\n0\r\n\r\n');
    const out = prepareRequest(
      '/b/k',
      { authorization: AUTH, 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '4' },
      raw,
    );
    expect(!out.ok && out.body).toContain('IncompleteBody');
  });

  it('requires a SigV4 Authorization header or a presigned URL', () => {
    expect(prepareRequest('/b/k', {}, Buffer.alloc(0))).toMatchObject({ ok: false, status: 403 });
    expect(prepareRequest('/b/k?X-Amz-Signature=abc', {}, Buffer.alloc(0)).ok).toBe(true);
  });

  it("rewrites only a presigned URL's credential key, to s3rver's", () => {
    const url =
      '/b/reports/a%20b.xlsx?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAHUB%2F20240501%2Fus-east-1%2Fs3%2Faws4_request' +
      '&X-Amz-Date=20240501T000000Z&X-Amz-Expires=60&X-Amz-Signature=abc&X-Amz-SignedHeaders=host';
    const out = prepareRequest(url, {}, Buffer.alloc(0));
    expect(out.ok && out.path).toBe(url.replace('AKIAHUB%2F', 'S3RVER%2F'));
    expect(prepareRequest('/b/k', { authorization: AUTH }, Buffer.alloc(0))).toMatchObject({ path: '/b/k' });
  });
});
