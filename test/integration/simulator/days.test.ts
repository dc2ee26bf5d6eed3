/**
 * One running simulator serving day 0, then day 1, then day 2 to the same test: what the real SDK
 * Config client reads each day equals that day's ground truth, and findings are fixed, newly fail
 * and disappear with deleted resources, as the truth of the two days says.
 */
import {
  type ConfigServiceClient,
  paginateDescribeConfigRules,
  paginateGetComplianceDetailsByConfigRule,
} from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluationKey,
  type RunningSimulator,
  type SimEvaluation,
  startSimulator,
  truthChanges,
} from '../../../simulator/index.js';
import { assume, configClient, errorOf, memberAccounts } from './clients.js';

let sim: RunningSimulator;
let account: string;
let unreadable: string;
let client: ConfigServiceClient;

beforeAll(async () => {
  // Higher deletion and creation rates than the defaults so one account-region shows each kind.
  sim = await startSimulator({
    accounts: 6,
    seed: 21,
    regions: ['us-east-1'],
    resourcesPerRegion: 80,
    dayChanges: { deleted: 0.05, created: 0.05 },
    s3: false,
  });
  [account, unreadable] = memberAccounts(sim, 2) as [string, string];
  client = configClient(sim, await assume(sim, account));
});
afterAll(() => sim.stop());

/** Every visible evaluation of the account-region through DescribeConfigRules + details, as keys. */
async function collect(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const rules of paginateDescribeConfigRules({ client }, {})) {
    for (const rule of rules.ConfigRules ?? []) {
      for await (const page of paginateGetComplianceDetailsByConfigRule(
        { client, pageSize: 100 },
        { ConfigRuleName: rule.ConfigRuleName! },
      )) {
        for (const r of page.EvaluationResults ?? []) {
          const q = r.EvaluationResultIdentifier!.EvaluationResultQualifier!;
          const key = `${account}|us-east-1|${q.ConfigRuleName}|${q.ResourceType}|${q.ResourceId}`;
          out.set(key, `${r.ComplianceType} ${r.ConfigRuleInvokedTime!.getTime()}`);
        }
      }
    }
  }
  return out;
}

function expected(truth: SimEvaluation[]): Map<string, string> {
  return new Map(truth.map((e) => [evaluationKey(e), `${e.complianceType} ${e.configRuleInvokedTime}`]));
}

describe('a simulator advanced by days', () => {
  it('serves each day its own ground truth, with fixed, newly failing and deleted findings', async () => {
    const scope = { accountIds: [account] };
    const day0 = await collect();
    expect(day0).toEqual(expected(sim.groundTruth(scope)));

    expect(sim.advanceDays(1)).toBe(1);
    // The credentials assumed on day 0 still work: only the data moved.
    const day1 = await collect();
    expect(day1).toEqual(expected(sim.groundTruth(scope)));
    expect(day1).toEqual(expected(sim.groundTruth({ ...scope, day: 1 })));

    const changes = truthChanges(sim.groundTruth({ ...scope, day: 0 }), sim.groundTruth(scope));
    expect(changes.fixed.length).toBeGreaterThan(0);
    expect(changes.newlyFailing.length).toBeGreaterThan(0);
    expect(changes.gone.length).toBeGreaterThan(0);
    // What the API shows agrees: fixed reads COMPLIANT, newly failing NON_COMPLIANT, gone absent.
    for (const e of changes.fixed) expect(day1.get(evaluationKey(e))).toMatch(/^(COMPLIANT|NOT_APPLICABLE) /);
    for (const e of changes.newlyFailing) expect(day1.get(evaluationKey(e))).toMatch(/^NON_COMPLIANT /);
    for (const e of changes.gone) {
      expect(day0.get(evaluationKey(e))).toMatch(/^NON_COMPLIANT /);
      expect(day1.has(evaluationKey(e))).toBe(false);
    }
  });

  it('advances over the admin endpoint too, and reads any day of the truth there', async () => {
    const before = sim.day();
    const res = await fetch(`${sim.endpoint}/_sim/advance`, { method: 'POST', body: '{"days":1}' });
    expect(await res.json()).toEqual({ day: before + 1 });
    expect(await (await fetch(`${sim.endpoint}/_sim/day`)).json()).toEqual({ day: before + 1 });
    const truth = (await (
      await fetch(`${sim.endpoint}/_sim/ground-truth?accounts=${account}&day=${before}`)
    ).json()) as SimEvaluation[];
    expect(truth).toEqual(sim.groundTruth({ accountIds: [account], day: before }));
    const bad = await fetch(`${sim.endpoint}/_sim/advance`, { method: 'POST', body: '{"days":-1}' });
    expect(bad.status).toBe(400);
  });

  it('makes an account unreadable from a given day', async () => {
    const next = sim.day() + 1;
    const res = await fetch(`${sim.endpoint}/_sim/deny-role`, {
      method: 'POST',
      body: JSON.stringify({ accountId: unreadable, fromDay: next }),
    });
    expect(res.status).toBe(200);
    await assume(sim, unreadable);
    expect(sim.groundTruth({ accountIds: [unreadable] }).length).toBeGreaterThan(0);
    sim.advanceDays(1);
    const err = await errorOf(() => assume(sim, unreadable));
    expect(err.name).toBe('AccessDenied');
    expect(sim.groundTruth({ accountIds: [unreadable] })).toEqual([]);
    expect(sim.groundTruth({ accountIds: [unreadable], day: next - 1 }).length).toBeGreaterThan(0);
  });
});
