/**
 * Who hears that a report is out: the report topic the function publishes to after final mode (a
 * headline and download links) and when final mode fails. Either the stack creates it for
 * `notifyEmail` — encrypted with a customer managed key, TLS only, the address subscribed — or the
 * function is allowed to publish to an existing `notifyTopicArn`. The function learns the topic
 * from REPORT_NOTIFY_TOPIC_ARN. Separate from the alarm topic: report readers are not on call.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { NOTIFY_PUBLISH_ACTIONS, NOTIFY_TOPIC_KEY_ACTIONS } from './permissions.js';
import type { HubSettings } from './settings.js';

/** Props of {@link ReportNotifications}. */
export interface ReportNotificationsProps {
  readonly settings: HubSettings;
  readonly fn: lambda.Function;
  readonly role: iam.IRole;
}

/** The report topic (created or existing), the function's grant and its environment. */
export class ReportNotifications extends Construct {
  readonly topic: sns.ITopic;
  /** The key of a topic the stack created. */
  readonly key: kms.Key | undefined;

  /** True when the settings ask for notifications. */
  static wanted(settings: HubSettings): boolean {
    return settings.notifyEmail !== undefined || settings.notifyTopicArn !== undefined;
  }

  constructor(scope: Construct, id: string, props: ReportNotificationsProps) {
    super(scope, id);
    const { settings, fn, role } = props;
    if (settings.notifyTopicArn) {
      this.topic = sns.Topic.fromTopicArn(this, 'Topic', settings.notifyTopicArn);
      this.key = undefined;
    } else {
      this.key = this.createKey();
      const topic = new sns.Topic(this, 'Topic', {
        displayName: 'configreport reports',
        masterKey: this.key,
        enforceSSL: true,
      });
      topic.addSubscription(new subscriptions.EmailSubscription(settings.notifyEmail!));
      this.topic = topic;
    }
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PublishReportNotifications',
        actions: [...NOTIFY_PUBLISH_ACTIONS],
        resources: [this.topic.topicArn],
      }),
    );
    const keyArn = this.key?.keyArn ?? settings.notifyTopicKeyArn;
    if (keyArn) {
      // Publishing to an encrypted topic encrypts the message with a data key of the topic's key.
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ReportTopicKey',
          actions: [...NOTIFY_TOPIC_KEY_ACTIONS],
          resources: [keyArn],
        }),
      );
    }
    fn.addEnvironment('REPORT_NOTIFY_TOPIC_ARN', this.topic.topicArn);
  }

  private createKey(): kms.Key {
    const key = new kms.Key(this, 'TopicKey', {
      description: 'configreport report topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // So an EventBridge rule (the run's "ConfigReport Ready" / "Failed" events) may deliver to
    // this topic too, as docs/deploy.md shows; SNS's AWS managed key would refuse it.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeDelivery',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: [...NOTIFY_TOPIC_KEY_ACTIONS],
        resources: ['*'],
      }),
    );
    return key;
  }
}
