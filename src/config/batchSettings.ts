/**
 * Settings of batch mode and of its Config source, read once at the edge (Lambda handler or CLI)
 * from the environment. Precedence for the values that the event can also carry (`regions`,
 * `tag_prefix`): event field, then environment variable, then the built-in default (for regions:
 * the hub's own). Everything below the edge receives these resolved values and never reads
 * `process.env`.
 */
import { HTTP_CLIENTS, type HttpClientName } from '../aws/clientConfig.js';
import type { ConfigPacing } from '../aws/configSource.js';
import { REGION_PATTERN } from '../core/ids.js';
import type { BatchSettings } from '../modes/batch/types.js';
import { type Env, getList, getNumber, getString, InvalidSettingError } from './env.js';

/** Config requests per second per account-region; AWS publishes no TPS, and 5/s is rarely throttled. */
export const DEFAULT_RATE_PER_SECOND = 5;
/** Requests a fresh account-region may send at once before pacing starts. */
export const DEFAULT_BURST = 5;
/** Account-regions collected at the same time. Each one is paced by its own limiter, so this mostly
 * bounds memory and sockets, not the load on any one account. */
export const DEFAULT_CONCURRENCY = 100;
/** Rules of one account-region read at the same time (the limiter still paces them). */
export const DEFAULT_RULE_CONCURRENCY = 4;
/** SDK attempts per call; the SDK default of 3 lets Config throttling escape almost at once. */
export const DEFAULT_MAX_ATTEMPTS = 10;
/** Extra rounds after the SDK gives up on a throttled or transient page, before a rule is marked failed. */
export const DEFAULT_PAGE_RETRIES = 3;
/** Stop starting work when this little Lambda time is left: enough to sort and put a large shard. */
export const DEFAULT_DEADLINE_MARGIN_MS = 30_000;
/** The seed's ownership tag prefix. */
export const DEFAULT_TAG_PREFIX = 'mox.';

/**
 * What the environment configures for a shard: batch mode's settings (`regions` never empty) and
 * the pacing of the Config source (`createConfigSourceFactory`). Pass it whole to both.
 */
export interface LoadedBatchSettings extends BatchSettings, ConfigPacing {}

/** Built-in defaults (all but `regions`, which defaults to the hub's region), for tests and benchmarks. */
export const DEFAULT_BATCH_SETTINGS: Readonly<Omit<LoadedBatchSettings, 'regions'>> = Object.freeze({
  concurrency: DEFAULT_CONCURRENCY,
  ruleConcurrency: DEFAULT_RULE_CONCURRENCY,
  ratePerSecond: DEFAULT_RATE_PER_SECOND,
  burst: DEFAULT_BURST,
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  pageRetries: DEFAULT_PAGE_RETRIES,
  tagPrefix: DEFAULT_TAG_PREFIX,
  deadlineMarginMs: DEFAULT_DEADLINE_MARGIN_MS,
  httpClient: 'undici',
});

/**
 * Reads batch settings from the environment:
 *
 * | Variable | Default | Meaning |
 * | --- | --- | --- |
 * | `CONFIGREPORT_REGIONS` | `hubRegion` | comma-separated regions to read |
 * | `CONFIGREPORT_CONCURRENCY` | 100 | account-regions collected at once (1–1000) |
 * | `CONFIGREPORT_RULE_CONCURRENCY` | 4 | rules read at once per account-region (1–32) |
 * | `CONFIGREPORT_RATE` | 5 | Config requests/s per account-region (0.1–100) |
 * | `CONFIGREPORT_BURST` | 5 | limiter burst per account-region (1–100) |
 * | `CONFIGREPORT_MAX_ATTEMPTS` | 10 | SDK attempts per call (1–30) |
 * | `CONFIGREPORT_PAGE_RETRIES` | 3 | extra rounds per page after the SDK gives up (0–10) |
 * | `CONFIGREPORT_TAG_PREFIX` | `mox.` | ownership tag prefix |
 * | `CONFIGREPORT_DEADLINE_MARGIN_MS` | 30000 | Lambda time kept for writing the shard (1000–600000) |
 * | `CONFIGREPORT_HTTP_CLIENT` | `undici` | HTTP client of the Config clients (`undici` or `node`) |
 *
 * @param hubRegion the function's own region: the regions read when the variable is unset
 * @throws InvalidSettingError naming the variable when a value is unusable.
 */
export function loadBatchSettings(env: Env, hubRegion: string): LoadedBatchSettings {
  const regions = getList(env, 'CONFIGREPORT_REGIONS');
  for (const region of regions) {
    if (!REGION_PATTERN.test(region)) {
      throw new InvalidSettingError('CONFIGREPORT_REGIONS', `${JSON.stringify(region)} is not a region name`);
    }
  }
  const tagPrefix = getString(env, 'CONFIGREPORT_TAG_PREFIX', DEFAULT_TAG_PREFIX);
  if (tagPrefix.length > 128)
    throw new InvalidSettingError('CONFIGREPORT_TAG_PREFIX', 'is over 128 characters');
  return {
    regions: regions.length > 0 ? regions : [hubRegion],
    concurrency: integer(env, 'CONFIGREPORT_CONCURRENCY', DEFAULT_CONCURRENCY, 1, 1000),
    ruleConcurrency: integer(env, 'CONFIGREPORT_RULE_CONCURRENCY', DEFAULT_RULE_CONCURRENCY, 1, 32),
    ratePerSecond: getNumber(env, 'CONFIGREPORT_RATE', DEFAULT_RATE_PER_SECOND, 0.1, 100),
    burst: integer(env, 'CONFIGREPORT_BURST', DEFAULT_BURST, 1, 100),
    maxAttempts: integer(env, 'CONFIGREPORT_MAX_ATTEMPTS', DEFAULT_MAX_ATTEMPTS, 1, 30),
    pageRetries: integer(env, 'CONFIGREPORT_PAGE_RETRIES', DEFAULT_PAGE_RETRIES, 0, 10),
    tagPrefix,
    deadlineMarginMs: integer(
      env,
      'CONFIGREPORT_DEADLINE_MARGIN_MS',
      DEFAULT_DEADLINE_MARGIN_MS,
      1000,
      600_000,
    ),
    httpClient: httpClient(env),
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = getNumber(env, name, fallback, min, max);
  if (!Number.isInteger(value)) throw new InvalidSettingError(name, `must be a whole number, got ${value}`);
  return value;
}

function httpClient(env: Env): HttpClientName {
  const value = getString(env, 'CONFIGREPORT_HTTP_CLIENT', 'undici');
  const known = HTTP_CLIENTS.find((name) => name === value);
  if (!known) {
    throw new InvalidSettingError(
      'CONFIGREPORT_HTTP_CLIENT',
      `${JSON.stringify(value)} is not one of ${HTTP_CLIENTS.join(', ')}`,
    );
  }
  return known;
}
