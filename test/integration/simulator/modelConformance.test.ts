/**
 * Every operation the simulator serves (Config, STS, Organizations, SNS, EventBridge), driven through the real SDK
 * clients in success and error cases, answers with exactly what the official service model allows:
 * the raw JSON/XML of every answer is checked against the SDK's bundled model (structures,
 * members, types, required members, enum values; modelled or common errors). See model/.
 */
import {
  type ComplianceType,
  type ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConformancePackComplianceCommand,
  DescribeConformancePacksCommand,
  GetComplianceDetailsByConfigRuleCommand,
  paginateDescribeComplianceByConfigRule,
  paginateDescribeConfigRules,
  paginateGetComplianceDetailsByConfigRule,
  paginateSelectResourceConfig,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListParentsCommand,
  ListTagsForResourceCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { PublishCommand } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { CONFIG_OPERATIONS } from '../../../simulator/services/config.js';
import { EVENTS_OPERATIONS } from '../../../simulator/services/events.js';
import { ORGANIZATIONS_OPERATIONS } from '../../../simulator/services/organizations.js';
import { SNS_OPERATIONS } from '../../../simulator/services/sns.js';
import { STS_OPERATIONS } from '../../../simulator/services/sts.js';
import {
  assume,
  configClient,
  eventsClient,
  HUB,
  memberAccounts,
  orgsClient,
  snsClient,
  stsClient,
} from './clients.js';
import { checkExchange, type Exchange, recording } from './model/exchanges.js';
import { loadServiceModel } from './model/sdkModel.js';

const MODELS = {
  json: {
    StarlingDoveService: loadServiceModel('@aws-sdk/client-config-service'),
    AWSOrganizationsV20161128: loadServiceModel('@aws-sdk/client-organizations'),
  },
  sts: loadServiceModel('@aws-sdk/client-sts'),
  sns: loadServiceModel('@aws-sdk/client-sns'),
  events: loadServiceModel('@aws-sdk/client-eventbridge'),
};
const CONFIG = MODELS.json.StarlingDoveService;
const ORGS = MODELS.json.AWSOrganizationsV20161128;

type Service = 'config' | 'organizations' | 'sts' | 'sns' | 'events';
const SERVICES: readonly Service[] = ['config', 'organizations', 'sts', 'sns', 'events'];

let sim: RunningSimulator;
const exchanges: { service: Service; exchange: Exchange }[] = [];

/** Clients that record every raw answer under their service. */
function recorder(service: Service) {
  const sink: Exchange[] = [];
  const flush = () => {
    for (const exchange of sink.splice(0)) exchanges.push({ service, exchange });
  };
  return { sink, flush };
}
const rec = {
  config: recorder('config'),
  organizations: recorder('organizations'),
  sts: recorder('sts'),
  sns: recorder('sns'),
  events: recorder('events'),
};
const config = (credentials: AwsCredentialIdentity, maxAttempts = 1): ConfigServiceClient =>
  recording(configClient(sim, credentials, { maxAttempts }), rec.config.sink);
const orgs = (credentials: AwsCredentialIdentity = HUB) =>
  recording(orgsClient(sim, credentials, 1), rec.organizations.sink);
const sts = (credentials: AwsCredentialIdentity = HUB) =>
  recording(stsClient(sim, credentials, 1), rec.sts.sink);
const sns = (credentials: AwsCredentialIdentity = HUB) =>
  recording(snsClient(sim, credentials, 1), rec.sns.sink);
const events = () => recording(eventsClient(sim, HUB, 1), rec.events.sink);

/** Sends and ignores the outcome: the answers are checked afterwards, raw. */
const attempt = async (call: () => Promise<unknown>) => {
  await call().catch(() => undefined);
};

async function driveConfig(member: string, stopped: string, disabled: string): Promise<void> {
  const creds = await assume(sim, member);
  const c = config(creds);
  const rules: string[] = [];
  for await (const page of paginateDescribeConfigRules({ client: c }, {})) {
    rules.push(...(page.ConfigRules ?? []).map((r) => r.ConfigRuleName!));
  }
  await c.send(new DescribeConfigRulesCommand({ ConfigRuleNames: rules.slice(0, 3) }));
  await c.send(new DescribeConfigRulesCommand({ Filters: { RuleEvaluationVisibility: 'INTERNAL' } }));
  await c.send(new DescribeConfigRulesCommand({ Filters: { EvaluationMode: 'PROACTIVE' } }));
  for (const rule of rules) {
    for await (const _ of paginateGetComplianceDetailsByConfigRule(
      { client: c },
      { ConfigRuleName: rule, Limit: 100 },
    )) {
      // every page is recorded
    }
  }
  await c.send(
    new GetComplianceDetailsByConfigRuleCommand({
      ConfigRuleName: rules[0]!,
      ComplianceTypes: ['NON_COMPLIANT'],
    }),
  );
  for await (const _ of paginateDescribeComplianceByConfigRule({ client: c }, {})) {
    // every page is recorded
  }
  await c.send(new DescribeComplianceByConfigRuleCommand({ ComplianceTypes: ['INSUFFICIENT_DATA'] }));
  for await (const _ of paginateSelectResourceConfig(
    { client: c, pageSize: 7 },
    { Expression: 'SELECT resourceId, resourceType, resourceName, arn, accountId, awsRegion, tags' },
  )) {
    // every page is recorded
  }
  await c.send(
    new SelectResourceConfigCommand({
      Expression: "SELECT resourceId WHERE resourceType = 'AWS::S3::Bucket'",
    }),
  );
  for (const account of [member, stopped, disabled]) {
    const each = account === member ? c : config(await assume(sim, account));
    await each.send(new DescribeConfigurationRecordersCommand({}));
    await each.send(new DescribeConfigurationRecorderStatusCommand({}));
  }
  await c.send(new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['default'] }));
  await drivePacks(c);
  await configErrors(c, creds, rules[0]!);
}

