/**
 * The AWS simulator: `startSimulator(options)` starts the STS/Config/Organizations/SNS/EventBridge
 * server and the
 * S3-compatible server on 127.0.0.1 and returns the in-process control API (see types.ts).
 * The org model is exported too, so benchmarks can generate data without HTTP.
 *
 * @example
 * const sim = await startSimulator({ accounts: 20, seed: 7 });
 * const sts = new STSClient({ region: sim.region, endpoint: sim.endpoint, credentials: HUB });
 * // … run the collector, then compare with sim.groundTruth({ accountIds }) …
 * await sim.stop();
 */
import type { AddressInfo } from 'node:net';
import { createAdminHandler } from './admin.js';
import { groundTruth, groundTruthRules } from './groundTruth.js';
import { createAwsServer } from './http/server.js';
import { loadFixture } from './org/fixture.js';
import type { SimOrg } from './org/model.js';
import { ouPathOf } from './org/ous.js';
import { generateOrg } from './org/synthetic.js';
import { decideS3Fault } from './s3/s3Faults.js';
import { type S3ServerHandle, startS3Server } from './s3/s3Server.js';
import { parseAccountRegion, parseDenied, SimState } from './state.js';
import type { RunningSimulator, SimulatorOptions } from './types.js';

export { forEachTruth, groundTruth as groundTruthOf } from './groundTruth.js';
export { DAY_MS, type DayChangeRates, DEFAULT_DAY_CHANGES } from './org/days.js';
export { FixtureError, fixtureSchema, loadFixture, type SimFixture } from './org/fixture.js';
export type { SimAccount, SimEval, SimOrg, SimOu, SimRegionData, SimResource, SimRule } from './org/model.js';
export { ouPathOf, ROOT_NAME } from './org/ous.js';
export { generateOrg, SYNTHETIC_EPOCH_MS, type SyntheticOrgOptions } from './org/synthetic.js';
export { SimState } from './state.js';
export { evaluationKey, type TruthChanges, truthChanges } from './truthChanges.js';
export type * from './types.js';

/** Dummy hub credentials the printed env uses (any key that AssumeRole did not mint is the hub). */
export const HUB_CREDENTIALS = {
  accessKeyId: 'AKIASIMULATORHUB0001',
  secretAccessKey: 'simulator-secret-key',
} as const;

/** Builds the org an options object describes (fixture, else synthetic). */
export function orgFromOptions(options: SimulatorOptions): SimOrg {
  if (options.fixture !== undefined) return loadFixture(options.fixture);
  const synthetic: Parameters<typeof generateOrg>[0] = {};
  if (options.accounts !== undefined) synthetic.accounts = options.accounts;
  if (options.seed !== undefined) synthetic.seed = options.seed;
  if (options.regions !== undefined) synthetic.regions = options.regions;
  if (options.rulesPerRegion !== undefined) synthetic.rulesPerRegion = options.rulesPerRegion;
  if (options.resourcesPerRegion !== undefined) synthetic.resourcesPerRegion = options.resourcesPerRegion;
  if (options.roleName !== undefined) synthetic.roleName = options.roleName;
  if (options.externalId !== undefined) synthetic.externalId = options.externalId;
  if (options.epochMs !== undefined) synthetic.epochMs = options.epochMs;
  if (options.day !== undefined) synthetic.day = options.day;
  if (options.dayChanges !== undefined) synthetic.dayChanges = options.dayChanges;
  return generateOrg(synthetic);
}

/** Applies the start-time faults of the options to a fresh state. */
function applyStartFaults(state: SimState, options: SimulatorOptions): void {
  if (options.faults) state.faults.set({}, options.faults);
  for (const rule of options.faultRules ?? []) state.faults.set(rule.scope, rule.fault);
  for (const spec of options.deniedAccounts ?? []) {
    const { accountId, fromDay } = parseDenied(spec);
    state.denyRole(accountId, true, fromDay);
  }
  for (const spec of options.configDisabled ?? []) {
    const { accountId, region } = parseAccountRegion(spec);
    state.setConfigEnabled(accountId, region, false);
  }
  for (const spec of options.recorderStopped ?? []) {
    const { accountId, region } = parseAccountRegion(spec);
    state.setRecorderRunning(accountId, region, false);
  }
  for (const spec of options.hiddenRules ?? []) {
    const [accountId = '', region = '', ...rest] = spec.split(':');
    state.setRuleHidden(accountId, region || undefined, rest.join(':'), true);
  }
}

