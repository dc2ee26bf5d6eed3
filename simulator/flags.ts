/**
 * Command-line flags of the simulator, shared by `npm run sim` and the CLI's `configreport sim`:
 * `addSimulatorFlags(command)` declares them on a commander Command, `simulatorOptionsFromFlags`
 * turns the parsed values into SimulatorOptions.
 */

import type { Command } from 'commander';
import { RULE_TEMPLATES } from './org/catalog.js';
import type { FaultSpec, SimulatorOptions } from './types.js';

/** Parsed flag values as commander returns them (camelCase keys). */
export interface SimulatorFlags {
  accounts?: string;
  seed?: string;
  regions?: string;
  rules?: string;
  resources?: string;
  day?: string;
  fixture?: string;
  roleName?: string;
  externalId?: string;
  latency?: string;
  jitter?: string;
  rate?: string;
  burst?: string;
  errorRate?: string;
  denied?: string;
  configDisabled?: string;
  recorderStopped?: string;
  hiddenRules?: string;
  port?: string;
  s3Port?: string;
  s3?: boolean;
  bucket?: string;
  topics?: string;
}

/** Thrown for a flag value that does not parse; the message names the flag. */
export class FlagError extends Error {
  override name = 'FlagError';
}

/** Declares the simulator flags on a commander command. */
export function addSimulatorFlags(command: Command): Command {
  return command
    .option('--accounts <n>', 'synthetic org size, hub included', '12')
    .option('--seed <n>', 'seed of the org and of random faults', '1')
    .option('--regions <list>', 'comma-separated regions', 'us-east-1,eu-west-1')
    .option(
      '--rules <n>',
      'Config rules per account-region (default: the whole catalogue)',
      String(RULE_TEMPLATES.length),
    )
    .option('--resources <n>', 'approximate resources per account-region', '40')
    .option('--day <n>', 'serve the synthetic org N days later (0: as generated)')
    .option('--fixture <file>', 'load the org from a JSON fixture instead (see docs/simulator.md)')
    .option('--role-name <name>', 'role every synthetic account has', 'configreport-read-role')
    .option('--external-id <id>', 'ExternalId every synthetic role requires')
    .option('--latency <ms>', 'added latency per call, ms')
    .option('--jitter <ms>', 'extra uniform jitter per call, ms')
    .option(
      '--rate <rps>',
      'Config rate limit per account-region (requests/s, shared by all Config operations)',
    )
    .option('--burst <n>', 'Config token-bucket burst (default: the rate, at least 1)')
    .option('--error-rate <share>', 'share (0..1) of calls answered with a 5xx')
    .option('--denied <list>', 'account ids whose role cannot be assumed (account@N: from day N on)')
    .option('--config-disabled <list>', 'account or account:region entries with no Config recorder')
    .option('--recorder-stopped <list>', 'account or account:region entries whose recorder is stopped')
    .option('--hidden-rules <list>', 'account:region:rule entries whose results are hidden')
    .option('--port <n>', 'port for STS/Config/Organizations (default: ephemeral)')
    .option('--s3-port <n>', 'port for S3 (default: ephemeral)')
    .option('--no-s3', 'do not start the S3 server')
    .option('--bucket <name>', 'bucket to create', 'configreport-test')
    .option('--topics <list>', 'SNS topic names to create in the hub account (default region)');
}

function num(
  flag: string,
  value: string | undefined,
  min: number,
  max = Number.POSITIVE_INFINITY,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new FlagError(`--${flag} must be a number between ${min} and ${max}, got '${value}'`);
  }
  return n;
}

function int(flag: string, value: string | undefined, min: number, max?: number): number | undefined {
  const n = num(flag, value, min, max);
  if (n !== undefined && !Number.isInteger(n))
    throw new FlagError(`--${flag} must be an integer, got '${value}'`);
  return n;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** `--denied` entries, each `account` or `account@day`, checked here so the flag is named. */
function deniedList(value: string | undefined): string[] | undefined {
  const items = list(value);
  for (const item of items ?? []) {
    if (!/^[^@]+(@\d+)?$/.test(item))
      throw new FlagError(`--denied entries are account or account@day, got '${item}'`);
  }
  return items;
}

/** Turns parsed flags into SimulatorOptions (throws FlagError naming a bad flag). */
export function simulatorOptionsFromFlags(flags: SimulatorFlags): SimulatorOptions {
  const options: SimulatorOptions = {};
  const set = <K extends keyof SimulatorOptions>(key: K, value: SimulatorOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('accounts', int('accounts', flags.accounts, 1, 100_000));
  set('seed', int('seed', flags.seed, 0, 2 ** 32 - 1));
  set('regions', list(flags.regions));
  set('rulesPerRegion', int('rules', flags.rules, 0, 1000));
  set('resourcesPerRegion', int('resources', flags.resources, 0, 1_000_000));
  set('day', int('day', flags.day, 0, 100_000));
  set('fixture', flags.fixture);
  set('roleName', flags.roleName);
  set('externalId', flags.externalId);
  set('deniedAccounts', deniedList(flags.denied));
  set('configDisabled', list(flags.configDisabled));
  set('recorderStopped', list(flags.recorderStopped));
  set('hiddenRules', list(flags.hiddenRules));
  set('port', int('port', flags.port, 0, 65535));
  set('s3Port', int('s3-port', flags.s3Port, 0, 65535));
  set('bucket', flags.bucket);
  set('topics', list(flags.topics));
  if (flags.s3 === false) options.s3 = false;

  const global: FaultSpec = {};
  const latency = num('latency', flags.latency, 0);
  const jitter = num('jitter', flags.jitter, 0);
  const errorRate = num('error-rate', flags.errorRate, 0, 1);
  if (latency !== undefined) global.latencyMs = latency;
  if (jitter !== undefined) global.jitterMs = jitter;
  if (errorRate !== undefined) global.errorRate = errorRate;
  if (Object.keys(global).length > 0) options.faults = global;
  const rate = num('rate', flags.rate, 0.001);
  const burst = num('burst', flags.burst, 1);
  if (burst !== undefined && rate === undefined) throw new FlagError('--burst needs --rate');
  if (rate !== undefined) {
    // The rate limit models AWS Config's per-account-region throttling, so it is scoped to Config.
    options.faultRules = [
      {
        scope: { service: 'config' },
        fault: { rateLimit: { rps: rate, burst: burst ?? Math.max(1, Math.floor(rate)) } },
      },
    ];
  }
  return options;
}

/** `KEY=value` lines for a shell (values quoted only when needed). */
export function formatEnv(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${/^[\w./:@-]*$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`}`)
    .join('\n');
}