/** The conformance pack reads: every page, the filters, and their errors. */
async function drivePacks(c: ConfigServiceClient): Promise<void> {
  const packs: string[] = [];
  let token: string | undefined;
  do {
    const page = await c.send(new DescribeConformancePacksCommand({ Limit: 1, NextToken: token }));
    packs.push(...(page.ConformancePackDetails ?? []).map((p) => p.ConformancePackName!));
    token = page.NextToken;
  } while (token);
  await c.send(new DescribeConformancePacksCommand({ ConformancePackNames: packs.slice(0, 1) }));
  for (const pack of packs) {
    let next: string | undefined;
    do {
      const page = await c.send(
        new DescribeConformancePackComplianceCommand({
          ConformancePackName: pack,
          Limit: 2,
          NextToken: next,
        }),
      );
      next = page.NextToken;
    } while (next);
  }
  const rule = (
    await c.send(new DescribeConformancePackComplianceCommand({ ConformancePackName: packs[0]! }))
  ).ConformancePackRuleComplianceList![0]!.ConfigRuleName!;
  await c.send(
    new DescribeConformancePackComplianceCommand({
      ConformancePackName: packs[0]!,
      Filters: { ConfigRuleNames: [rule], ComplianceType: 'NON_COMPLIANT' },
    }),
  );
  await attempt(() => c.send(new DescribeConformancePacksCommand({ ConformancePackNames: ['NoSuchPack'] })));
  await attempt(() => c.send(new DescribeConformancePacksCommand({ Limit: 21 })));
  await attempt(() => c.send(new DescribeConformancePacksCommand({ NextToken: 'AAAA' })));
  await attempt(() =>
    c.send(new DescribeConformancePackComplianceCommand({ ConformancePackName: 'NoSuchPack' })),
  );
  await attempt(() =>
    c.send(new DescribeConformancePackComplianceCommand({ ConformancePackName: packs[0]!, Limit: 1001 })),
  );
  await attempt(() =>
    c.send(
      new DescribeConformancePackComplianceCommand({
        ConformancePackName: packs[0]!,
        Filters: { ComplianceType: 'INSUFFICIENT_DATA' },
      }),
    ),
  );
  await attempt(() =>
    c.send(
      new DescribeConformancePackComplianceCommand({
        ConformancePackName: packs[0]!,
        Filters: { ConfigRuleNames: ['not-in-the-pack'] },
      }),
    ),
  );
}

async function configErrors(
  c: ConfigServiceClient,
  creds: AwsCredentialIdentity,
  rule: string,
): Promise<void> {
  const bad: ComplianceType[] = ['BOGUS' as ComplianceType];
  await attempt(() =>
    c.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'no-such-rule' })),
  );
  await attempt(() =>
    c.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule, NextToken: 'AAAA' })),
  );
  await attempt(() =>
    c.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule, Limit: 1000 })),
  );
  await attempt(() =>
    c.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule, ComplianceTypes: bad })),
  );
  await attempt(() =>
    c.send(
      new GetComplianceDetailsByConfigRuleCommand({
        ConfigRuleName: rule,
        ComplianceTypes: ['INSUFFICIENT_DATA'],
      }),
    ),
  );
  await attempt(() => c.send(new DescribeConfigRulesCommand({ ConfigRuleNames: ['no-such-rule'] })));
  await attempt(() => c.send(new SelectResourceConfigCommand({ Expression: 'SELECT * WHERE x' })));
  await attempt(() =>
    c.send(new DescribeConfigurationRecorderStatusCommand({ ConfigurationRecorderNames: ['other'] })),
  );
  await attempt(() => config({ ...creds, sessionToken: 'forged' }).send(new DescribeConfigRulesCommand({})));
  sim.setFault({ service: 'config' }, { rateLimit: { rps: 0.001, burst: 1 } });
  for (let i = 0; i < 2; i++) await attempt(() => c.send(new DescribeConfigRulesCommand({})));
  sim.setFault({ service: 'config' }, { errorRate: 1 });
  for (let i = 0; i < 6; i++) await attempt(() => c.send(new DescribeConfigRulesCommand({})));
  sim.clearFaults();
}

