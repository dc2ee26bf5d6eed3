/**
 * The report topic and the run's events in the hub stack: a topic created for `notifyEmail`
 * (customer managed key, TLS only, the address subscribed) or an existing `notifyTopicArn`; the
 * function may publish to it and knows it from its environment; the state machine puts "ConfigReport
 * Ready" after Final and "ConfigReport Failed" when a stage fails; cdk-nag stays clean.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HubStack, type HubStackProps } from '../../../infra/lib/HubStack.js';
import { EVENT_STATE_NAMES, RUN_EVENTS } from '../../../infra/lib/runEvents.js';
import { InvalidHubSettingError, resolveHubSettings } from '../../../infra/lib/settings.js';
import { definitionFromTemplate, logicalIdsOfType } from '../../../infra/lib/stateMachineDefinition.js';
import {
  actionsOf,
  nagFindings,
  policyStatements,
  SYNTH_TIMEOUT_MS,
  synth,
  TEST_ORGANIZATION_ID,
} from './helpers/synth.js';

const EXISTING_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:compliance-reports';
const EXISTING_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function hubWith(props: HubStackProps) {
  const built = synth(
    (app) =>
      new HubStack(app, 'NotifyHub', {
        organizationId: TEST_ORGANIZATION_ID,
        env: { account: '111122223333', region: 'eu-west-1' },
        ...props,
      }),
  );
  const { stack, json } = built;
  const fnId = stack.getLogicalId(stack.hub.fn.node.defaultChild as never);
  const variables = (json.Resources[fnId]!.Properties.Environment as { Variables: Record<string, unknown> })
    .Variables;
  return { ...built, fnId, variables };
}

/** The statements of the function role's policy. */
function hubStatements(built: ReturnType<typeof hubWith>) {
  const roleId = built.stack.getLogicalId(built.stack.hub.role.node.defaultChild as never);
  const policy = Object.values(built.json.Resources).find(
    (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId),
  )!;
  return (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
}

describe(
  'a topic created for notifyEmail',
  () => {
    const built = hubWith({ notifyEmail: 'compliance@example.com' });
    const { template, json, stack } = built;
    const [topicId] = logicalIdsOfType(json, 'AWS::SNS::Topic');
    const keyId = stack.getLogicalId(stack.notifications!.key!.node.defaultChild as never);

    it('is encrypted with its own rotating key, refuses plain HTTP and mails the address', () => {
      expect(logicalIdsOfType(json, 'AWS::SNS::Topic')).toHaveLength(1);
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sns:Publish',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        }),
      });
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'compliance@example.com',
        TopicArn: { Ref: topicId },
      });
    });

    it('lets the function publish to it (and use its key), and names it in the function environment', () => {
      expect(built.variables.REPORT_NOTIFY_TOPIC_ARN).toEqual({ Ref: topicId });
      const statements = hubStatements(built);
      const publish = statements.filter((s) => actionsOf(s).includes('sns:Publish'));
      expect(publish).toEqual([expect.objectContaining({ Effect: 'Allow', Resource: { Ref: topicId } })]);
      const key = statements.filter((s) => JSON.stringify(s.Resource).includes(keyId));
      expect(key.map(actionsOf)).toEqual([['kms:GenerateDataKey', 'kms:Decrypt']]);
      template.hasOutput('ReportTopicArn', { Value: { Ref: topicId } });
    });

    it('lets the function read reports back: publishing copies the workbook, links are presigned GETs', () => {
      const reports = hubStatements(built).filter((s) => JSON.stringify(s.Resource).includes('/reports/*'));
      expect(reports.flatMap(actionsOf)).toContain('s3:GetObject');
    });

    it('reports no cdk-nag finding', () => {
      expect(nagFindings(stack)).toEqual({ errors: [], warnings: [] });
    });
  },
  SYNTH_TIMEOUT_MS,
);

describe(
  'an existing topic',
  () => {
    const built = hubWith({ notifyTopicArn: EXISTING_TOPIC, notifyTopicKeyArn: EXISTING_KEY });

    it('is used as it is: no topic created, publish and key grants on the given ARNs', () => {
      expect(logicalIdsOfType(built.json, 'AWS::SNS::Topic')).toEqual([]);
      expect(built.variables.REPORT_NOTIFY_TOPIC_ARN).toBe(EXISTING_TOPIC);
      const statements = hubStatements(built);
      expect(statements.filter((s) => actionsOf(s).includes('sns:Publish'))).toEqual([
        expect.objectContaining({ Resource: EXISTING_TOPIC }),
      ]);
      expect(statements.filter((s) => s.Resource === EXISTING_KEY).map(actionsOf)).toEqual([
        ['kms:GenerateDataKey', 'kms:Decrypt'],
      ]);
      expect(nagFindings(built.stack)).toEqual({ errors: [], warnings: [] });
    });
  },
  SYNTH_TIMEOUT_MS,
);

