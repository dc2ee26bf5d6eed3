/**
 * The Config source adapter over fake SDK clients (no network): what it asks STS, what SDK answers
 * and errors become in batch mode's words, and that it hands each region its own paced client.
 */
import {
  DescribeConfigRulesCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConformancePackComplianceCommand,
  DescribeConformancePacksCommand,
  GetComplianceDetailsByConfigRuleCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import type { AwsClientFactory, RegionClientOptions } from '../../../src/aws/clientFactory.js';
import { createConfigSource, toSourceEvaluation } from '../../../src/aws/configSource.js';
import { TokenBucket } from '../../../src/aws/TokenBucket.js';
import {
  isAssumeRoleDeniedError,
  isConfigSourceError,
  isRuleNotFoundError,
} from '../../../src/modes/batch/errors.js';

const DENIED = '999999999999';
const FAILING = '888888888888';
const OK = '111122223333';

/** When set, DescribeConformancePackCompliance is refused. */
let packsDenied = false;

/** An SDK-shaped service error. */
function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

interface AssumeRoleInput {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string;
}

/** STS that denies one account, fails another and answers the rest. */
function fakeSts() {
  const sent: AssumeRoleInput[] = [];
  return {
    sent,
    send: async (command: { input: AssumeRoleInput }) => {
      sent.push(command.input);
      const account = command.input.RoleArn.split(':')[4];
      if (account === DENIED)
        throw awsError('AccessDenied', 'User is not authorized to perform: sts:AssumeRole', 403);
      if (account === FAILING) throw awsError('RegionDisabledException', 'STS is not activated', 403);
      return { Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 'secret', SessionToken: 'token' } };
    },
  };
}

/** Config answers by command; rule `gone` no longer exists, rule `locked` is denied. */
async function configAnswer(command: unknown): Promise<unknown> {
  if (command instanceof DescribeConfigurationRecordersCommand)
    return { ConfigurationRecorders: [{ name: 'default' }] };
  if (command instanceof DescribeConfigurationRecorderStatusCommand)
    return { ConfigurationRecordersStatus: [{ recording: true }] };
  if (command instanceof DescribeConfigRulesCommand) {
    return {
      ConfigRules: [
        {
          ConfigRuleName: 'r1',
          ConfigRuleState: 'ACTIVE',
          Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' },
          CreatedBy: 'config-conforms.amazonaws.com',
        },
        { ConfigRuleName: 'internal', RuleEvaluationVisibility: 'INTERNAL' },
      ],
    };
  }
  if (command instanceof GetComplianceDetailsByConfigRuleCommand) {
    const name = command.input.ConfigRuleName;
    if (name === 'gone') throw awsError('NoSuchConfigRuleException', 'The ConfigRule gone does not exist');
    if (name === 'locked') throw awsError('AccessDeniedException', 'not allowed');
    if (name === 'busy') throw awsError('ThrottlingException', 'Rate exceeded');
    return {
      EvaluationResults: [
        {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: {
              ConfigRuleName: name,
              ResourceType: 'AWS::S3::Bucket',
              ResourceId: 'logs',
            },
          },
          ComplianceType: 'NON_COMPLIANT',
          ResultRecordedTime: new Date(0),
          Annotation: 'off',
        },
      ],
    };
  }
  if (command instanceof SelectResourceConfigCommand)
    throw awsError('InvalidExpressionException', 'bad query');
  if (command instanceof DescribeConformancePacksCommand) {
    // Two pages, as at most 20 packs come per page.
    expect(command.input.Limit).toBe(20);
    return command.input.NextToken === 'p2'
      ? { ConformancePackDetails: [{ ConformancePackName: 'pack-b' }] }
      : { ConformancePackDetails: [{ ConformancePackName: 'pack-a' }], NextToken: 'p2' };
  }
  if (command instanceof DescribeConformancePackComplianceCommand) {
    const pack = command.input.ConformancePackName;
    if (packsDenied) throw awsError('AccessDeniedException', 'not authorized');
    expect(command.input.Limit).toBe(1000);
    return command.input.NextToken === 'c2'
      ? { ConformancePackName: pack, ConformancePackRuleComplianceList: [{ ConfigRuleName: 'r2' }] }
      : {
          ConformancePackName: pack,
          ConformancePackRuleComplianceList: [{ ConfigRuleName: 'r1', ComplianceType: 'NON_COMPLIANT' }],
          NextToken: 'c2',
        };
  }
  throw new Error('unexpected command');
}

function fakeClients() {
  const sts = fakeSts();
  const configOptions: RegionClientOptions[] = [];
  let destroyed = 0;
  const clients = {
    sts: () => sts,
    config: (options: RegionClientOptions) => {
      configOptions.push(options);
      return { send: configAnswer };
    },
    destroy: () => {
      destroyed += 1;
    },
  } as unknown as AwsClientFactory;
  return { clients, sts, configOptions, destroyed: () => destroyed };
}

function source(fakes = fakeClients()) {
  return createConfigSource(fakes.clients, {
    partition: 'aws-cn',
    session: { roleName: 'configreport-read-role', externalId: 'ext-1', shardId: '07' },
    pacing: { ratePerSecond: 5, burst: 3, pageRetries: 0 },
  });
}

const open = (s: ReturnType<typeof source>, accountId: string, region = 'cn-north-1') =>
  s.openRegion({ accountId, region, signal: new AbortController().signal });

