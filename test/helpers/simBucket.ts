/** The simulator's bucket as a Store, through the real S3 client the app uses (hub credentials). */
import { HUB_CREDENTIALS } from '../../simulator/index.js';
import type { RunningSimulator } from '../../simulator/types.js';
import { createS3Client, S3Store, type S3StoreOptions } from '../../src/store/S3Store.js';

/** An S3Store on the simulator's bucket; `endpoint` reaches it another way (a fault proxy, say). */
export function simBucket(
  sim: RunningSimulator,
  options: S3StoreOptions & { endpoint?: string } = {},
): S3Store {
  const { endpoint, ...storeOptions } = options;
  const client = createS3Client({
    region: sim.region,
    endpoints: { s3: endpoint ?? sim.s3Endpoint! },
    credentials: HUB_CREDENTIALS,
    maxAttempts: 3,
  });
  return new S3Store(client, sim.bucket, storeOptions);
}
