/**
 * Entry of the S3 child process: s3rver (filesystem store in a temp dir) behind the decoding
 * front layer. Runs in its own process so it can use `--openssl-legacy-provider` (s3rver encrypts
 * ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only has in its legacy provider),
 * and so its CPU and memory never count against the process under test or benchmark.
 *
 * Protocol: env SIM_S3_DIR, SIM_S3_BUCKET, SIM_S3_PORT, SIM_S3_FAULTS; sends `{ port }` over IPC
 * when ready, then (with SIM_S3_FAULTS=1) asks the parent for each request's faults; exits on
 * 'stop' or when the parent disconnects.
 */
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { AtomicFilesystemStore } from './atomicStore.js';
import { askParentForS3Faults } from './faultBridge.js';
import { createS3Front } from './front.js';

async function main(): Promise<void> {
  const directory = process.env.SIM_S3_DIR;
  const bucket = process.env.SIM_S3_BUCKET;
  if (!directory || !bucket) throw new Error('SIM_S3_DIR and SIM_S3_BUCKET are required');
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  // S3's PUTs are atomic; the stock store's are not (see atomicStore.ts).
  s3rver.store = s3rver.context.store = new AtomicFilesystemStore(directory);
  const inner = await s3rver.run();
  // With SIM_S3_FAULTS=1 the parent (the simulator) decides each request's faults over IPC.
  const front = createS3Front(
    inner.port,
    process.env.SIM_S3_FAULTS === '1' ? askParentForS3Faults() : undefined,
  );
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(Number(process.env.SIM_S3_PORT ?? 0), '127.0.0.1', resolve);
  });
  // Every answered request is already on disk, so stopping needs no flush: drop the sockets and
  // exit (waiting for s3rver's keep-alive sockets to time out would add seconds to every stop).
  const shutdown = () => {
    front.closeAllConnections();
    front.close(() => process.exit(0));
  };
  process.on('message', (msg) => {
    if (msg === 'stop') shutdown();
  });
  process.on('disconnect', shutdown);
  process.send?.({ port: (front.address() as AddressInfo).port });
}

main().catch((err: unknown) => {
  process.send?.({ error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
