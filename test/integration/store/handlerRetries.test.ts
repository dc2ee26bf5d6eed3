/**
 * S3 retries per invocation: a warm Lambda container keeps its app (settings, sockets) across
 * invocations, but the SDK's retry quota (500 tokens; every retry of a 5xx costs 14) belongs to an
 * S3 client. With one client for the container's life, a bad S3 spell drains the quota and later
 * invocations fail at their first transient error. Every invocation must retry fully.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_CREDENTIALS, startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { createHandler } from '../../../src/entry/lambda.js';
import { type S3FaultProxy, startS3FaultProxy } from '../../helpers/s3FaultProxy.js';

/** More warm invocations than one client's quota survives (500 / 14 per invocation ≈ 35). */
const INVOCATIONS = 45;

describe('S3 retries across warm invocations of one handler', () => {
  let sim: RunningSimulator;
  let proxy: S3FaultProxy;
  let savedEnv: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sim = await startSimulator({ accounts: 1 });
    // Every PutObject fails twice (500 InternalError: transient, retried) before it gets through.
    proxy = await startS3FaultProxy(sim.s3Endpoint!, {
      failFirst: { count: 2, status: 500, code: 'InternalError', operations: ['PutObject'] },
    });
    savedEnv = { ...process.env };
    // The SDK's default credential chain reads the hub keys from the process environment (as in Lambda).
    process.env.AWS_ACCESS_KEY_ID = HUB_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = HUB_CREDENTIALS.secretAccessKey;
  });
  afterAll(async () => {
    process.env = savedEnv;
    await proxy.close();
    await sim.stop();
  });

  it('gives every invocation its full retries, however many came before', async () => {
    const handle = createHandler({
      env: { ...sim.env, AWS_ENDPOINT_URL_S3: proxy.endpoint, CONFIGREPORT_MAX_ATTEMPTS: '3' },
      logger: new Logger({ serviceName: 'configreport-test', logLevel: 'SILENT' }),
    });
    const failures: string[] = [];
    for (let i = 0; i < INVOCATIONS; i++) {
      const event = {
        mode: 'plan',
        group_id: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
        accounts: [{ account_id: '123456789012', account_name: 'prod-app-01' }],
      };
      await handle(event).catch((error: unknown) => failures.push(`invocation ${i + 1}: ${String(error)}`));
    }
    expect(failures).toEqual([]);
    // One manifest write per invocation, each with its two failures and the attempt that succeeded.
    expect(proxy.attemptsPerRequest('PutObject')).toEqual(Array.from({ length: INVOCATIONS }, () => 3));
  });
});
