/**
 * The SNS adapter of final mode's NotificationPort: one `Publish` to a standard topic, in the
 * topic's own region (a topic is regional; the hub's region may differ), on the proxied, fail-fast
 * undici handler every other client uses.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { NotificationPort, NotificationText } from '../modes/final.js';
import type { AwsClientSettings } from './clientConfig.js';
import { baseCredentials, createRequestHandler, httpSettingsOf } from './requestHandlers.js';

/** The region of a topic ARN (`arn:aws:sns:<region>:<account>:<name>`). */
export function topicRegion(topicArn: string): string {
  const region = topicArn.split(':')[3];
  if (!region) throw new Error(`not an SNS topic ARN: ${topicArn}`);
  return region;
}

/** Message attributes as SNS takes them: every value a String (filter policies match on them). */
function attributesOf(attributes: Readonly<Record<string, string>>) {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
  );
}

/**
 * A notifier publishing to `topicArn`. A run sends at most one message, so each message gets its
 * own client, destroyed once sent: no socket outlives it (a CLI run exits promptly, a warm Lambda
 * keeps nothing open between invocations).
 */
export function createSnsNotifier(settings: AwsClientSettings, topicArn: string): NotificationPort {
  return {
    target: topicArn,
    async publish(message: NotificationText, options: { signal: AbortSignal }) {
      const credentials = baseCredentials(settings);
      const endpoint = settings.endpoints.sns;
      const client = new SNSClient({
        region: topicRegion(topicArn),
        maxAttempts: settings.maxAttempts,
        requestHandler: createRequestHandler(httpSettingsOf(settings), {
          service: 'sns',
          connections: 1,
        }) as never,
        ...(credentials ? { credentials } : {}),
        ...(endpoint ? { endpoint } : {}),
      });
      try {
        const out = await client.send(
          new PublishCommand({
            TopicArn: topicArn,
            Subject: message.subject,
            Message: message.text,
            MessageAttributes: attributesOf(message.attributes),
          }),
          { abortSignal: options.signal },
        );
        return { messageId: out.MessageId ?? '' };
      } finally {
        client.destroy();
      }
    },
  };
}