describe('the Config source adapter', () => {
  it("assumes the role in the hub's partition, naming the session after the shard", async () => {
    const fakes = fakeClients();
    await open(source(fakes), OK);
    expect(fakes.sts.sent).toEqual([
      expect.objectContaining({
        RoleArn: `arn:aws-cn:iam::${OK}:role/configreport-read-role`,
        RoleSessionName: 'configreport-07',
        ExternalId: 'ext-1',
      }),
    ]);
  });

  it('turns a refused AssumeRole into AssumeRoleDeniedError, once per account', async () => {
    const fakes = fakeClients();
    const s = source(fakes);
    const errors = await Promise.all(
      ['cn-north-1', 'cn-northwest-1'].map((r) => open(s, DENIED, r).catch((e) => e)),
    );
    for (const error of errors) {
      expect(isAssumeRoleDeniedError(error)).toBe(true);
      expect(error).toMatchObject({
        accountId: DENIED,
        awsErrorName: 'AccessDenied',
        message: 'User is not authorized to perform: sts:AssumeRole',
        kind: 'failed',
      });
    }
    expect(s.assumeRoleCalls).toBe(1);
  });

  it('turns any other AssumeRole failure into ConfigSourceError with the AWS name', async () => {
    const error = await open(source(), FAILING).catch((e: unknown) => e);
    expect(isConfigSourceError(error)).toBe(true);
    expect(isAssumeRoleDeniedError(error)).toBe(false);
    expect(error).toMatchObject({ awsErrorName: 'RegionDisabledException', message: 'STS is not activated' });
  });

  it('gives each region its own limiter and the request signal and throttle callback', async () => {
    const fakes = fakeClients();
    const s = source(fakes);
    const signal = new AbortController().signal;
    const onThrottle = () => {};
    await s.openRegion({ accountId: OK, region: 'cn-north-1', signal, onThrottle });
    await s.openRegion({ accountId: OK, region: 'cn-northwest-1', signal, onThrottle });
    const [a, b] = fakes.configOptions;
    expect(a).toMatchObject({ region: 'cn-north-1', signal, onThrottle });
    expect(a!.limiter).toBeInstanceOf(TokenBucket);
    expect(a!.limiter).not.toBe(b!.limiter);
    expect(a!.stats).not.toBe(b!.stats);
    expect(s.assumeRoleCalls).toBe(1);
  });

  it('reads the recorder, rules and evaluations as plain data', async () => {
    const reader = await open(source(), OK);
    expect(await reader.recorderState()).toBe('RECORDING');
    expect(await reader.listRules()).toEqual([
      {
        name: 'r1',
        description: '',
        state: 'ACTIVE',
        sourceOwner: 'AWS',
        sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED',
        createdBy: 'config-conforms.amazonaws.com',
        evaluationsHidden: false,
      },
      {
        name: 'internal',
        description: '',
        state: '',
        sourceOwner: '',
        sourceIdentifier: '',
        createdBy: '',
        evaluationsHidden: true,
      },
    ]);
    expect(await reader.evaluations('r1')).toEqual([
      {
        resourceType: 'AWS::S3::Bucket',
        resourceId: 'logs',
        complianceType: 'NON_COMPLIANT',
        annotation: 'off',
        resultRecordedTime: new Date(0),
        configRuleInvokedTime: undefined,
      },
    ]);
    expect(reader.stats).toMatchObject({ calls: 0, throttles: 0 });
  });

  it('turns NoSuchConfigRuleException into RuleNotFoundError, and other failures into ConfigSourceError', async () => {
    const reader = await open(source(), OK);
    const gone = await reader.evaluations('gone').catch((e: unknown) => e);
    expect(isRuleNotFoundError(gone)).toBe(true);
    expect(gone).toMatchObject({ ruleName: 'gone', awsErrorName: 'NoSuchConfigRuleException' });
    for (const [rule, name] of [
      ['locked', 'AccessDeniedException'],
      ['busy', 'ThrottlingException'],
    ] as const) {
      const error = await reader.evaluations(rule).catch((e: unknown) => e);
      expect(isConfigSourceError(error)).toBe(true);
      expect(error).toMatchObject({ awsErrorName: name });
    }
    const query = await reader.selectResources('SELECT resourceId').catch((e: unknown) => e);
    expect(query).toMatchObject({ name: 'ConfigSourceError', awsErrorName: 'InvalidExpressionException' });
  });

  it('reads every page of the conformance packs and of their rules, and fails as ConfigSourceError', async () => {
    const reader = await open(source(), OK);
    expect(await reader.conformancePacks()).toEqual(
      ['pack-a', 'pack-b'].map((name) => ({
        name,
        rules: [
          { ruleName: 'r1', complianceType: 'NON_COMPLIANT' },
          { ruleName: 'r2', complianceType: '' },
        ],
      })),
    );
    packsDenied = true;
    try {
      const failed = await reader.conformancePacks().catch((e: unknown) => e);
      expect(failed).toMatchObject({ name: 'ConfigSourceError', awsErrorName: 'AccessDeniedException' });
    } finally {
      packsDenied = false;
    }
  });

  it('destroys its clients on close', () => {
    const fakes = fakeClients();
    source(fakes).close();
    expect(fakes.destroyed()).toBe(1);
  });

  it("keeps an evaluation Config sent with missing fields, as ''", () => {
    expect(toSourceEvaluation({})).toEqual({
      resourceType: '',
      resourceId: '',
      complianceType: '',
      annotation: '',
      resultRecordedTime: undefined,
      configRuleInvokedTime: undefined,
    });
  });
});
