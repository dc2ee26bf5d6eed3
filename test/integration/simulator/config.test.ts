/**
 * Config conformance: the real SDK v3 Config client and its paginators against the simulator, across
 * several pages, with the error codes AWS sends. The full collection of one account-region must
 * equal the simulator's ground truth exactly.
 */
import {
  type ConfigRule,
  type ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  type EvaluationResult,
  GetComplianceDetailsByConfigRuleCommand,
  paginateDescribeConfigRules,
  paginateGetComplianceDetailsByConfigRule,
  paginateSelectResourceConfig,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { assume, configClient, errorOf, HUB, memberAccounts } from './clients.js';

let sim: RunningSimulator;
let accountA: string;
let accountB: string;
let clientA: ConfigServiceClient;

beforeAll(async () => {
  // 40 rules → two DescribeConfigRules pages; 150 resources → multi-page compliance details.
  sim = await startSimulator({
    accounts: 10,
    seed: 11,
    rulesPerRegion: 40,
    resourcesPerRegion: 150,
    s3: false,
  });
  [accountA, accountB] = memberAccounts(sim, 2) as [string, string];
  clientA = configClient(sim, await assume(sim, accountA));
});
afterAll(() => sim.stop());

async function allRules(client: ConfigServiceClient): Promise<ConfigRule[]> {
  const rules: ConfigRule[] = [];
  for await (const page of paginateDescribeConfigRules({ client }, {}))
    rules.push(...(page.ConfigRules ?? []));
  return rules;
}

describe('DescribeConfigRules', () => {
  it('pages 25 rules at a time and returns every rule of the account-region', async () => {
    const first = await clientA.send(new DescribeConfigRulesCommand({}));
    expect(first.ConfigRules).toHaveLength(25);
    expect(first.NextToken).toBeTypeOf('string');
    const rules = await allRules(clientA);
    expect(rules).toHaveLength(40);
    expect(new Set(rules.map((r) => r.ConfigRuleName)).size).toBe(40);
  });

  it('describes managed, custom, service-linked and INTERNAL rules with their sources', async () => {
    const rules = await allRules(clientA);
    const byOwner = new Set(rules.map((r) => r.Source?.Owner));
    expect(byOwner).toEqual(new Set(['AWS', 'CUSTOM_LAMBDA', 'CUSTOM_POLICY']));
    const long = rules.find((r) => r.ConfigRuleName!.startsWith('securityhub-s3-bucket-server-side'))!;
    expect(long.ConfigRuleName!.length).toBeGreaterThan(64);
    expect(long.CreatedBy).toBe('securityhub.amazonaws.com');
    expect(long.ConfigRuleArn).toContain('aws-service-rule/securityhub.amazonaws.com/');
    expect(rules.some((r) => r.RuleEvaluationVisibility === 'INTERNAL')).toBe(true);
    const versioning = rules.find((r) => r.ConfigRuleName === 's3-bucket-versioning-enabled')!;
    expect(versioning).toMatchObject({
      Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' },
      Scope: { ComplianceResourceTypes: ['AWS::S3::Bucket'] },
      ConfigRuleState: 'ACTIVE',
    });
  });

  it('names an unknown rule with NoSuchConfigRuleException', async () => {
    const err = await errorOf(() =>
      clientA.send(new DescribeConfigRulesCommand({ ConfigRuleNames: ['nope'] })),
    );
    expect(err.name).toBe('NoSuchConfigRuleException');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 400 });
  });

  it('rejects a token from another request with InvalidNextTokenException', async () => {
    const first = await clientA.send(new DescribeConfigRulesCommand({}));
    const err = await errorOf(() =>
      clientA.send(
        new DescribeConfigRulesCommand({
          NextToken: first.NextToken!,
          Filters: { RuleEvaluationVisibility: 'EXTERNAL' },
        }),
      ),
    );
    expect(err.name).toBe('InvalidNextTokenException');
    const garbage = await errorOf(() =>
      clientA.send(new DescribeConfigRulesCommand({ NextToken: 'not-a-token' })),
    );
    expect(garbage.name).toBe('InvalidNextTokenException');
  });
});