async function driveSts(member: string, suspended: string): Promise<void> {
  const creds = await assume(sim, member);
  const arn = (account: string) => `arn:aws:iam::${account}:role/${sim.roleName}`;
  await sts().send(
    new AssumeRoleCommand({ RoleArn: arn(member), RoleSessionName: 'model-check', DurationSeconds: 900 }),
  );
  await sts().send(new GetCallerIdentityCommand({}));
  await sts(creds).send(new GetCallerIdentityCommand({}));
  await attempt(() =>
    sts().send(new AssumeRoleCommand({ RoleArn: arn(suspended), RoleSessionName: 'model-check' })),
  );
  await attempt(() => sts().send(new AssumeRoleCommand({ RoleArn: arn(member), RoleSessionName: 'x' })));
  await attempt(() => sts({ ...creds, sessionToken: 'forged' }).send(new GetCallerIdentityCommand({})));
  sim.setFault({ service: 'sts' }, { rateLimit: { rps: 0.001, burst: 1 } });
  for (let i = 0; i < 2; i++) await attempt(() => sts().send(new GetCallerIdentityCommand({})));
  sim.setFault({ service: 'sts' }, { errorRate: 1 });
  for (let i = 0; i < 6; i++) await attempt(() => sts().send(new GetCallerIdentityCommand({})));
  sim.clearFaults();
}

async function driveOrganizations(member: string): Promise<void> {
  const o = orgs();
  const ids: string[] = [];
  for await (const page of paginateListAccounts({ client: o, pageSize: 5 }, {})) {
    ids.push(...(page.Accounts ?? []).map((a) => a.Id!));
  }
  await o.send(new ListAccountsCommand({}));
  for (const id of ids.slice(0, 6)) await o.send(new ListTagsForResourceCommand({ ResourceId: id }));
  await o.send(new DescribeOrganizationCommand({}));
  await driveOuTree(o, ids);
  await attempt(() => o.send(new ListAccountsCommand({ MaxResults: 0 })));
  await attempt(() => o.send(new ListAccountsCommand({ MaxResults: 21 })));
  await attempt(() => o.send(new ListAccountsCommand({ NextToken: 'AAAA' })));
  await attempt(() => o.send(new ListTagsForResourceCommand({ ResourceId: 'not an id' })));
  await attempt(() => o.send(new ListTagsForResourceCommand({ ResourceId: '999999999999' })));
  await attempt(async () => orgs(await assume(sim, member)).send(new ListAccountsCommand({})));
  sim.setFault({ service: 'organizations' }, { rateLimit: { rps: 0.001, burst: 1 } });
  for (let i = 0; i < 2; i++) await attempt(() => o.send(new DescribeOrganizationCommand({})));
  sim.setFault({ service: 'organizations' }, { errorRate: 1 });
  for (let i = 0; i < 6; i++) await attempt(() => o.send(new DescribeOrganizationCommand({})));
  sim.clearFaults();
}

/** ListParents up from every account to the root, DescribeOrganizationalUnit on each OU; the errors. */
async function driveOuTree(o: ReturnType<typeof orgs>, ids: string[]): Promise<void> {
  const ous = new Set<string>();
  for (const id of ids) {
    for (let child = id; ; ) {
      const { Parents } = await o.send(new ListParentsCommand({ ChildId: child, MaxResults: 20 }));
      const parent = Parents![0]!;
      if (parent.Type === 'ROOT') break;
      ous.add(parent.Id!);
      child = parent.Id!;
    }
  }
  for (const ou of ous) await o.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ou }));
  const root = (await o.send(new ListParentsCommand({ ChildId: ids[0]! }))).Parents![0]!.Id!;
  await attempt(() => o.send(new ListParentsCommand({ ChildId: root })));
  await attempt(() => o.send(new ListParentsCommand({ ChildId: '999999999999' })));
  await attempt(() => o.send(new ListParentsCommand({ ChildId: ids[0]!, MaxResults: 21 })));
  await attempt(() => o.send(new ListParentsCommand({ ChildId: ids[0]!, NextToken: 'AAAA' })));
  await attempt(() => o.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-x' })));
  await attempt(() =>
    o.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-abcd-zzzzzzzz' })),
  );
}

