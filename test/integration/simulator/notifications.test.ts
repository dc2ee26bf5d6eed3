/**
 * SNS Publish, EventBridge PutEvents and presigned S3 GETs, driven through the unmodified SDK
 * clients (@aws-sdk/client-sns, client-eventbridge, s3-request-presigner): what a client sends is
 * what the simulator records, errors arrive as the SDK's modelled exceptions, and a presigned URL
 * downloads the object until it expires.
 */

import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { assume, errorOf, eventsClient, memberAccounts, s3Client, snsClient } from './clients.js';

let sim: RunningSimulator;
let topic: string;

beforeAll(async () => {
  sim = await startSimulator({ accounts: 3, topics: ['configreport-reports'] });
  topic = sim.topics()[0]!;
});
afterAll(() => sim.stop());
beforeEach(() => sim.clearNotifications());

describe('SNS Publish', () => {
  it('records subject, message and attributes exactly as sent, and answers a MessageId', async () => {
    const message = 'Compliance 93.1 %\nWorkbook: https://example.invalid/a?b=c&d=é';
    const out = await snsClient(sim).send(
      new PublishCommand({
        TopicArn: topic,
        Subject: 'ConfigReport 2024-05-01: 93.1% compliant',
        Message: message,
        MessageAttributes: {
          status: { DataType: 'String', StringValue: 'ok' },
          ratio: { DataType: 'Number', StringValue: '0.931' },
        },
      }),
    );
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.snsMessages()).toEqual([
      expect.objectContaining({
        messageId: out.MessageId,
        topicArn: topic,
        publisherAccountId: sim.hubAccountId,
        subject: 'ConfigReport 2024-05-01: 93.1% compliant',
        message,
        attributes: {
          status: { dataType: 'String', value: 'ok' },
          ratio: { dataType: 'Number', value: '0.931' },
        },
      }),
    ]);
  });

  it('serves the same list over the admin endpoint', async () => {
    await snsClient(sim).send(new PublishCommand({ TopicArn: topic, Message: 'hello' }));
    const listed = (await (await fetch(`${sim.endpoint}/_sim/sns/messages`)).json()) as {
      message: string;
    }[];
    expect(listed.map((m) => m.message)).toEqual(['hello']);
  });

  it('answers an unknown topic with NotFoundException', async () => {
    const err = await errorOf(() =>
      snsClient(sim).send(
        new PublishCommand({ TopicArn: `arn:aws:sns:${sim.region}:${sim.hubAccountId}:nope`, Message: 'x' }),
      ),
    );
    expect(err.name).toBe('NotFoundException');
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    expect(sim.snsMessages()).toEqual([]);
  });

  it('refuses a subject SNS refuses, and an empty message, with InvalidParameterException', async () => {
    for (const input of [
      { Subject: 'two\nlines', Message: 'x' },
      { Subject: 'x'.repeat(100), Message: 'x' },
      { Message: '' },
    ]) {
      const err = await errorOf(() =>
        snsClient(sim, undefined, 1).send(new PublishCommand({ TopicArn: topic, ...input })),
      );
      expect(err.name).toBe('InvalidParameterException');
    }
  });

  it("refuses another account's credentials with AuthorizationErrorException", async () => {
    const creds = await assume(sim, memberAccounts(sim, 1)[0]!);
    const err = await errorOf(() =>
      snsClient(sim, creds).send(new PublishCommand({ TopicArn: topic, Message: 'x' })),
    );
    expect(err.name).toBe('AuthorizationErrorException');
  });

  it('throttles with ThrottledException and fails with the fault rules of service "sns"', async () => {
    sim.setFault({ service: 'sns' }, { errorRate: 1 });
    try {
      const err = await errorOf(() =>
        snsClient(sim, undefined, 1).send(new PublishCommand({ TopicArn: topic, Message: 'x' })),
      );
      expect(['InternalErrorException', 'ServiceUnavailable']).toContain(err.name);
      sim.setFault({ service: 'sns' }, { rateLimit: { rps: 0.001, burst: 1 } });
      await snsClient(sim, undefined, 1).send(new PublishCommand({ TopicArn: topic, Message: 'first' }));
      const throttled = await errorOf(() =>
        snsClient(sim, undefined, 1).send(new PublishCommand({ TopicArn: topic, Message: 'second' })),
      );
      expect(throttled.name).toBe('ThrottledException');
    } finally {
      sim.clearFaults();
    }
  });
});

describe('EventBridge PutEvents', () => {
  it('records each accepted entry with its parsed detail, and refuses bad entries one by one', async () => {
    const out = await eventsClient(sim).send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'configreport',
            DetailType: 'ConfigReport Ready',
            Detail: JSON.stringify({ group_id: '2024-05-01', records: { unique: 3 } }),
            Resources: ['arn:aws:states:us-east-1:123456789012:execution:sm:run'],
          },
          { Source: 'configreport', DetailType: 'ConfigReport Ready', Detail: '[1, 2]' },
          { Source: 'configreport', Detail: '{}' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries?.[1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(out.Entries?.[2]).toMatchObject({ ErrorCode: 'InvalidArgument' });
    expect(sim.events()).toEqual([
      expect.objectContaining({
        eventId: out.Entries?.[0]?.EventId,
        eventBusName: 'default',
        accountId: sim.hubAccountId,
        source: 'configreport',
        detailType: 'ConfigReport Ready',
        detail: { group_id: '2024-05-01', records: { unique: 3 } },
        resources: ['arn:aws:states:us-east-1:123456789012:execution:sm:run'],
      }),
    ]);
    const listed = (await (await fetch(`${sim.endpoint}/_sim/events`)).json()) as unknown[];
    expect(listed).toHaveLength(1);
  });

  it('answers more than 10 entries with a ValidationException', async () => {
    const entry = { Source: 's', DetailType: 'd', Detail: '{}' };
    const err = await errorOf(() =>
      eventsClient(sim).send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toContain('less than or equal to 10');
  });
});

describe('presigned S3 GET', () => {
  it('downloads the object without credentials until the URL expires', async () => {
    const s3 = s3Client(sim);
    const body = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    await s3.send(new PutObjectCommand({ Bucket: sim.bucket, Key: 'reports/a b+c.xlsx', Body: body }));
    const get = new GetObjectCommand({ Bucket: sim.bucket, Key: 'reports/a b+c.xlsx' });

    const url = await getSignedUrl(s3, get, { expiresIn: 3600 });
    const fresh = await fetch(url);
    expect(fresh.status).toBe(200);
    expect(Buffer.from(await fresh.arrayBuffer()).equals(body)).toBe(true);

    // Signed two hours ago for one hour: expired.
    const old = await getSignedUrl(s3, get, {
      expiresIn: 3600,
      signingDate: new Date(Date.now() - 7_200_000),
    });
    const expired = await fetch(old);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });
});
