/**
 * The report bucket: every plan, shard and report lives here (REPORT_BUCKET), under REPORT_PREFIX.
 * Private, encrypted, TLS-only, versioned (so an overwritten report can be recovered), and
 * self-cleaning: intermediate `batches/` and `plans/` expire after a configurable number of days.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { FOLDERS } from './permissions.js';
import type { HubSettings } from './settings.js';

/** Props of {@link ReportBucket}. */
export interface ReportBucketProps {
  readonly settings: HubSettings;
}

/** The report bucket and, when enabled, its server access log bucket. */
export class ReportBucket extends Construct {
  /** REPORT_BUCKET. */
  readonly bucket: s3.Bucket;
  /** The customer-managed key, when `encryption` is `kms`. */
  readonly key: kms.Key | undefined;
  /** Where S3 server access logs go, when enabled. */
  readonly accessLogsBucket: s3.Bucket | undefined;

  constructor(scope: Construct, id: string, props: ReportBucketProps) {
    super(scope, id);
    const { settings } = props;
    const prefix = settings.reportPrefix;

    this.accessLogsBucket = settings.serverAccessLogs ? this.createAccessLogsBucket() : undefined;
    this.key =
      settings.encryption === 'kms'
        ? new kms.Key(this, 'Key', {
            description: 'configreport report bucket',
            enableKeyRotation: true,
            removalPolicy: RemovalPolicy.RETAIN,
          })
        : undefined;

    const intermediate = Duration.days(settings.intermediateRetentionDays);
    const lifecycleRules: s3.LifecycleRule[] = [
      ...[FOLDERS.batches, FOLDERS.plans].map(
        (folder): s3.LifecycleRule => ({
          id: `expire-${folder.replace('/', '')}`,
          prefix: `${prefix}${folder}`,
          expiration: intermediate,
          // The bucket is versioned: expiring only the current version would keep every old shard.
          noncurrentVersionExpiration: Duration.days(1),
        }),
      ),
      {
        // Each final run writes its set to its own folder first (src/modes/final/publish.ts); the
        // published copies live beside it, so old run folders only cost storage.
        id: 'expire-report-runs',
        prefix: `${prefix}${FOLDERS.reports}runs/`,
        expiration: Duration.days(settings.runRetentionDays),
        noncurrentVersionExpiration: Duration.days(1),
      },
      {
        id: 'reports-versions',
        prefix: `${prefix}${FOLDERS.reports}`,
        noncurrentVersionExpiration: Duration.days(settings.noncurrentVersionRetentionDays),
        ...(settings.reportRetentionDays === undefined
          ? {}
          : { expiration: Duration.days(settings.reportRetentionDays) }),
      },
      {
        id: 'housekeeping',
        abortIncompleteMultipartUploadAfter: Duration.days(7),
        expiredObjectDeleteMarker: true,
      },
    ];

    const encryption: Pick<s3.BucketProps, 'encryption' | 'encryptionKey' | 'bucketKeyEnabled'> = this.key
      ? { encryption: s3.BucketEncryption.KMS, encryptionKey: this.key, bucketKeyEnabled: true }
      : { encryption: s3.BucketEncryption.S3_MANAGED };
    const accessLogs: Pick<s3.BucketProps, 'serverAccessLogsBucket' | 'serverAccessLogsPrefix'> = this
      .accessLogsBucket
      ? // The cast bridges CDK's typings and exactOptionalPropertyTypes (Bucket's optional fields).
        {
          serverAccessLogsBucket: this.accessLogsBucket as s3.IBucket,
          serverAccessLogsPrefix: 'report-bucket/',
        }
      : {};
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      ...encryption,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules,
      // Reports are the product: never delete them with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      ...accessLogs,
    });
    if (!this.accessLogsBucket) {
      Validations.of(this.bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason:
          'Server access logging was switched off by the serverAccessLogs setting; object-level access ' +
          'is still recorded by CloudTrail data events if the organization enables them.',
      });
    }
  }

  private createAccessLogsBucket(): s3.Bucket {
    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // S3 log delivery writes only to SSE-S3 buckets (it cannot use a customer KMS key).
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the access-log destination of the report bucket; logging it into itself would ' +
        'loop and logging it elsewhere only moves the question.',
    });
    return logs;
  }
}
