import { describe, expect, it } from 'vitest';
import { createAwsClientFactory } from '../../../src/aws/clientFactory.js';
import { newCallStats } from '../../../src/aws/pacingPlugin.js';
import { TokenBucket } from '../../../src/aws/TokenBucket.js';

const credentials = async () => ({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' });

describe('createAwsClientFactory', () => {
  it('gives each Config client one signer for all its requests (the SDK default builds one per request)', async () => {
    const factory = createAwsClientFactory({
      region: 'us-east-1',
      endpoints: {},
      maxAttempts: 3,
    });
    const options = {
      region: 'eu-west-1',
      credentials,
      limiter: new TokenBucket({ ratePerSecond: 5, burst: 5 }),
      stats: newCallStats(),
    };
    const a = factory.config(options);
    const b = factory.config(options);
    const signerOf = (client: typeof a) => (client.config.signer as unknown as () => Promise<unknown>)();
    const [first, second, other] = await Promise.all([signerOf(a), signerOf(a), signerOf(b)]);
    expect(first).toBe(second);
    expect(other).not.toBe(first);
    factory.destroy();
  });
});
