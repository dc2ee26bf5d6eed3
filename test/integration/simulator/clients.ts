/** Real SDK v3 clients pointed at a running simulator (shared by the conformance tests). */
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { HUB_CREDENTIALS, type RunningSimulator } from '../../../simulator/index.js';

export const HUB: AwsCredentialIdentity = { ...HUB_CREDENTIALS };

export function stsClient(
  sim: RunningSimulator,
  credentials: AwsCredentialIdentity = HUB,
  maxAttempts = 3,
): STSClient {
  return new STSClient({ region: sim.region, endpoint: sim.endpoint, credentials, maxAttempts });
}

export function configClient(
  sim: RunningSimulator,
  credentials: AwsCredentialIdentity,
  options: { region?: string; maxAttempts?: number } = {},
): ConfigServiceClient {
  return new ConfigServiceClient({
    region: options.region ?? sim.region,
    endpoint: sim.endpoint,
    credentials,
    maxAttempts: options.maxAttempts ?? 3,
  });
}

export function orgsClient(
  sim: RunningSimulator,
  credentials: AwsCredentialIdentity = HUB,
  maxAttempts = 3,
): OrganizationsClient {
  return new OrganizationsClient({ region: 'us-east-1', endpoint: sim.endpoint, credentials, maxAttempts });
}

export function snsClient(
  sim: RunningSimulator,
  credentials: AwsCredentialIdentity = HUB,
  maxAttempts = 3,
): SNSClient {
  return new SNSClient({ region: sim.region, endpoint: sim.endpoint, credentials, maxAttempts });
}

export function eventsClient(
  sim: RunningSimulator,
  credentials: AwsCredentialIdentity = HUB,
  maxAttempts = 3,
): EventBridgeClient {
  return new EventBridgeClient({ region: sim.region, endpoint: sim.endpoint, credentials, maxAttempts });
}

/** S3 client with the SDK's DEFAULT checksum settings (only the endpoint and path style changed). */
export function s3Client(sim: RunningSimulator): S3Client {
  return new S3Client({
    region: sim.region,
    endpoint: sim.s3Endpoint!,
    credentials: HUB,
    forcePathStyle: true,
  });
}

/** Assumes the default role in an account with hub credentials. */
export async function assume(
  sim: RunningSimulator,
  accountId: string,
  extra: { ExternalId?: string } = {},
): Promise<AwsCredentialIdentity> {
  const out = await stsClient(sim).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${sim.roleName}`,
      RoleSessionName: 'conformance',
      ...extra,
    }),
  );
  const c = out.Credentials!;
  return {
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
    expiration: c.Expiration!,
  };
}

/** First ACTIVE non-hub accounts of the org. */
export function memberAccounts(sim: RunningSimulator, n: number): string[] {
  return sim
    .accounts()
    .filter((a) => a.state === 'ACTIVE' && a.accountId !== sim.hubAccountId)
    .slice(0, n)
    .map((a) => a.accountId);
}

/** Runs `fn` and returns the error it throws (fails the test if it does not throw). */
export async function errorOf(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}
