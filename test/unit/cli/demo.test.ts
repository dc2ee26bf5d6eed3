import { describe, expect, it } from 'vitest';
import {
  demoEnv,
  parseDemoFlags,
  pickFaultTargets,
  simulatorOptions,
} from '../../../src/cli/commands/demo.js';

describe('demo options', () => {
  it('has small, fast defaults', () => {
    expect(parseDemoFlags({})).toMatchObject({
      accounts: 40,
      seed: 1,
      deny: 2,
      configOff: 1,
      recorderStopped: 0,
      out: './out/demo',
      shardSize: 10,
      strict: false,
    });
  });

  it('parses flags given as strings', () => {
    expect(
      parseDemoFlags({ accounts: '12', deny: '0', regions: 'eu-west-1, us-west-2', rate: '2.5' }),
    ).toMatchObject({
      accounts: 12,
      deny: 0,
      regions: ['eu-west-1', 'us-west-2'],
      rate: 2.5,
    });
  });

  it.each([
    [{ accounts: 'many' }, /--accounts must be a number/],
    [{ accounts: '1' }, /--accounts must be at least 2/],
    [{ errorRate: '2' }, /--error-rate must be between 0 and 1/],
    [{ regions: 'mars' }, /--regions must list regions like us-east-1/],
    [{ accounts: '4', deny: '2', configOff: '2' }, /must leave some healthy accounts/],
  ])('rejects %j', (flags, message) => {
    expect(() => parseDemoFlags(flags)).toThrow(message);
  });
});

describe('demo faults and environment', () => {
  it('spreads fault targets evenly over member accounts without overlap', () => {
    const members = Array.from({ length: 20 }, (_, i) => `m${i}`);
    const targets = pickFaultTargets(members, { deny: 2, configOff: 1, recorderStopped: 1 });
    expect(targets).toEqual({ denied: ['m4', 'm8'], configOff: ['m12'], recorderStopped: ['m16'] });
    expect(pickFaultTargets(members, { deny: 0, configOff: 0, recorderStopped: 0 })).toEqual({
      denied: [],
      configOff: [],
      recorderStopped: [],
    });
  });

  it('never inherits AWS variables or the bucket, keeps tuning variables, points at the simulator', () => {
    const env = demoEnv(
      {
        AWS_PROFILE: 'prod-admin',
        AWS_ENDPOINT_URL: 'https://real.example',
        REPORT_BUCKET: 'real-bucket',
        CONFIGREPORT_REGIONS: 'ap-south-1',
        REPORT_RED_BELOW: '0.5',
        CONFIGREPORT_RATE: '3',
      },
      { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1', AWS_ACCESS_KEY_ID: 'sim', REPORT_BUCKET: 'sim-bucket' },
    );
    expect(env).toEqual({
      CONFIGREPORT_RATE: '3',
      CONFIGREPORT_BURST: '25',
      REPORT_RED_BELOW: '0.5',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1',
      AWS_ACCESS_KEY_ID: 'sim',
    });
  });
});

describe('demo simulator', () => {
  it("dates the org's evaluations to the day before the report day, so ages read like a daily run", () => {
    const options = parseDemoFlags({});
    const sim = simulatorOptions(options, new Date('2026-12-02T15:57:21.464Z'));
    expect(sim.epochMs).toBe(Date.UTC(2026, 11, 2));
  });
});