async function driveSns(member: string): Promise<void> {
  const topic = sim.createTopic('conformance');
  const publish = (input: Partial<ConstructorParameters<typeof PublishCommand>[0]>, c = sns()) =>
    c.send(new PublishCommand({ TopicArn: topic, Message: 'report ready', ...input }));
  await publish({});
  await publish({
    Subject: 'ConfigReport 2024-05-01',
    MessageAttributes: { status: { DataType: 'String', StringValue: 'ok' } },
  });
  await attempt(() => publish({ TopicArn: `${topic}-missing` }));
  await attempt(() => publish({ Subject: 'a\nb' }));
  await attempt(() => publish({ MessageAttributes: { s: { DataType: 'Bogus', StringValue: 'x' } } }));
  await attempt(async () => publish({}, sns(await assume(sim, member))));
  await attempt(async () => publish({}, sns({ ...(await assume(sim, member)), sessionToken: 'forged' })));
  sim.setFault({ service: 'sns' }, { rateLimit: { rps: 0.001, burst: 1 } });
  for (let i = 0; i < 2; i++) await attempt(() => publish({}));
  sim.setFault({ service: 'sns' }, { errorRate: 1 });
  for (let i = 0; i < 6; i++) await attempt(() => publish({}));
  sim.clearFaults();
}

async function driveEvents(): Promise<void> {
  const entry = { Source: 'configreport', DetailType: 'ConfigReport Ready', Detail: '{"a":1}' };
  const put = (entries: object[]) => events().send(new PutEventsCommand({ Entries: entries as never }));
  await put([entry, { ...entry, Detail: 'not json' }, { ...entry, Source: undefined }]);
  await put([{ ...entry, Resources: ['arn:aws:states:us-east-1:123456789012:execution:m:e'] }]);
  await attempt(() => put(Array.from({ length: 11 }, () => entry)));
  sim.setFault({ service: 'events' }, { rateLimit: { rps: 0.001, burst: 1 } });
  for (let i = 0; i < 2; i++) await attempt(() => put([entry]));
  sim.setFault({ service: 'events' }, { errorRate: 1 });
  for (let i = 0; i < 6; i++) await attempt(() => put([entry]));
  sim.clearFaults();
}

beforeAll(async () => {
  sim = await startSimulator({ accounts: 30, seed: 31, s3: false, resourcesPerRegion: 30 });
  const [member, stopped, disabled] = memberAccounts(sim, 3) as [string, string, string];
  sim.setRecorderRunning(stopped, undefined, false);
  sim.setConfigEnabled(disabled, undefined, false);
  const suspended = sim.accounts().find((a) => a.state === 'SUSPENDED')!.accountId;
  await driveConfig(member, stopped, disabled);
  await driveSts(member, suspended);
  await driveOrganizations(member);
  await driveSns(member);
  await driveEvents();
  for (const r of Object.values(rec)) r.flush();
}, 120_000);
afterAll(() => sim.stop());

const modelOf = (service: Service) =>
  service === 'config' ? CONFIG : service === 'organizations' ? ORGS : MODELS[service];

describe('every answer matches the official service model', () => {
  it('covers every operation the simulator serves, with successes and errors', () => {
    const served = (service: string, status: (s: number) => boolean) =>
      new Set(
        exchanges
          .filter((x) => x.service === service && status(x.exchange.status))
          .map((x) => x.exchange.operation),
      );
    const ok = (s: number) => s === 200;
    expect([...served('config', ok)].sort()).toEqual(Object.keys(CONFIG_OPERATIONS).sort());
    expect([...served('organizations', ok)].sort()).toEqual(Object.keys(ORGANIZATIONS_OPERATIONS).sort());
    expect([...served('sts', ok)].sort()).toEqual(Object.keys(STS_OPERATIONS).sort());
    expect([...served('sns', ok)].sort()).toEqual(Object.keys(SNS_OPERATIONS).sort());
    expect([...served('events', ok)].sort()).toEqual(Object.keys(EVENTS_OPERATIONS).sort());
    for (const service of SERVICES) {
      expect(served(service, (s) => s >= 400 && s < 500).size).toBeGreaterThan(0);
      expect(served(service, (s) => s >= 500).size).toBeGreaterThan(0);
    }
  });

  it.each(SERVICES)('%s: structures, members, types, required members, enums', (service) => {
    const mine = exchanges.filter((x) => x.service === service);
    expect(mine.length).toBeGreaterThan(10);
    const problems = mine.flatMap(({ exchange }) => checkExchange(modelOf(service), exchange));
    expect([...new Set(problems)]).toEqual([]);
  });
});