describe('GetComplianceDetailsByConfigRule', () => {
  it('defaults to 10 results a page and pages through every result', async () => {
    const truth = sim.groundTruth({ accountIds: [accountA], regions: [sim.region] });
    const rule = 'required-tags';
    const expected = truth.filter((e) => e.ruleName === rule);
    expect(expected.length).toBeGreaterThan(25);
    const first = await clientA.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule }));
    expect(first.EvaluationResults).toHaveLength(10);
    const results: EvaluationResult[] = [];
    let pages = 0;
    for await (const page of paginateGetComplianceDetailsByConfigRule(
      { client: clientA },
      { ConfigRuleName: rule },
    )) {
      pages++;
      results.push(...(page.EvaluationResults ?? []));
    }
    expect(pages).toBe(Math.ceil(expected.length / 10));
    expect(results).toHaveLength(expected.length);
  });

  it('returns epoch-second timestamps the SDK parses into Dates', async () => {
    const out = await clientA.send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'restricted-ssh', Limit: 1 }),
    );
    const r = out.EvaluationResults![0]!;
    expect(r.ResultRecordedTime).toBeInstanceOf(Date);
    expect(r.ConfigRuleInvokedTime).toBeInstanceOf(Date);
    expect(r.EvaluationResultIdentifier?.OrderingTimestamp).toBeInstanceOf(Date);
    const truth = sim
      .groundTruth({ accountIds: [accountA], regions: [sim.region] })
      .find(
        (e) =>
          e.ruleName === 'restricted-ssh' &&
          e.resourceId === r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId,
      )!;
    expect(r.ResultRecordedTime!.getTime()).toBe(truth.resultRecordedTime);
  });

  it('filters by ComplianceTypes', async () => {
    const results: EvaluationResult[] = [];
    for await (const page of paginateGetComplianceDetailsByConfigRule(
      { client: clientA, pageSize: 100 },
      { ConfigRuleName: 'required-tags', ComplianceTypes: ['NON_COMPLIANT'] },
    )) {
      results.push(...(page.EvaluationResults ?? []));
    }
    const expected = sim
      .groundTruth({ accountIds: [accountA], regions: [sim.region] })
      .filter((e) => e.ruleName === 'required-tags' && e.complianceType === 'NON_COMPLIANT');
    expect(results.length).toBe(expected.length);
    expect(results.every((r) => r.ComplianceType === 'NON_COMPLIANT')).toBe(true);
  });

  it.each([
    [{ Limit: 101 }, 'ValidationException'],
    [{ ComplianceTypes: ['INSUFFICIENT_DATA' as const] }, 'InvalidParameterValueException'],
    [{ ConfigRuleName: 'no-such-rule' }, 'NoSuchConfigRuleException'],
    [{ NextToken: 'AAAA' }, 'InvalidNextTokenException'],
  ])('rejects %j with %s', async (input, code) => {
    const err = await errorOf(() =>
      clientA.send(
        new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'restricted-ssh', ...input }),
      ),
    );
    expect(err.name).toBe(code);
  });

  it('serves rule names longer than 64 characters; INTERNAL rules expose no evaluations', async () => {
    const rules = await allRules(clientA);
    const long = rules.find((r) => r.ConfigRuleName!.length > 64)!;
    const out = await clientA.send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: long.ConfigRuleName!, Limit: 100 }),
    );
    expect(out.EvaluationResults!.length).toBeGreaterThan(0);
    const internal = rules.find((r) => r.RuleEvaluationVisibility === 'INTERNAL')!;
    const hidden = await clientA.send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: internal.ConfigRuleName! }),
    );
    expect(hidden.EvaluationResults).toEqual([]);
    expect(
      sim.groundTruth({ accountIds: [accountA] }).some((e) => e.ruleName === internal.ConfigRuleName),
    ).toBe(false);
  });

  it('collecting every rule of an account-region reproduces the ground truth exactly', async () => {
    const collected: string[] = [];
    for (const rule of await allRules(clientA)) {
      for await (const page of paginateGetComplianceDetailsByConfigRule(
        { client: clientA, pageSize: 100 },
        {
          ConfigRuleName: rule.ConfigRuleName!,
          ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'],
        },
      )) {
        for (const r of page.EvaluationResults ?? []) {
          const q = r.EvaluationResultIdentifier!.EvaluationResultQualifier!;
          collected.push(
            `${q.ConfigRuleName}|${q.ResourceType}|${q.ResourceId}|${r.ComplianceType}|${r.Annotation ?? ''}`,
          );
        }
      }
    }
    const truth = sim
      .groundTruth({ accountIds: [accountA], regions: [sim.region] })
      .map(
        (e) => `${e.ruleName}|${e.resourceType}|${e.resourceId}|${e.complianceType}|${e.annotation ?? ''}`,
      );
    expect(collected.sort()).toEqual(truth.sort());
    expect(new Set(truth.map((t) => t.split('|')[3]))).toEqual(
      new Set(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE']),
    );
  });
});