describe(
  'without notifyEmail or notifyTopicArn',
  () => {
    const built = hubWith({});

    it('creates no topic, grants no publish and sets no topic variable', () => {
      expect(logicalIdsOfType(built.json, 'AWS::SNS::Topic')).toEqual([]);
      expect(built.variables.REPORT_NOTIFY_TOPIC_ARN).toBeUndefined();
      expect(policyStatements(built.json).flatMap(actionsOf)).not.toContain('sns:Publish');
    });

    it('still puts the run events: Ready after Final, Failed from every stage, then the run fails', () => {
      const { json, fnId } = built;
      const { States: states } = definitionFromTemplate(json, {
        'AWS::Partition': 'aws',
        [`${fnId}.Arn`]: 'arn:aws:lambda:eu-west-1:111122223333:function:hub',
      }) as { States: Record<string, Record<string, unknown>> };
      expect(states.Final!.Next).toBe(EVENT_STATE_NAMES.reportReady);
      expect(states[EVENT_STATE_NAMES.reportReady]).toMatchObject({
        Type: 'Task',
        Resource: 'arn:aws:states:::events:putEvents',
        Parameters: {
          Entries: [{ 'Detail.$': '$.report', DetailType: RUN_EVENTS.ready, Source: RUN_EVENTS.source }],
        },
        ResultPath: null,
        End: true,
      });
      for (const [task, stage] of [
        ['Plan', 'plan'],
        ['CollectShards', 'collect'],
        ['Final', 'final'],
      ] as const) {
        const catches = states[task]!.Catch as { ErrorEquals: string[]; Next: string }[];
        expect(catches).toContainEqual(
          expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: EVENT_STATE_NAMES.failedIn(stage) }),
        );
        expect(states[EVENT_STATE_NAMES.failedIn(stage)]!.Next).toBe(EVENT_STATE_NAMES.reportFailed);
      }
      expect(states[EVENT_STATE_NAMES.reportFailed]).toMatchObject({
        Resource: 'arn:aws:states:::events:putEvents',
        Parameters: { Entries: [expect.objectContaining({ DetailType: RUN_EVENTS.failed })] },
        Next: EVENT_STATE_NAMES.runFailed,
      });
      expect(states[EVENT_STATE_NAMES.runFailed]).toEqual({
        Type: 'Fail',
        ErrorPath: '$.error',
        CausePath: '$.cause',
      });
    });

    it('lets the state machine put events on the default bus only', () => {
      const puts = policyStatements(built.json).filter((s) => actionsOf(s).includes('events:PutEvents'));
      expect(puts).toHaveLength(1);
      expect(JSON.stringify(puts[0]!.Resource)).toContain(':event-bus/default');
    });
  },
  SYNTH_TIMEOUT_MS,
);

describe('settings', () => {
  const base = { organizationId: TEST_ORGANIZATION_ID };
  it.each([
    [{ notifyEmail: 'not-an-address' }, /notifyEmail: must be an email address/],
    [
      { notifyTopicArn: 'arn:aws:sns:eu-west-1:111122223333:r.fifo' },
      /notifyTopicArn: must be a standard SNS topic ARN/,
    ],
    [{ notifyEmail: 'a@example.com', notifyTopicArn: EXISTING_TOPIC }, /not both/],
    [{ notifyTopicKeyArn: EXISTING_KEY }, /notifyTopicKeyArn: is the key of notifyTopicArn/],
    [{ environment: { REPORT_NOTIFY_TOPIC_ARN: EXISTING_TOPIC } }, /set that instead/],
    [
      { notifyEmail: 'a@example.com', environment: { REPORT_LINK_EXPIRY_DAYS: '8' } },
      /REPORT_LINK_EXPIRY_DAYS/,
    ],
  ])('refuses %j', (input, message) => {
    expect(() => resolveHubSettings({ ...base, ...input })).toThrow(InvalidHubSettingError);
    expect(() => resolveHubSettings({ ...base, ...input })).toThrow(message);
  });
});
