/** The fault table: scope specificity, bucket sharing, and deterministic random draws. */
import { describe, expect, it } from 'vitest';
import { decideFault } from '../../../simulator/faults/decide.js';
import { FaultRegistry } from '../../../simulator/faults/faults.js';
import { generateOrg, SimState } from '../../../simulator/index.js';

const call = {
  accountId: '111111111111',
  region: 'us-east-1',
  service: 'config',
  operation: 'DescribeConfigRules',
};

describe('FaultRegistry.resolve', () => {
  it('takes each field from the most specific matching scope', () => {
    const f = new FaultRegistry(1);
    f.set({}, { latencyMs: 10, errorRate: 0.1 });
    f.set({ service: 'config' }, { latencyMs: 20 });
    f.set({ accountId: call.accountId }, { errorRate: 0.5 });
    f.set({ accountId: '222222222222' }, { latencyMs: 999 });
    expect(f.resolve(call)).toMatchObject({ latencyMs: 20, errorRate: 0.5, jitterMs: 0 });
    expect(f.resolve({ ...call, service: 'sts', operation: 'AssumeRole' })).toMatchObject({
      latencyMs: 10,
      errorRate: 0.5,
    });
  });

  it('replaces a scope when set again and removes it with an empty spec', () => {
    const f = new FaultRegistry(1);
    f.set({ region: 'us-east-1' }, { latencyMs: 5 });
    f.set({ region: 'us-east-1' }, { latencyMs: 7 });
    expect(f.resolve(call).latencyMs).toBe(7);
    f.set({ region: 'us-east-1' }, {});
    expect(f.resolve(call).latencyMs).toBe(0);
  });

  it('shares one bucket per account-region and service unless the scope names an operation', () => {
    const f = new FaultRegistry(1);
    f.set({ service: 'config' }, { rateLimit: { rps: 5, burst: 2 } });
    expect(f.resolve(call).rateLimit?.bucketKey).toBe('111111111111|us-east-1|svc:config');
    expect(f.resolve({ ...call, operation: 'GetComplianceDetailsByConfigRule' }).rateLimit?.bucketKey).toBe(
      '111111111111|us-east-1|svc:config',
    );
    f.set({ operation: 'DescribeConfigRules' }, { rateLimit: { rps: 1, burst: 1 } });
    expect(f.resolve(call).rateLimit?.bucketKey).toBe('111111111111|us-east-1|op:DescribeConfigRules');
  });
});

describe('FaultRegistry.take', () => {
  it('allows the burst, then refills at the rate', () => {
    const f = new FaultRegistry(1);
    const limit = { rps: 2, burst: 3, bucketKey: 'k' };
    const at = (ms: number) => f.take(limit, ms);
    expect([at(0), at(0), at(0), at(0)]).toEqual([true, true, true, false]);
    expect(at(400)).toBe(false);
    expect(at(500)).toBe(true);
    expect(at(500)).toBe(false);
    expect([at(10_000), at(10_000), at(10_000), at(10_000)]).toEqual([true, true, true, false]);
  });
});

describe('FaultRegistry.draw', () => {
  it('is deterministic per seed and key, uniform-ish in [0, 1)', () => {
    const seq = (seed: number) => {
      const f = new FaultRegistry(seed);
      return Array.from({ length: 1000 }, () => f.draw('a|r|op|error'));
    };
    expect(seq(3)).toEqual(seq(3));
    expect(seq(3)).not.toEqual(seq(4));
    const values = seq(3);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('decideFault', () => {
  const state = () => new SimState(generateOrg({ accounts: 2, seed: 1 }));
  const s3Get = { ...call, service: 's3', operation: 'GetObject' };

  it('cuts only S3 GetObject bodies, at the configured share', () => {
    const sim = state();
    sim.faults.set({}, { cutBodyRate: 1 });
    expect(decideFault(sim, s3Get)).toEqual({ delayMs: 0, outcome: 'ok', cutBody: true });
    expect(decideFault(sim, { ...s3Get, operation: 'HeadObject' })).toEqual({ delayMs: 0, outcome: 'ok' });
    expect(decideFault(sim, call)).toEqual({ delayMs: 0, outcome: 'ok' });
    sim.faults.set({}, { cutBodyRate: 0.5 });
    const cuts = Array.from({ length: 400 }, () => decideFault(sim, s3Get).cutBody === true).filter(Boolean);
    expect(cuts.length).toBeGreaterThan(150);
    expect(cuts.length).toBeLessThan(250);
  });

  it('throttles before it fails, and a 5xx carries the draw that picks 500 or 503', () => {
    const sim = state();
    sim.faults.set({ service: 's3' }, { errorRate: 1, rateLimit: { rps: 0.001, burst: 1 } });
    expect(decideFault(sim, s3Get).outcome).toBe('error');
    expect(decideFault(sim, s3Get).outcome).toBe('throttled');
    sim.faults.set({ service: 's3' }, { errorRate: 1 });
    const draw = decideFault(sim, s3Get).errorDraw;
    expect(draw).toBeGreaterThanOrEqual(0);
    expect(draw).toBeLessThan(1);
  });
});
