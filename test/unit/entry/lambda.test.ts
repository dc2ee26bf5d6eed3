import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../../../src/app/settings/InvalidSettingError.js';
import { InvalidEventError } from '../../../src/core/event.js';
import { createHandler } from '../../../src/entry/lambda.js';

const silent = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const goodEvent = {
  group_id: '2023-10-27',
  shard_id: '01',
  role_name: 'configreport-read-role',
  accounts: [{ account_id: '123456789012', account_name: 'prod-app-01' }],
};

describe('Lambda handler edge', () => {
  it('rejects a bad event before reading any setting (no bucket configured at all)', async () => {
    const handle = createHandler({ env: {}, logger: silent });
    const error = await handle({ ...goodEvent, shard_id: '../x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as Error).message).toContain('shard_id');
  });

  it('names REPORT_BUCKET when it is missing', async () => {
    const handle = createHandler({ env: { AWS_REGION: 'us-east-1' }, logger: silent });
    const error = await handle(goodEvent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect((error as InvalidSettingError).details).toEqual(['REPORT_BUCKET (environment): is required']);
  });

  it.each([
    [{ mode: 'final', group_id: '../2023-10-27' }, 'group_id'],
    [{ mode: 'plan', group_id: '2023-10-27', shard_size: 0 }, 'shard_size'],
    [{ mode: 'nightly', group_id: '2023-10-27' }, 'mode'],
  ])('rejects a bad %j event for the other modes before any setting or call', async (event, field) => {
    const handle = createHandler({ env: {}, logger: silent });
    const error = await handle(event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).issues.join('; ')).toContain(field);
  });
});