/** Starts the simulator (and, unless `s3: false`, the S3 server). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const org = orgFromOptions(options);
  const state = new SimState(org);
  applyStartFaults(state, options);
  const bucket = options.bucket ?? 'configreport-test';
  const region = org.regions[0] ?? 'us-east-1';
  const { roleName } = org;
  for (const name of options.topics ?? []) state.notifications.createTopic(org.hubAccountId, region, name);
  let sim: RunningSimulator | undefined;
  const server = createAwsServer(
    state,
    createAdminHandler(() => sim!),
  );
  const s3Promise: Promise<S3ServerHandle | undefined> =
    options.s3 === false
      ? Promise.resolve(undefined)
      : startS3Server({
          bucket,
          ...(options.s3Port !== undefined ? { port: options.s3Port } : {}),
          faults: (query) => decideS3Fault(state, query),
        });
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  let s3: S3ServerHandle | undefined;
  try {
    [s3] = await Promise.all([s3Promise, listening]);
  } catch (err) {
    server.close();
    (await s3Promise.catch(() => undefined))?.stop();
    throw err;
  }
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL_STS: endpoint,
    AWS_ENDPOINT_URL_CONFIG_SERVICE: endpoint,
    AWS_ENDPOINT_URL_ORGANIZATIONS: endpoint,
    AWS_ENDPOINT_URL_SNS: endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: HUB_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: HUB_CREDENTIALS.secretAccessKey,
  };
  // Without our S3 server, a bucket name would send S3 calls to real AWS: name none.
  if (s3) {
    env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    env.REPORT_BUCKET = bucket;
  }
  let stopping: Promise<void> | undefined;
  sim = {
    endpoint,
    ...(s3 ? { s3Endpoint: s3.endpoint } : {}),
    bucket,
    region,
    regions: [...org.regions],
    hubAccountId: org.hubAccountId,
    roleName,
    env,
    accounts: () =>
      org.accounts.map((a) => ({
        accountId: a.accountId,
        name: a.name,
        state: a.state,
        tags: { ...a.tags },
        ouPath: ouPathOf(org, a.parentId),
      })),
    groundTruth: (scope) => groundTruth(state, scope),
    groundTruthRules: (scope) => groundTruthRules(state, scope),
    counters: (scope) => state.counters.byOperation(scope),
    resetCounters: () => state.counters.reset(),
    setFault: (scope, fault) => state.faults.set(scope, fault),
    clearFaults: () => state.faults.clear(),
    denyRole: (accountId, denied = true, fromDay) => state.denyRole(accountId, denied, fromDay),
    day: () => state.day(),
    advanceDays: (days) => state.advanceDays(days),
    setConfigEnabled: (accountId, r, enabled) => state.setConfigEnabled(accountId, r, enabled),
    setRecorderRunning: (accountId, r, running) => state.setRecorderRunning(accountId, r, running),
    setRuleHidden: (accountId, r, ruleName, hidden = true) =>
      state.setRuleHidden(accountId, r, ruleName, hidden),
    advanceTime: (ms) => state.advanceTime(ms),
    createTopic: (name, topicRegion = region) =>
      state.notifications.createTopic(org.hubAccountId, topicRegion, name),
    topics: () => state.notifications.topics(),
    snsMessages: (topicArn) => state.notifications.messages(topicArn),
    events: () => state.notifications.events(),
    clearNotifications: () => state.notifications.clear(),
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await Promise.all([closed, s3?.stop()]);
      })();
      return stopping;
    },
  };
  return sim;
}
