/**
 * Fault injection through the real SDK clients: rate limits throttle at the configured rate (counts
 * checked against the measured window, never fixed wall-clock expectations), the SDK recognises the
 * throttling and 5xx answers as retryable, latency is applied, and the admin endpoints report.
 */
import {
  DescribeConfigRulesCommand,
  GetComplianceDetailsByConfigRuleCommand,
} from '@aws-sdk/client-config-service';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { assume, configClient, errorOf, memberAccounts, orgsClient, stsClient } from './clients.js';

let sim: RunningSimulator;
let account: string;
let creds: AwsCredentialIdentity;

beforeAll(async () => {
  sim = await startSimulator({ accounts: 6, seed: 9, s3: false });
  account = memberAccounts(sim, 1)[0]!;
  creds = await assume(sim, account);
});
afterEach(() => {
  sim.clearFaults();
  sim.resetCounters();
});
afterAll(() => sim.stop());

/** One hand-signed Organizations call (hub key), answered raw: status and parsed JSON body. */
async function rawOrganizationsCall(
  operation: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const res = await fetch(sim.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSOrganizationsV20161128.${operation}`,
      'x-amz-date': date,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIASIMULATORHUB0001/${date.slice(0, 8)}/us-east-1/organizations/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    },
    body: '{}',
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Fires `n` calls at once without retries; returns how many succeeded and the elapsed seconds. */
async function burst(
  n: number,
  call: () => Promise<unknown>,
): Promise<{ ok: number; throttled: number; seconds: number }> {
  const start = performance.now();
  const results = await Promise.allSettled(Array.from({ length: n }, call));
  const seconds = (performance.now() - start) / 1000;
  const throttled = results.filter(
    (r) => r.status === 'rejected' && (r.reason as Error).name === 'ThrottlingException',
  ).length;
  return { ok: results.filter((r) => r.status === 'fulfilled').length, throttled, seconds };
}

describe('rate limits', () => {
  it('a burst beyond the bucket is throttled with ThrottlingException (400) at the configured rate', async () => {
    sim.setFault({ service: 'config' }, { rateLimit: { rps: 5, burst: 5 } });
    const client = configClient(sim, creds, { maxAttempts: 1 });
    const { ok, throttled, seconds } = await burst(30, () => client.send(new DescribeConfigRulesCommand({})));
    expect(ok + throttled).toBe(30);
    expect(ok).toBeGreaterThanOrEqual(5);
    // Tokens refill at 5/s while the burst is in flight: never more than burst + rate × window.
    expect(ok).toBeLessThanOrEqual(5 + Math.ceil(5 * seconds));
    expect(sim.counters({ accountId: account }).DescribeConfigRules).toEqual({
      calls: 30,
      throttled,
      errors: 0,
    });
    // The wire shape of a throttle, checked on a bucket that cannot refill while the test runs (a loaded
    // machine may take longer than one refill interval between the burst above and this call).
    sim.setFault({ service: 'config' }, { rateLimit: { rps: 0.001, burst: 1 } });
    await client.send(new DescribeConfigRulesCommand({})).catch(() => undefined);
    const err = await errorOf(() => client.send(new DescribeConfigRulesCommand({})));
    expect(err.name).toBe('ThrottlingException');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 400 });
    expect(err.message).toBe('Rate exceeded');
  });

  it('sustained calls succeed at the configured rate', async () => {
    sim.setFault({ service: 'config' }, { rateLimit: { rps: 20, burst: 1 } });
    const client = configClient(sim, creds, { maxAttempts: 1 });
    const start = performance.now();
    let ok = 0;
    while (performance.now() - start < 1000) {
      try {
        await client.send(new DescribeConfigRulesCommand({}));
        ok++;
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const seconds = (performance.now() - start) / 1000;
    expect(ok).toBeLessThanOrEqual(1 + Math.ceil(20 * seconds));
    expect(ok).toBeGreaterThanOrEqual(Math.floor(20 * seconds * 0.5));
  });

  it('one bucket per account-region is shared by all Config operations; an operation scope gets its own', async () => {
    sim.setFault({ service: 'config' }, { rateLimit: { rps: 0.01, burst: 2 } });
    const client = configClient(sim, creds, { maxAttempts: 1 });
    await client.send(new DescribeConfigRulesCommand({}));
    await client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'restricted-ssh' }));
    const shared = await errorOf(() =>
      client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'restricted-ssh' })),
    );
    expect(shared.name).toBe('ThrottlingException');
    // Another region of the same account has its own bucket.
    const other = configClient(sim, creds, { maxAttempts: 1, region: 'eu-west-1' });
    await expect(other.send(new DescribeConfigRulesCommand({}))).resolves.toBeDefined();
    sim.setFault(
      { service: 'config', operation: 'DescribeConfigRules' },
      { rateLimit: { rps: 0.01, burst: 1 } },
    );
    await expect(client.send(new DescribeConfigRulesCommand({}))).resolves.toBeDefined();
    const own = await errorOf(() => client.send(new DescribeConfigRulesCommand({})));
    expect(own.name).toBe('ThrottlingException');
  });

  it('the SDK retries throttling and succeeds; counters show the throttled attempts', async () => {
    sim.setFault({ service: 'config' }, { rateLimit: { rps: 4, burst: 1 } });
    const client = configClient(sim, creds, { maxAttempts: 8 });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => client.send(new DescribeConfigRulesCommand({}))),
    );
    expect(results.every((r) => (r.ConfigRules?.length ?? 0) > 0)).toBe(true);
    expect(Math.max(...results.map((r) => r.$metadata.attempts ?? 1))).toBeGreaterThan(1);
    const c = sim.counters().DescribeConfigRules!;
    expect(c.throttled).toBeGreaterThan(0);
    expect(c.calls - c.throttled).toBe(4);
  });

  it('throttles STS with Throttling and Organizations with TooManyRequestsException (400, as AWS)', async () => {
    sim.setFault({ service: 'sts' }, { rateLimit: { rps: 0.01, burst: 1 } });
    sim.setFault({ service: 'organizations' }, { rateLimit: { rps: 0.01, burst: 1 } });
    const sts = stsClient(sim, undefined, 1);
    await sts.send(new GetCallerIdentityCommand({}));
    const stsErr = await errorOf(() => sts.send(new GetCallerIdentityCommand({})));
    expect(stsErr.name).toBe('Throttling');
    expect(stsErr.$metadata).toMatchObject({ httpStatusCode: 400 });
    const orgs = orgsClient(sim, undefined, 1);
    await orgs.send(new ListAccountsCommand({}));
    const orgErr = await errorOf(() => orgs.send(new ListAccountsCommand({})));
    expect(orgErr.name).toBe('TooManyRequestsException');
    expect(orgErr.$metadata).toMatchObject({ httpStatusCode: 400 });
    expect(orgErr.Type).toBe('Throttling');
    expect(orgErr.message).toContain('Try again later');
    // The raw body carries the modelled members, Message and Type, beside __type.
    const raw = await rawOrganizationsCall('ListAccounts');
    expect(raw.status).toBe(400);
    expect(Object.keys(raw.body).sort()).toEqual(['Message', 'Type', '__type']);
  });

  it('the SDK classifies the 400 TooManyRequestsException as throttling and retries it', async () => {
    sim.setFault({ service: 'organizations' }, { rateLimit: { rps: 4, burst: 1 } });
    const orgs = orgsClient(sim, undefined, 10);
    const results = await Promise.all(
      Array.from({ length: 3 }, () => orgs.send(new ListAccountsCommand({}))),
    );
    expect(results.every((r) => (r.Accounts?.length ?? 0) > 0)).toBe(true);
    expect(sim.counters().ListAccounts!.throttled).toBeGreaterThan(0);
  });
});

describe('5xx answers', () => {
  it('answers a share of calls with 500/503, which the SDK retries', async () => {
    sim.setFault({ accountId: account }, { errorRate: 0.4 });
    const once = configClient(sim, creds, { maxAttempts: 1 });
    const settled = await Promise.allSettled(
      Array.from({ length: 40 }, () => once.send(new DescribeConfigRulesCommand({}))),
    );
    const failures = settled
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason as Record<string, unknown>);
    expect(failures.length).toBeGreaterThan(4);
    expect(failures.length).toBeLessThan(30);
    for (const f of failures) {
      expect(['InternalFailure', 'ServiceUnavailable']).toContain(f.name);
      expect(f.$fault).toBe('server');
    }
    const retrying = configClient(sim, creds, { maxAttempts: 10 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => retrying.send(new DescribeConfigRulesCommand({}))),
    );
    expect(results.some((r) => (r.$metadata.attempts ?? 1) > 1)).toBe(true);
    expect(sim.counters({ accountId: account }).DescribeConfigRules!.errors).toBeGreaterThan(failures.length);
  });
});

describe('latency', () => {
  it('delays matching calls by the fixed latency (and only those)', async () => {
    const client = configClient(sim, creds);
    await client.send(new DescribeConfigRulesCommand({}));
    sim.setFault({ operation: 'DescribeConfigRules' }, { latencyMs: 250, jitterMs: 50 });
    const start = performance.now();
    await client.send(new DescribeConfigRulesCommand({}));
    expect(performance.now() - start).toBeGreaterThanOrEqual(245);
    const fast = performance.now();
    await client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'restricted-ssh' }));
    expect(performance.now() - fast).toBeLessThan(245);
  });
});

describe('admin endpoints', () => {
  it('serves counters and ground truth as JSON', async () => {
    const client = configClient(sim, creds);
    await client.send(new DescribeConfigRulesCommand({}));
    const counters = (await (
      await fetch(`${sim.endpoint}/_sim/counters?account=${account}`)
    ).json()) as Record<string, unknown>;
    expect(counters.DescribeConfigRules).toEqual({ calls: 1, throttled: 0, errors: 0 });
    const truth = (await (
      await fetch(`${sim.endpoint}/_sim/ground-truth?accounts=${account}&regions=us-east-1`)
    ).json()) as unknown[];
    expect(truth).toEqual(sim.groundTruth({ accountIds: [account], regions: ['us-east-1'] }));
    const set = await fetch(`${sim.endpoint}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ scope: { accountId: account }, fault: { errorRate: 1 } }),
    });
    expect(set.status).toBe(200);
    const err = await errorOf(() =>
      configClient(sim, creds, { maxAttempts: 1 }).send(new DescribeConfigRulesCommand({})),
    );
    expect(err.$fault).toBe('server');
    await fetch(`${sim.endpoint}/_sim/faults`, { method: 'DELETE' });
    await expect(client.send(new DescribeConfigRulesCommand({}))).resolves.toBeDefined();
  });
});
