/**
 * EventBridge Scheduler schedules that start the daily run.
 * - stepfunctions topology: one schedule starting the state machine; its input carries the scheduled
 *   time, from which the state machine takes the group id (the UTC date), so a redelivered start
 *   still lands in the same group.
 * - seed topology: the seed's own design — one schedule per shard invoking the function with a static
 *   batch payload, and a later schedule with `{"mode": "final"}`. No plan, no state machine.
 */
import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { seedFinalEvent, seedShardEvents } from './seedShards.js';
import type { HubSettings } from './settings.js';

/** Props of {@link RunSchedules}. */
export interface RunSchedulesProps {
  readonly settings: HubSettings;
  readonly fn: lambda.IFunction;
  readonly stateMachine?: sfn.IStateMachine;
}

/** The schedules of either topology. */
export class RunSchedules extends Construct {
  readonly schedules: scheduler.Schedule[] = [];

  constructor(scope: Construct, id: string, props: RunSchedulesProps) {
    super(scope, id);
    const { settings } = props;
    const timeZone = TimeZone.of(settings.scheduleTimeZone);
    const at = (expression: string) => scheduler.ScheduleExpression.expression(expression, timeZone);
    const delivery = { retryAttempts: 3, maxEventAge: Duration.hours(2) };

    if (settings.topology === 'stepfunctions') {
      if (!props.stateMachine) throw new Error('the stepfunctions topology needs the state machine');
      this.schedules.push(
        new scheduler.Schedule(this, 'Daily', {
          description: 'configreport: start the daily report run',
          schedule: at(settings.scheduleExpression),
          enabled: settings.scheduleEnabled,
          target: new targets.StepFunctionsStartExecution(props.stateMachine, {
            input: scheduler.ScheduleTargetInput.fromObject({
              scheduled_time: scheduler.ContextAttribute.scheduledTime,
            }),
            ...delivery,
          }),
        }),
      );
      return;
    }

    const seed = settings.seed;
    if (!seed) throw new Error('the seed topology needs seed settings');
    const shards = seedShardEvents({
      accounts: seed.accounts,
      shardSize: seed.shardSize,
      groupId: seed.groupId,
      roleName: settings.readRoleName,
      regions: settings.regions,
      externalId: settings.externalId,
    });
    for (const shard of shards) {
      const target = new targets.LambdaInvoke(props.fn, {
        input: scheduler.ScheduleTargetInput.fromObject(shard.event),
        ...delivery,
      });
      this.schedules.push(
        new scheduler.Schedule(this, `Batch${shard.shardId}`, {
          description: `configreport: collect shard ${shard.shardId} (${shard.event.accounts?.length} accounts)`,
          schedule: at(settings.scheduleExpression),
          enabled: settings.scheduleEnabled,
          target,
        }),
      );
    }
    this.schedules.push(
      new scheduler.Schedule(this, 'Final', {
        description: 'configreport: merge the shards into the workbook',
        schedule: at(seed.finalScheduleExpression),
        enabled: settings.scheduleEnabled,
        target: new targets.LambdaInvoke(props.fn, {
          input: scheduler.ScheduleTargetInput.fromObject(seedFinalEvent(seed.groupId, settings.regions)),
          ...delivery,
        }),
      }),
    );
    acknowledgeInvokeWildcard(this, props.fn);
  }
}

/** The scheduler role CDK shares between the function's schedules grants `<fn>` and `<fn>:*`. */
function acknowledgeInvokeWildcard(scope: Construct, fn: lambda.IFunction): void {
  const stack = Stack.of(scope);
  const fnId = stack.getLogicalId(fn.node.defaultChild as CfnElement);
  for (const child of stack.node.children) {
    if (!(child instanceof iam.Role) || !child.node.id.startsWith('SchedulerRoleForTarget-')) continue;
    const policy = child.node.tryFindChild('DefaultPolicy');
    if (!policy) continue;
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
      reason:
        'CDK grants the scheduler InvokeFunction on this one function and its qualified ARNs ' +
        '(versions/aliases); the schedules invoke the unqualified ARN.',
    });
  }
}
