/**
 * The distributed engine: Plan → Map over shard ids (bounded concurrency, retries, a catch per shard)
 * → Final → the "ConfigReport Ready" event; a stage that fails for good puts "ConfigReport Failed"
 * and fails the execution (runEvents.ts). Only ids travel through the state machine (256 KiB payload
 * cap): the accounts of each shard live in the plan manifest in S3, and the Map's own results are
 * discarded.
 */
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { failurePath, readyEvent } from './runEvents.js';
import type { HubSettings } from './settings.js';

/** State names: the e2e test binds local handlers to them, and runbooks refer to them. */
export const STATE_NAMES = {
  resolveGroupId: 'ResolveGroupId',
  groupIdFromScheduledTime: 'GroupIdFromScheduledTime',
  groupIdFromStartTime: 'GroupIdFromStartTime',
  plan: 'Plan',
  collectShards: 'CollectShards',
  collectShard: 'CollectShard',
  shardFailed: 'ShardFailed',
  final: 'Final',
} as const;

/**
 * Lambda service-side and throttling errors: always worth retrying (the invocation may not even have
 * started). Our handler is idempotent per key, so a retry can never duplicate data.
 */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;

/**
 * Errors a retry cannot fix: bad input, a group with no shard to report, and a run whose report was
 * published but says the setup is wrong (role name, ExternalId, missing spoke stacks).
 */
export const NON_RETRYABLE_ERRORS = [
  'InvalidEventError',
  'InvalidSettingError',
  'NoShardsError',
  'SetupFailureError',
] as const;

/** Props of {@link ReportStateMachine}. */
export interface ReportStateMachineProps {
  readonly settings: HubSettings;
  readonly fn: lambda.IFunction;
}

/** Date part of an ISO timestamp, with States intrinsics (JSONPath has no date functions). */
const datePart = (path: string) => `States.ArrayGetItem(States.StringSplit(${path}, 'T'), 0)`;

/** The Standard state machine with its log group. */
export class ReportStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ReportStateMachineProps) {
    super(scope, id);
    const { settings, fn } = props;
    const taskTimeout = sfn.Timeout.duration(Duration.seconds(settings.timeoutSeconds + 60));
    const invoke = (stateId: string, payload: Record<string, unknown>, resultPath: string) =>
      withRetries(
        new tasks.LambdaInvoke(this, stateId, {
          stateName: stateId,
          lambdaFunction: fn,
          payload: sfn.TaskInput.fromObject(payload),
          // The function's return value, not the Invoke API envelope; the task Resource is the ARN.
          payloadResponseOnly: true,
          retryOnServiceExceptions: false,
          taskTimeout,
          resultPath,
        }),
      );

    // Group id: explicit input wins; else the schedule's time; else the execution's start (UTC date).
    const plan = invoke(
      STATE_NAMES.plan,
      {
        mode: 'plan',
        group_id: sfn.JsonPath.stringAt('$.group_id'),
        role_name: settings.readRoleName,
        shard_size: settings.shardSize,
        ...(settings.regions ? { regions: settings.regions } : {}),
        ...(settings.organizationsRoleArn ? { organizations_role_arn: settings.organizationsRoleArn } : {}),
      },
      '$.plan',
    );
    const fromScheduledTime = new sfn.Pass(this, STATE_NAMES.groupIdFromScheduledTime, {
      parameters: { 'group_id.$': datePart('$.scheduled_time') },
    });
    const fromStartTime = new sfn.Pass(this, STATE_NAMES.groupIdFromStartTime, {
      parameters: { 'group_id.$': datePart('$$.Execution.StartTime') },
    });
    const resolveGroupId = new sfn.Choice(this, STATE_NAMES.resolveGroupId)
      .when(sfn.Condition.isPresent('$.group_id'), plan)
      .when(sfn.Condition.isPresent('$.scheduled_time'), fromScheduledTime.next(plan))
      .otherwise(fromStartTime.next(plan));

