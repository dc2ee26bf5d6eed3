/**
 * Someone hears about a bad night: an alarm when a run fails or times out, and one when the function
 * itself errors (a shard that failed for good is caught so the report is still written, which keeps
 * the execution green; the function's error count is what catches it). Optional SNS topic with an
 * email subscription, encrypted with a key CloudWatch may use.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Props of {@link RunAlarms}. */
export interface RunAlarmsProps {
  readonly fn: lambda.IFunction;
  /** Absent in the seed topology. */
  readonly stateMachine?: sfn.IStateMachine;
  /** Subscribed to the alarm topic; without it no topic is created. */
  readonly alarmEmail?: string;
}

/** The alarms and the optional notification topic. */
export class RunAlarms extends Construct {
  /** Fires when an execution fails, times out or is aborted (stepfunctions topology). */
  readonly runFailed: cloudwatch.Alarm | undefined;
  /** Fires when the function reports an error (a failed shard, plan or final). */
  readonly functionErrors: cloudwatch.Alarm;
  readonly topic: sns.Topic | undefined;

  constructor(scope: Construct, id: string, props: RunAlarmsProps) {
    super(scope, id);
    // Hourly sums: the run is daily, and a long run's errors are spread over many minutes.
    const period = Duration.hours(1);

    if (props.stateMachine) {
      const sm = props.stateMachine;
      this.runFailed = new cloudwatch.Alarm(this, 'RunFailed', {
        alarmDescription:
          'configreport: a state machine execution failed, timed out or was aborted; no report for that day',
        metric: new cloudwatch.MathExpression({
          expression: 'FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)',
          usingMetrics: {
            failed: sm.metricFailed({ period, statistic: 'Sum' }),
            timedOut: sm.metricTimedOut({ period, statistic: 'Sum' }),
            aborted: sm.metricAborted({ period, statistic: 'Sum' }),
          },
          label: 'Failed + timed out + aborted executions',
          period,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    this.functionErrors = new cloudwatch.Alarm(this, 'FunctionErrors', {
      alarmDescription:
        'configreport: the function failed (a shard missing from the report, or a failed plan/final); ' +
        'see the Coverage sheet and the function logs',
      metric: props.fn.metricErrors({ period, statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.topic = props.alarmEmail ? this.createTopic(props.alarmEmail) : undefined;
    if (this.topic) {
      const action = new actions.SnsAction(this.topic);
      for (const alarm of [this.runFailed, this.functionErrors]) alarm?.addAlarmAction(action);
    }
  }

  private createTopic(email: string): sns.Topic {
    // The AWS-managed SNS key cannot be used by CloudWatch alarms; a customer key with a grant can.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'configreport alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    const topic = new sns.Topic(this, 'Topic', {
      displayName: 'configreport alarms',
      masterKey: key,
      enforceSSL: true,
    });
    topic.addSubscription(new subscriptions.EmailSubscription(email));
    return topic;
  }
}
