/**
 * yazl computes every entry's CRC-32 in JavaScript (the `buffer-crc32` package), which measured at
 * about 15 % of the writer's main-thread time on a million-row sheet. Node.js (≥ 22, our engines) has
 * a native `zlib.crc32` with the same contract (unsigned result, optional running value), so we point
 * the one function yazl calls at it. The module instance is the one yazl itself requires (yazlCrc.cjs),
 * in the source tree, in dist/ and in the Lambda bundle alike, so nothing else is affected; if a future yazl
 * stops using it, this is a no-op and the checksums stay correct.
 */
import zlib from 'node:zlib';
import crc from './yazlCrc.cjs';

/** True once yazl's CRC-32 runs natively. Exported for the test that pins the behaviour. */
export let nativeCrc32Installed = false;

/** Installs the native CRC-32 into yazl's copy of `buffer-crc32` (idempotent). */
export function installNativeCrc32(): void {
  if (nativeCrc32Installed) return;
  const javascript = crc.unsigned.bind(crc);
  crc.unsigned = (buffer, previous) =>
    // Strings keep the original path (yazl passes Buffers; `zlib.crc32` would hash a string as UTF-8 too,
    // but the original's string handling is the contract yazl was written against).
    typeof buffer === 'string' ? javascript(buffer, previous) : zlib.crc32(buffer, previous ?? 0);
  nativeCrc32Installed = true;
}
