/** Flag parsing shared by `npm run sim` and `configreport sim`. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  addSimulatorFlags,
  FlagError,
  formatEnv,
  type SimulatorFlags,
  simulatorOptionsFromFlags,
} from '../../../simulator/flags.js';

const parse = (args: string[]) => {
  const cmd = addSimulatorFlags(new Command('sim')).exitOverride();
  cmd.parse(args, { from: 'user' });
  return simulatorOptionsFromFlags(cmd.opts<SimulatorFlags>());
};

describe('simulatorOptionsFromFlags', () => {
  it('gives the documented defaults', () => {
    expect(parse([])).toEqual({
      accounts: 12,
      seed: 1,
      regions: ['us-east-1', 'eu-west-1'],
      rulesPerRegion: 34,
      resourcesPerRegion: 40,
      roleName: 'configreport-read-role',
      bucket: 'configreport-test',
    });
  });

  it('maps every fault flag', () => {
    const options = parse([
      '--accounts',
      '100',
      '--seed',
      '7',
      '--regions',
      'us-east-1,us-west-2',
      '--latency',
      '30',
      '--jitter',
      '10',
      '--rate',
      '5',
      '--burst',
      '10',
      '--error-rate',
      '0.05',
      '--denied',
      '111111111111,222222222222',
      '--config-disabled',
      '333333333333:us-east-1',
      '--recorder-stopped',
      '444444444444',
      '--hidden-rules',
      '555555555555::r1',
      '--port',
      '4566',
      '--no-s3',
      '--external-id',
      'ext-1',
    ]);
    expect(options).toMatchObject({
      accounts: 100,
      seed: 7,
      regions: ['us-east-1', 'us-west-2'],
      faults: { latencyMs: 30, jitterMs: 10, errorRate: 0.05 },
      faultRules: [{ scope: { service: 'config' }, fault: { rateLimit: { rps: 5, burst: 10 } } }],
      deniedAccounts: ['111111111111', '222222222222'],
      configDisabled: ['333333333333:us-east-1'],
      recorderStopped: ['444444444444'],
      hiddenRules: ['555555555555::r1'],
      port: 4566,
      s3: false,
      externalId: 'ext-1',
    });
  });

  it('maps --day and accounts denied from a day', () => {
    expect(parse(['--day', '3', '--denied', '111111111111,222222222222@2'])).toMatchObject({
      day: 3,
      deniedAccounts: ['111111111111', '222222222222@2'],
    });
  });

  it.each([
    [['--accounts', '0'], /--accounts/],
    [['--rate', 'fast'], /--rate/],
    [['--error-rate', '2'], /--error-rate/],
    [['--burst', '3'], /--burst needs --rate/],
    [['--port', '1.5'], /--port/],
    [['--day', '-1'], /--day/],
    [['--denied', '123@x'], /--denied/],
  ])('rejects %j naming the flag', (args, message) => {
    expect(() => parse(args)).toThrow(FlagError);
    expect(() => parse(args)).toThrow(message);
  });
});

describe('formatEnv', () => {
  it('prints shell exports, quoting only when needed', () => {
    expect(formatEnv({ A: 'http://127.0.0.1:1', B: "it's" })).toBe(
      "export A=http://127.0.0.1:1\nexport B='it'\\''s'",
    );
  });
});
