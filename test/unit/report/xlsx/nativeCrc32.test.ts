import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { installNativeCrc32, nativeCrc32Installed } from '../../../../src/report/xlsx/nativeCrc32.js';

const yazlCrc = createRequire(createRequire(import.meta.url).resolve('yazl'))('buffer-crc32') as {
  unsigned(buffer: Buffer | string, previous?: number): number;
};

/** Reference CRC-32 (IEEE, reflected), bit by bit: independent of both implementations. */
function referenceCrc32(buffer: Buffer, previous = 0): number {
  let crc = ~previous >>> 0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

describe("yazl's CRC-32, run natively", () => {
  it('gives the same checksums, running values included', () => {
    installNativeCrc32();
    expect(nativeCrc32Installed).toBe(true);
    // The JavaScript CRC gives the same numbers, so only the call itself shows the patch reached the
    // copy of buffer-crc32 that yazl requires.
    const native = vi.spyOn(zlib, 'crc32');
    const probe = Buffer.from('yazl');
    expect(yazlCrc.unsigned(probe, 7)).toBe(referenceCrc32(probe, 7));
    expect(native).toHaveBeenCalledWith(probe, 7);
    native.mockRestore();
    const parts = [Buffer.from('PK\u0003\u0004'), Buffer.alloc(70_000, 0xa5), Buffer.from('<row r="1"/>')];
    let running = 0;
    let expected = 0;
    for (const part of parts) {
      running = yazlCrc.unsigned(part, running);
      expected = referenceCrc32(part, expected);
    }
    expect(running).toBe(expected);
    expect(yazlCrc.unsigned(Buffer.alloc(0))).toBe(0);
    expect(yazlCrc.unsigned('abc')).toBe(referenceCrc32(Buffer.from('abc')));
  });
});
