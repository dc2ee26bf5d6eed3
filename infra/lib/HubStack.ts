/**
 * The hub: report bucket, the function, the daily orchestration (Step Functions or the seed's
 * EventBridge schedules), the alarms and the optional report topic. Deployed once, in the account that owns the reports.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { HubFunction } from './HubFunction.js';
import { ReportBucket } from './ReportBucket.js';
import { ReportNotifications } from './ReportNotifications.js';
import { ReportStateMachine } from './ReportStateMachine.js';
import { RunAlarms } from './RunAlarms.js';
import { RunSchedules } from './RunSchedules.js';
import { type HubSettings, type HubSettingsInput, resolveHubSettings } from './settings.js';

/**
 * Props of {@link HubStack}: the stack props plus every hub setting (see settings.ts for defaults).
 * `organizationId` is required: the stack throws InvalidHubSettingError without it.
 */
export interface HubStackProps extends StackProps, HubSettingsInput {}

/**
 * @example
 * const app = new App();
 * new HubStack(app, 'ConfigReportHub', {
 *   organizationId: 'o-abc123defg',
 *   alarmEmail: 'ops@example.com',
 *   notifyEmail: 'compliance@example.com',
 * });
 */
export class HubStack extends Stack {
  readonly settings: HubSettings;
  readonly storage: ReportBucket;
  readonly hub: HubFunction;
  readonly orchestration: ReportStateMachine | undefined;
  readonly schedules: RunSchedules;
  readonly alarms: RunAlarms;
  /** The report topic, with `notifyEmail` or `notifyTopicArn`. */
  readonly notifications: ReportNotifications | undefined;

  constructor(scope: Construct, id: string, props: HubStackProps = {}) {
    super(scope, id, props);
    // Access logs are delivered under a bucket policy, not the legacy LogDeliveryWrite ACL (ACLs stay
    // disabled on every bucket). Set here so the stack behaves the same in any app.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const settings = resolveHubSettings(props);
    this.settings = settings;
    this.storage = new ReportBucket(this, 'Storage', { settings });
    this.hub = new HubFunction(this, 'Hub', { settings, storage: this.storage });
    this.notifications = ReportNotifications.wanted(settings)
      ? new ReportNotifications(this, 'Notifications', { settings, fn: this.hub.fn, role: this.hub.role })
      : undefined;
    this.orchestration =
      settings.topology === 'stepfunctions'
        ? new ReportStateMachine(this, 'Run', { settings, fn: this.hub.fn })
        : undefined;
    const stateMachine = this.orchestration?.stateMachine;
    this.schedules = new RunSchedules(this, 'Schedule', {
      settings,
      fn: this.hub.fn,
      ...(stateMachine ? { stateMachine } : {}),
    });
    this.alarms = new RunAlarms(this, 'Alarms', {
      fn: this.hub.fn,
      ...(stateMachine ? { stateMachine } : {}),
      ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ReportBucketName', {
      description: 'REPORT_BUCKET: plans, shards and reports',
      value: this.storage.bucket.bucketName,
    });
    new CfnOutput(this, 'FunctionName', { value: this.hub.fn.functionName });
    new CfnOutput(this, 'HubRoleArn', {
      description: 'Pass this to the spoke stack (hubRoleArn): the only principal the read role trusts',
      value: this.hub.role.roleArn,
    });
    if (stateMachine) new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    if (this.notifications)
      new CfnOutput(this, 'ReportTopicArn', {
        description: 'REPORT_NOTIFY_TOPIC_ARN: told when a report is out or final mode fails',
        value: this.notifications.topic.topicArn,
      });
  }
}