describe('DescribeComplianceByConfigRule', () => {
  it('summarises each rule; a rule with no results is INSUFFICIENT_DATA', async () => {
    const out = await clientA.send(new DescribeComplianceByConfigRuleCommand({}));
    expect(out.ComplianceByConfigRules).toHaveLength(25);
    const redshift = await clientA.send(
      new DescribeComplianceByConfigRuleCommand({
        ConfigRuleNames: ['redshift-cluster-public-access-check', 'required-tags'],
      }),
    );
    const byName = Object.fromEntries(
      redshift.ComplianceByConfigRules!.map((c) => [c.ConfigRuleName, c.Compliance]),
    );
    expect(byName['redshift-cluster-public-access-check']?.ComplianceType).toBe('INSUFFICIENT_DATA');
    expect(byName['required-tags']?.ComplianceType).toBe('NON_COMPLIANT');
    expect(byName['required-tags']?.ComplianceContributorCount?.CappedCount).toBeGreaterThan(0);
  });
});

describe('configuration recorders', () => {
  it('reports a running recorder, a stopped one, and none where Config is off', async () => {
    const [c, d] = memberAccounts(sim, 4).slice(2) as [string, string];
    sim.setRecorderRunning(c, sim.region, false);
    sim.setConfigEnabled(d, undefined, false);
    const running = await clientA.send(new DescribeConfigurationRecorderStatusCommand({}));
    expect(running.ConfigurationRecordersStatus?.[0]).toMatchObject({
      name: 'default',
      recording: true,
      lastStatus: 'Success',
    });
    const stopped = configClient(sim, await assume(sim, c));
    const status = await stopped.send(new DescribeConfigurationRecorderStatusCommand({}));
    expect(status.ConfigurationRecordersStatus?.[0]?.recording).toBe(false);
    expect(status.ConfigurationRecordersStatus?.[0]?.lastStartTime).toBeInstanceOf(Date);
    const off = configClient(sim, await assume(sim, d));
    expect((await off.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders).toEqual(
      [],
    );
    expect(
      (await off.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus,
    ).toEqual([]);
    expect((await off.send(new DescribeConfigRulesCommand({}))).ConfigRules).toEqual([]);
    const err = await errorOf(() =>
      off.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'required-tags' })),
    );
    expect(err.name).toBe('NoSuchConfigRuleException');
    const named = await errorOf(() =>
      off.send(new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['default'] })),
    );
    expect(named.name).toBe('NoSuchConfigurationRecorderException');
    expect(sim.groundTruth({ accountIds: [d] })).toEqual([]);
    expect(sim.groundTruth({ accountIds: [c], regions: [sim.region] }).length).toBeGreaterThan(0);
  });
});