    const collectShard = invoke(
      STATE_NAMES.collectShard,
      {
        mode: 'batch',
        group_id: sfn.JsonPath.stringAt('$.group_id'),
        shard_id: sfn.JsonPath.stringAt('$.shard_id'),
        role_name: sfn.JsonPath.stringAt('$.role_name'),
        plan_key: sfn.JsonPath.stringAt('$.plan_key'),
        ...(settings.externalId ? { external_id: settings.externalId } : {}),
      },
      sfn.JsonPath.DISCARD,
    );
    // A shard that fails for good becomes a small marker (its id and the error name; the cause can
    // be 32 KB) and the Map goes on. Final mode names it as missing: its file never arrived.
    const shardFailed = new sfn.Pass(this, STATE_NAMES.shardFailed, {
      parameters: { 'shard_id.$': '$.shard_id', status: 'FAILED', 'error.$': '$.error.Error' },
    });
    collectShard.addCatch(shardFailed, { errors: [sfn.Errors.ALL], resultPath: '$.error' });

    const collectShards = new sfn.Map(this, STATE_NAMES.collectShards, {
      stateName: STATE_NAMES.collectShards,
      itemsPath: '$.plan.shard_ids',
      maxConcurrency: settings.maxConcurrency,
      itemSelector: {
        group_id: sfn.JsonPath.stringAt('$.group_id'),
        shard_id: sfn.JsonPath.stringAt('$$.Map.Item.Value'),
        role_name: settings.readRoleName,
        plan_key: sfn.JsonPath.stringAt('$.plan.plan_key'),
      },
      // Discarded so the state's size does not grow with the number of shards.
      resultPath: sfn.JsonPath.DISCARD,
    });
    collectShards.itemProcessor(collectShard);

    const final = invoke(
      STATE_NAMES.final,
      { mode: 'final', group_id: sfn.JsonPath.stringAt('$.group_id') },
      '$.report',
    );
    const onFailure = failurePath(this);
    onFailure(plan, 'plan');
    onFailure(collectShards, 'collect');
    onFailure(final, 'final');
    plan.next(collectShards).next(final).next(readyEvent(this, '$.report'));

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch Logs' resource policy from growing per state machine.
      logGroupName: `/aws/vendedlogs/states/${settings.hubRoleName}-${settings.topology}`,
      retention: settings.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: 'configreport daily run: plan, collect every shard, build the workbook, tell EventBridge',
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(resolveGroupId),
      timeout: Duration.minutes(settings.executionTimeoutMinutes),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    acknowledgeRoleWildcards(this.stateMachine, fn);
  }
}

/** The retry policy every Lambda task shares; order matters (first matching retrier wins). */
function withRetries(task: tasks.LambdaInvoke): tasks.LambdaInvoke {
  task.addRetry({ errors: [...NON_RETRYABLE_ERRORS], maxAttempts: 0 });
  task.addRetry({
    errors: [...LAMBDA_TRANSIENT_ERRORS],
    interval: Duration.seconds(2),
    backoffRate: 2,
    maxAttempts: 6,
    maxDelay: Duration.seconds(60),
    jitterStrategy: sfn.JitterType.FULL,
  });
  // Anything else (a crash, an S3 write that failed after the SDK's own retries) gets one more try.
  task.addRetry({ errors: [sfn.Errors.TASKS_FAILED], interval: Duration.seconds(30), maxAttempts: 1 });
  return task;
}

function acknowledgeRoleWildcards(stateMachine: sfn.StateMachine, fn: lambda.IFunction): void {
  const policy = stateMachine.role.node.findChild('DefaultPolicy');
  const fnId = Stack.of(stateMachine).getLogicalId(fn.node.defaultChild as CfnElement);
  Validations.of(policy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
    reason:
      'CDK grants InvokeFunction on the function and its qualified ARNs (versions/aliases) of this one ' +
      'function only; the tasks invoke the unqualified ARN.',
  });
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray PutTraceSegments/GetSamplingRules and CloudWatch Logs delivery (CreateLogDelivery and ' +
      'friends) support no resource-level permissions; CDK generates exactly these for tracing/logging.',
  });
}
