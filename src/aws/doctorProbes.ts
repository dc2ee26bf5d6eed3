/**
 * The doctor's ports on the AWS SDK (src/modes/doctor/ports.ts), built exactly as `run` builds its
 * clients: the same STS client and per-account credentials as batch mode (configSource.ts, session
 * `configreport-doctor`), the same Organizations client (through organizations_role_arn when set),
 * and an S3 client on the same handler. Fewer SDK attempts than `run`: a pre-flight check should
 * answer in seconds, not ride out a throttling storm.
 */

import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import {
  DeleteObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ConfigReportError, ErrorKind } from '../core/errors.js';
import type { IdentityProbe, OrganizationsProbe, SpokeProbe, StoreProbe } from '../modes/doctor/ports.js';
import type { OrgAccount, OrganizationsPortOptions } from '../modes/plan/types.js';
import type { AwsClientSettings } from './clientConfig.js';
import { createAwsClientFactory } from './clientFactory.js';
import { type ConfigPacing, createConfigSource } from './configSource.js';
import { httpStatus } from './errorKinds.js';
import { createOrganizationsClient, LIST_ACCOUNTS_PAGE_SIZE } from './organizations.js';
import { partitionOf } from './partition.js';
import { createBucketClient } from './s3Client.js';

/** SDK attempts per doctor call (run uses the settings' maxAttempts, 10 by default). */
const DOCTOR_MAX_ATTEMPTS = 3;

/** The bucket does not exist (HeadBucket's 404 has no body, so the SDK only says "NotFound"). */
export class NoSuchBucketError extends ConfigReportError {
  override readonly name = 'NoSuchBucketError';
  readonly kind = ErrorKind.Failed;
  constructor(readonly bucket: string) {
    super(`bucket ${JSON.stringify(bucket)} does not exist (or is in another partition)`);
  }
}

/** What the probes are built from. */
export interface DoctorProbeSettings {
  aws: AwsClientSettings;
  pacing: ConfigPacing;
  roleName: string;
  externalId?: string | undefined;
  /** Organizations access; undefined when an accounts file replaces it. */
  organizations?: OrganizationsPortOptions | undefined;
  /** The report bucket; undefined for a local folder. */
  bucket?: string | undefined;
  prefix: string;
}

/** The AWS probes and how to release their sockets. */
export interface DoctorProbes {
  identity: IdentityProbe;
  organizations?: OrganizationsProbe;
  bucket?: StoreProbe;
  spokes: SpokeProbe;
  close(): void;
}

/** Builds the probes. */
export function createDoctorProbes(settings: DoctorProbeSettings): DoctorProbes {
  const aws: AwsClientSettings = {
    ...settings.aws,
    maxAttempts: Math.min(settings.aws.maxAttempts, DOCTOR_MAX_ATTEMPTS),
    configHttpClient: settings.pacing.httpClient,
  };
  const clients = createAwsClientFactory(aws);
  const source = createConfigSource(clients, {
    partition: partitionOf(aws.region),
    session: { roleName: settings.roleName, externalId: settings.externalId, shardId: 'doctor' },
    pacing: settings.pacing,
  });
  const closers: (() => void)[] = [() => source.close()];
  const probes: DoctorProbes = {
    identity: {
      async callerIdentity() {
        const out = await clients.sts().send(new GetCallerIdentityCommand({}));
        return { arn: out.Arn ?? '', account: out.Account ?? '', userId: out.UserId ?? '' };
      },
    },
    spokes: {
      async assumeRole(accountId) {
        // A signal per call: one shared by every call would collect a listener per client.
        await source.openRegion({ accountId, region: aws.region, signal: new AbortController().signal });
      },
      async recorderState(accountId, region) {
        const signal = new AbortController().signal;
        return (await source.openRegion({ accountId, region, signal })).recorderState();
      },
      close: () => source.close(),
    },
    close: () => {
      for (const close of closers) close();
    },
  };
  if (settings.organizations !== undefined) {
    const client = createOrganizationsClient(aws, settings.organizations);
    closers.push(() => client.destroy());
    probes.organizations = {
      roleArn: settings.organizations.roleArn,
      firstAccounts: (atLeast) => firstAccounts(client, atLeast),
    };
  }
  if (settings.bucket !== undefined) {
    const client = createBucketClient(aws);
    closers.push(() => client.destroy());
    probes.bucket = bucketProbe(client, settings.bucket, settings.prefix);
  }
  return probes;
}

/** ListAccounts pages until `atLeast` accounts are listed (one page for the default sample). */
async function firstAccounts(
  client: Pick<ReturnType<typeof createOrganizationsClient>, 'send'>,
  atLeast: number,
): Promise<{ accounts: OrgAccount[]; more: boolean }> {
  const accounts: OrgAccount[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListAccountsCommand({
        MaxResults: LIST_ACCOUNTS_PAGE_SIZE,
        ...(token ? { NextToken: token } : {}),
      }),
    );
    for (const a of page.Accounts ?? [])
      if (a.Id) accounts.push({ id: a.Id, name: a.Name ?? '', state: a.State ?? a.Status ?? 'UNKNOWN' });
    token = page.NextToken || undefined;
  } while (token !== undefined && accounts.length < atLeast);
  return { accounts, more: token !== undefined };
}

/** The report bucket: HeadBucket (or, when that is refused, a list under the prefix), put, delete. */
function bucketProbe(
  client: ReturnType<typeof createBucketClient>,
  bucket: string,
  prefix: string,
): StoreProbe {
  return {
    kind: 'bucket',
    location: `s3://${bucket}/${prefix}`,
    async reach() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
        return [];
      } catch (error) {
        if (httpStatus(error) === 404) throw new NoSuchBucketError(bucket);
        if (httpStatus(error) !== 403) throw error;
      }
      // The deployed hub role may list only under its own folders: HeadBucket (s3:ListBucket with
      // no prefix) is refused while everything `run` does works. Ask what `run` asks instead.
      await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}plans/`, MaxKeys: 1 }));
      return [`HeadBucket refused; listing under ${prefix}plans/ works, which is what run needs`];
    },
    async write(key, body) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain' }),
      );
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