describe('SelectResourceConfig', () => {
  const expression =
    "SELECT resourceId, resourceType, tags WHERE resourceType IN ('AWS::S3::Bucket', 'AWS::EC2::Instance')";

  it('pages rows as JSON strings with tags as [{key, value}]', async () => {
    const rows: Record<string, unknown>[] = [];
    let pages = 0;
    for await (const page of paginateSelectResourceConfig(
      { client: clientA, pageSize: 10 },
      { Expression: expression },
    )) {
      pages++;
      expect(page.QueryInfo?.SelectFields?.map((f) => f.Name)).toEqual([
        'resourceId',
        'resourceType',
        'tags',
      ]);
      rows.push(...(page.Results ?? []).map((r) => JSON.parse(r) as Record<string, unknown>));
    }
    expect(pages).toBeGreaterThan(2);
    const truth = new Map(
      sim
        .groundTruth({ accountIds: [accountA], regions: [sim.region] })
        .filter((e) => e.resourceType === 'AWS::S3::Bucket' || e.resourceType === 'AWS::EC2::Instance')
        .map((e) => [e.resourceId, e.resourceTags]),
    );
    for (const [id, tags] of truth) {
      const row = rows.find((r) => r.resourceId === id)!;
      expect(row).toBeDefined();
      const asRecord = Object.fromEntries(
        (row.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]),
      );
      expect(asRecord).toEqual(tags);
    }
    expect(rows.some((r) => (r.tags as unknown[]).length === 0)).toBe(true);
    expect(rows.some((r) => (r.tags as { key: string }[]).some((t) => t.key === 'mox.owner'))).toBe(true);
  });

  it('narrows by resourceType = and resourceId IN, with any subset of the supported fields', async () => {
    const all = await clientA.send(
      new SelectResourceConfigCommand({
        Expression: "SELECT resourceId WHERE resourceType = 'AWS::EC2::Volume'",
        Limit: 100,
      }),
    );
    const ids = all.Results!.map((r) => (JSON.parse(r) as { resourceId: string }).resourceId).slice(0, 2);
    const out = await clientA.send(
      new SelectResourceConfigCommand({
        Expression: `SELECT arn, accountId, awsRegion, resourceName, resourceId WHERE resourceType = 'AWS::EC2::Volume' AND resourceId IN ('${ids.join("', '")}')`,
      }),
    );
    const rows = out.Results!.map((r) => JSON.parse(r) as Record<string, string>);
    expect(rows.map((r) => r.resourceId).sort()).toEqual([...ids].sort());
    expect(rows[0]).toMatchObject({ accountId: accountA, awsRegion: sim.region });
    expect(rows[0]!.arn).toMatch(/^arn:aws:ec2:us-east-1:\d{12}:volume\/vol-/);
  });

  it.each([
    ['SELECT *', "SELECT * WHERE resourceType = 'AWS::S3::Bucket'", 'InvalidExpressionException'],
    ['LIKE', "SELECT resourceId WHERE resourceType LIKE 'AWS::S3::%'", 'InvalidExpressionException'],
    [
      'a configuration field',
      "SELECT resourceId, configuration.size WHERE resourceType = 'AWS::EC2::Volume'",
      'InvalidExpressionException',
    ],
    [
      'OR',
      "SELECT resourceId WHERE resourceType = 'AWS::S3::Bucket' OR resourceType = 'AWS::EC2::Instance'",
      'InvalidExpressionException',
    ],
    [
      'over 4096 characters',
      `SELECT resourceId WHERE resourceId IN ('${'x'.repeat(4100)}')`,
      'ValidationException',
    ],
  ])('rejects %s with the right error', async (_label, expr, code) => {
    const err = await errorOf(() => clientA.send(new SelectResourceConfigCommand({ Expression: expr })));
    expect(err.name).toBe(code);
  });

  it("rejects Limit over 100 with ValidationException (the model's range, checked before the service)", async () => {
    const err = await errorOf(() =>
      clientA.send(new SelectResourceConfigCommand({ Expression: expression, Limit: 101 })),
    );
    expect(err.name).toBe('ValidationException');
  });
});

describe('identity', () => {
  it("reads the account the credentials were assumed into: A's credentials never see B's data", async () => {
    const clientB = configClient(sim, await assume(sim, accountB));
    const rulesA = (await allRules(clientA)).map((r) => r.ConfigRuleName!);
    const rulesB = (await allRules(clientB)).map((r) => r.ConfigRuleName!);
    // Service-linked rule names carry a per-account suffix: B's rule does not exist for A.
    const onlyB = rulesB.find((r) => !rulesA.includes(r))!;
    expect(onlyB).toBeDefined();
    const err = await errorOf(() =>
      clientA.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: onlyB })),
    );
    expect(err.name).toBe('NoSuchConfigRuleException');
    const arns = (await allRules(clientA)).map((r) => r.ConfigRuleArn!);
    expect(arns.every((a) => a.includes(`:${accountA}:`))).toBe(true);
  });

  it('hub credentials read the hub account, which has no Config rules', async () => {
    const hub = configClient(sim, HUB);
    expect((await hub.send(new DescribeConfigRulesCommand({}))).ConfigRules).toEqual([]);
  });

  it('rejects a session token that does not belong to the access key', async () => {
    const a = await assume(sim, accountA);
    const b = await assume(sim, accountB);
    const mixed = configClient(sim, { ...a, sessionToken: b.sessionToken! });
    const err = await errorOf(() => mixed.send(new DescribeConfigRulesCommand({})));
    expect(err.name).toBe('UnrecognizedClientException');
  });

  it('rejects expired session credentials with ExpiredTokenException', async () => {
    const creds = await assume(sim, accountA);
    const client = configClient(sim, creds, { maxAttempts: 1 });
    await client.send(new DescribeConfigRulesCommand({}));
    sim.advanceTime(3_601_000);
    const err = await errorOf(() => client.send(new DescribeConfigRulesCommand({})));
    expect(err.name).toBe('ExpiredTokenException');
  });
});
