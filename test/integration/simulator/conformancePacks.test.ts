/**
 * The simulator's conformance pack reads, through the real SDK client: every pack of the
 * account-region, every rule of a pack (all pages), compliance consistent with the rule-level
 * answer of DescribeComplianceByConfigRule, the pack membership the ground truth states, and the
 * errors AWS documents.
 */
import {
  type ConfigServiceClient,
  DescribeConformancePackComplianceCommand,
  DescribeConformancePacksCommand,
  paginateDescribeComplianceByConfigRule,
} from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { assume, configClient, errorOf, memberAccounts } from './clients.js';

let sim: RunningSimulator;
let account: string;
let client: ConfigServiceClient;

beforeAll(async () => {
  sim = await startSimulator({ accounts: 5, seed: 17, resourcesPerRegion: 30, s3: false });
  [account] = memberAccounts(sim, 1) as [string];
  client = configClient(sim, await assume(sim, account));
});
afterAll(() => sim.stop());

async function packNames(): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new DescribeConformancePacksCommand({ Limit: 1, NextToken: token }));
    names.push(...(page.ConformancePackDetails ?? []).map((p) => p.ConformancePackName!));
    token = page.NextToken;
  } while (token);
  return names;
}

async function packRules(pack: string): Promise<Map<string, string>> {
  const rules = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new DescribeConformancePackComplianceCommand({ ConformancePackName: pack, Limit: 2, NextToken: token }),
    );
    for (const r of page.ConformancePackRuleComplianceList ?? [])
      rules.set(r.ConfigRuleName!, r.ComplianceType!);
    token = page.NextToken;
  } while (token);
  return rules;
}

describe('conformance packs', () => {
  it('lists every pack of the account-region, one page at a time, with the members the ground truth names', async () => {
    const names = await packNames();
    const truth = sim.groundTruthRules({ accountIds: [account], regions: [sim.region] });
    const expected = [...new Set(truth.flatMap((r) => (r.conformancePack ? [r.conformancePack] : [])))];
    expect(names.sort()).toEqual(expected.sort());
    expect(names.length).toBe(2);
    for (const pack of names) {
      const rules = await packRules(pack);
      expect([...rules.keys()].sort()).toEqual(
        truth
          .filter((r) => r.conformancePack === pack)
          .map((r) => r.ruleName)
          .sort(),
      );
    }
  });

  it("reports each rule's compliance as DescribeComplianceByConfigRule does", async () => {
    const ruleLevel = new Map<string, string>();
    for await (const page of paginateDescribeComplianceByConfigRule({ client }, {}))
      for (const r of page.ComplianceByConfigRules ?? [])
        ruleLevel.set(r.ConfigRuleName!, r.Compliance!.ComplianceType!);
    const seen = new Set<string>();
    for (const pack of await packNames()) {
      for (const [rule, type] of await packRules(pack)) {
        expect([rule, type]).toEqual([rule, ruleLevel.get(rule)]);
        seen.add(type);
      }
    }
    expect(seen.has('NON_COMPLIANT')).toBe(true);
  });

  it('filters by compliance and names the errors AWS documents', async () => {
    const [pack] = await packNames();
    const nonCompliant = await client.send(
      new DescribeConformancePackComplianceCommand({
        ConformancePackName: pack!,
        Filters: { ComplianceType: 'NON_COMPLIANT' },
      }),
    );
    expect(
      nonCompliant.ConformancePackRuleComplianceList!.every((r) => r.ComplianceType === 'NON_COMPLIANT'),
    ).toBe(true);
    const missing = await errorOf(() =>
      client.send(new DescribeConformancePacksCommand({ ConformancePackNames: ['NoSuchPack'] })),
    );
    expect(missing.name).toBe('NoSuchConformancePackException');
    const notIn = await errorOf(() =>
      client.send(
        new DescribeConformancePackComplianceCommand({
          ConformancePackName: pack!,
          Filters: { ConfigRuleNames: ['nope'] },
        }),
      ),
    );
    expect(notIn.name).toBe('NoSuchConfigRuleInConformancePackException');
    const tooMany = await errorOf(() => client.send(new DescribeConformancePacksCommand({ Limit: 21 })));
    expect(tooMany.name).toBe('ValidationException');
  });

  it('answers no pack where Config is off', async () => {
    sim.setConfigEnabled(account, sim.region, false);
    try {
      const page = await client.send(new DescribeConformancePacksCommand({}));
      expect(page.ConformancePackDetails).toEqual([]);
    } finally {
      sim.setConfigEnabled(account, sim.region, true);
    }
    const again = await client.send(new DescribeConformancePacksCommand({}));
    expect(again.ConformancePackDetails).toHaveLength(2);
  });
});
