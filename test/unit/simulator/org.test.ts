/** The synthetic organization: deterministic from (seed, size), realistic in shape, lazy per region. */
import { describe, expect, it } from 'vitest';
import type { SimOrg } from '../../../simulator/index.js';
import { generateOrg, ouPathOf } from '../../../simulator/index.js';
import { RULE_TEMPLATES } from '../../../simulator/org/catalog.js';

function evaluationsOf(org: SimOrg) {
  return org.accounts.flatMap((a) =>
    org.regions.flatMap((region) => {
      const data = org.regionData(a.accountId, region);
      return data.rules.flatMap((rule, i) =>
        data.evaluations[i]!.map((e) => ({ rule, e, region, account: a })),
      );
    }),
  );
}

describe('generateOrg', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const snapshot = (seed: number) => {
      const org = generateOrg({ accounts: 15, seed });
      return JSON.stringify({
        accounts: org.accounts,
        data: org.accounts.map((a) => org.regionData(a.accountId, 'us-east-1')),
      });
    };
    expect(snapshot(7)).toBe(snapshot(7));
    expect(snapshot(7)).not.toBe(snapshot(8));
  });

  it('names accounts like a real org, with a hub, shared accounts, tags and a few suspended', () => {
    const org = generateOrg({ accounts: 60, seed: 3 });
    expect(org.accounts).toHaveLength(60);
    expect(new Set(org.accounts.map((a) => a.accountId)).size).toBe(60);
    expect(org.accounts.every((a) => /^\d{12}$/.test(a.accountId))).toBe(true);
    expect(org.accounts[0]).toMatchObject({
      accountId: org.hubAccountId,
      name: 'management',
      state: 'ACTIVE',
    });
    const names = org.accounts.map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining(['security-audit', 'log-archive', 'shared-network', 'shared-services']),
    );
    for (const pattern of [
      /^prod-[a-z]+-\d\d$/,
      /^dev-[a-z]+-\d\d$/,
      /^staging-[a-z]+-\d\d$/,
      /^sandbox-[a-z]+-\d\d$/,
    ]) {
      expect(names.some((n) => pattern.test(n))).toBe(true);
    }
    expect(new Set(names).size).toBe(60);
    expect(org.accounts.some((a) => a.state === 'SUSPENDED')).toBe(true);
    expect(org.accounts.filter((a) => a.state === 'SUSPENDED').length).toBeLessThan(6);
    expect(org.accounts.every((a) => /^CC-\d{4}$/.test(a.tags['cost-center'] ?? ''))).toBe(true);
    expect(org.accounts.some((a) => a.tags.environment === undefined)).toBe(true);
    expect(org.accounts.every((a) => a.roles.some((r) => r.name === 'configreport-read-role'))).toBe(true);
  });

  it('holds every compliance type, annotations, mox and other tags, untagged resources and many types', () => {
    const org = generateOrg({ accounts: 8, seed: 4 });
    const all = evaluationsOf(org);
    expect(new Set(all.map((x) => x.e.complianceType))).toEqual(
      new Set(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE']),
    );
    expect(
      all
        .filter((x) => x.e.complianceType === 'NON_COMPLIANT')
        .every((x) => (x.e.annotation?.length ?? 0) > 0),
    ).toBe(true);
    expect(new Set(all.map((x) => x.e.resource.type)).size).toBeGreaterThanOrEqual(10);
    const tags = all.map((x) => x.e.resource.tags);
    expect(tags.some((t) => Object.keys(t).length === 0)).toBe(true);
    for (const key of ['mox.owner', 'mox.team', 'mox.environment', 'mox.cost-center', 'Name']) {
      expect(tags.some((t) => key in t)).toBe(true);
    }
    expect(all.every((x) => x.e.resultRecordedTime >= x.e.configRuleInvokedTime)).toBe(true);
  });

  it('has the rule shapes collectors trip on: >64-char names, INTERNAL visibility, rules with no results', () => {
    const org = generateOrg({ accounts: 3, seed: 5 });
    const member = org.accounts[1]!.accountId;
    const data = org.regionData(member, 'us-east-1');
    expect(data.rules).toHaveLength(RULE_TEMPLATES.length);
    expect(data.rules.some((r) => r.name.length > 64 && r.createdBy === 'securityhub.amazonaws.com')).toBe(
      true,
    );
    expect(data.rules.some((r) => r.visibility === 'INTERNAL')).toBe(true);
    expect(data.evaluations.some((e) => e.length === 0)).toBe(true);
    expect(new Set(data.rules.map((r) => r.owner))).toEqual(
      new Set(['AWS', 'CUSTOM_LAMBDA', 'CUSTOM_POLICY']),
    );
    expect(org.regionData(org.hubAccountId, 'us-east-1')).toMatchObject({ recorder: 'running', rules: [] });
  });

  it('lays accounts out in a landing-zone OU tree with AWS-shaped ids', () => {
    const org = generateOrg({ accounts: 60, seed: 3 });
    expect(org.rootId).toMatch(/^r-[0-9a-z]{4,32}$/);
    for (const ou of org.organizationalUnits) {
      expect(ou.id).toMatch(new RegExp(`^ou-${org.rootId.slice(2)}-[a-z0-9]{8,32}$`));
      expect(ou.parentId === org.rootId || org.ou(ou.parentId) !== undefined).toBe(true);
    }
    const pathOf = (name: string) => ouPathOf(org, org.accounts.find((a) => a.name === name)!.parentId);
    expect(ouPathOf(org, org.accounts[0]!.parentId)).toBe('Root');
    expect(pathOf('security-audit')).toBe('Root/Security');
    expect(pathOf('shared-network')).toBe('Root/Infrastructure');
    const paths = new Map(org.accounts.map((a) => [a, ouPathOf(org, a.parentId)]));
    for (const [account, path] of paths) {
      if (account.state === 'SUSPENDED') expect(path).toBe('Root/Suspended');
      else if (account.name.startsWith('prod-')) expect(path).toBe('Root/Workloads/Prod');
      else if (/^(dev|staging|test)-/.test(account.name)) expect(path).toBe('Root/Workloads/Non-Prod');
    }
    expect(new Set(paths.values())).toEqual(
      new Set([
        'Root',
        'Root/Security',
        'Root/Infrastructure',
        'Root/Workloads/Prod',
        'Root/Workloads/Non-Prod',
        'Root/Sandbox',
        'Root/Suspended',
      ]),
    );
  });

  it('deploys service rules with generated suffixes, and conformance packs grouping theirs', () => {
    const org = generateOrg({ accounts: 4, seed: 5 });
    const [a, b] = org.accounts.slice(1, 3).map((x) => x.accountId) as [string, string];
    const names = (id: string, region: string) => org.regionData(id, region).rules;
    const rules = names(a, 'us-east-1');
    const by = (prefix: RegExp) => rules.filter((r) => prefix.test(r.name));
    // Security Hub: securityhub-<check>-<6 hex>; Firewall Manager: fms-<check>-<6 hex>.
    expect(
      by(/^securityhub-/).every(
        (r) => /-[0-9a-f]{6}$/.test(r.name) && r.createdBy === 'securityhub.amazonaws.com',
      ),
    ).toBe(true);
    expect(by(/^fms-/).every((r) => r.createdBy === 'fms.amazonaws.com')).toBe(true);
    // Organization rules: OrgConfigRule-<name>-<8 letters and digits>.
    const orgRules = by(/^OrgConfigRule-/);
    expect(orgRules.length).toBeGreaterThan(0);
    expect(
      orgRules.every(
        (r) => /-[a-z0-9]{8}$/.test(r.name) && r.createdBy === 'config-multiaccountsetup.amazonaws.com',
      ),
    ).toBe(true);
    // Conformance packs: every rule of one pack deployment shares the suffix; packs are listed.
    const packRules = rules.filter((r) => r.conformancePack !== undefined);
    expect(packRules.every((r) => /-conformance-pack-[a-z0-9]{9}$/.test(r.name))).toBe(true);
    expect(packRules.every((r) => r.createdBy === 'config-conforms.amazonaws.com')).toBe(true);
    const packs = org.regionData(a, 'us-east-1').packs;
    expect(packs.map((p) => p.baseName)).toEqual([
      'Operational-Best-Practices-for-Amazon-S3',
      'OrgConformsPack-security-baseline',
    ]);
    expect(packs[1]!.name).toMatch(/^OrgConformsPack-security-baseline-[a-z0-9]{8}$/);
    for (const pack of packs) {
      const suffixes = new Set(
        packRules.filter((r) => r.conformancePack === pack.name).map((r) => r.name.slice(-9)),
      );
      expect(suffixes.size).toBe(1);
    }
    // The same rule elsewhere: another name, the same base name.
    const other = names(b, 'eu-west-1');
    for (const rule of rules) {
      const twin = other.find((r) => r.baseName === rule.baseName)!;
      expect(twin).toBeDefined();
      if (rule.name !== rule.baseName) expect(twin.name).not.toBe(rule.name);
    }
  });

  it('keeps the first 24 rules of an org as they were before service rules were added', () => {
    const org = generateOrg({ accounts: 3, seed: 5, rulesPerRegion: 24 });
    const rules = org.regionData(org.accounts[1]!.accountId, 'us-east-1').rules;
    expect(rules.map((r) => r.baseName)).toEqual(
      RULE_TEMPLATES.slice(0, 24).map((t) => t.name.replace('-{n}', '')),
    );
    expect(org.regionData(org.accounts[1]!.accountId, 'us-east-1').packs).toEqual([]);
  });

  it('scales rules and resources by option', () => {
    const small = generateOrg({ accounts: 2, seed: 6, rulesPerRegion: 5, resourcesPerRegion: 10 });
    const big = generateOrg({ accounts: 2, seed: 6, rulesPerRegion: 60, resourcesPerRegion: 400 });
    const id = small.accounts[1]!.accountId;
    expect(small.regionData(id, 'us-east-1').rules).toHaveLength(5);
    expect(big.regionData(id, 'us-east-1').rules).toHaveLength(60);
    expect(big.regionData(id, 'us-east-1').rules.some((r) => r.name === 'custom-check-060')).toBe(true);
    expect(big.regionData(id, 'us-east-1').resources.length).toBeGreaterThan(300);
  });

  it('generates regions lazily and regenerates an evicted region identically', () => {
    const org = generateOrg({ accounts: 1000, seed: 9, cacheSize: 1 });
    expect(org.accounts).toHaveLength(1000);
    const a = org.accounts[500]!.accountId;
    const first = JSON.stringify(org.regionData(a, 'eu-west-1'));
    org.regionData(org.accounts[501]!.accountId, 'eu-west-1');
    expect(JSON.stringify(org.regionData(a, 'eu-west-1'))).toBe(first);
    expect(org.regionData(a, 'ap-south-1')).toMatchObject({ recorder: 'none', rules: [] });
  });
});
