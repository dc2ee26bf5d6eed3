/**
 * The flexible-checksum algorithms the AWS SDK v3 sends (`x-amz-checksum-<alg>`, base64 of the
 * big-endian digest). CRC32, CRC32C, SHA-1 and SHA-256 are verified; CRC64NVME is accepted
 * unverified (no Node built-in; the SDK only uses it when asked).
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** Header names of the checksums we verify, mapped to their digest functions. */
const DIGESTS: Readonly<Record<string, (data: Buffer) => Buffer>> = {
  'x-amz-checksum-crc32': (data) => uint32(crc32(data)),
  'x-amz-checksum-crc32c': (data) => uint32(crc32c(data)),
  'x-amz-checksum-sha1': (data) => createHash('sha1').update(data).digest(),
  'x-amz-checksum-sha256': (data) => createHash('sha256').update(data).digest(),
};

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

let CRC32C_TABLE: Uint32Array | undefined;

/** CRC-32C (Castagnoli), reflected, as S3 computes it. */
export function crc32c(data: Buffer): number {
  if (!CRC32C_TABLE) {
    CRC32C_TABLE = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      CRC32C_TABLE[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC32C_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** True when `header` is a checksum header (any algorithm). */
export function isChecksumHeader(header: string): boolean {
  return (
    header.startsWith('x-amz-checksum-') &&
    header !== 'x-amz-checksum-mode' &&
    header !== 'x-amz-checksum-type'
  );
}

/**
 * Verifies one checksum. Returns true when it matches or the algorithm is one we accept
 * unverified; false on a mismatch (S3 answers BadDigest).
 */
export function checksumMatches(header: string, expectedBase64: string, data: Buffer): boolean {
  const digest = DIGESTS[header];
  if (!digest) return true;
  return digest(data).toString('base64') === expectedBase64.trim();
}
