/** Who the hub's credentials are: the principal a spoke role must trust for `run` to work. */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClientSettings } from './clientConfig.js';
import { createAwsClientFactory } from './clientFactory.js';

/** The ARN `sts:GetCallerIdentity` answers for the hub credentials (needs no permission). */
export async function callerArn(settings: AwsClientSettings): Promise<string> {
  const clients = createAwsClientFactory(settings);
  try {
    const out = await clients.sts().send(new GetCallerIdentityCommand({}));
    return out.Arn ?? '';
  } finally {
    clients.destroy();
  }
}
