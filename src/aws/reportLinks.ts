/**
 * Download links for people: presigned S3 GET URLs of the report's files, with the expiry the
 * signature really has. A presigned URL is only as good as the credentials that signed it: signed
 * with temporary credentials (a Lambda role, an SSO session) it stops working when they expire,
 * whatever `X-Amz-Expires` says. So the link reports what ends it: the expiry asked for, the
 * credentials' own (earlier) expiry when they carry one, or `session` when they are temporary and
 * their expiry is not visible (Lambda passes role credentials without one).
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ReportLink, ReportLinkPort } from '../modes/final.js';

/** The credentials a client signs with, as far as the presigner's expiry depends on them. */
interface SigningIdentity {
  sessionToken?: string;
  expiration?: Date;
}

/** The file name a downloaded workbook should get (the key's last segment). */
function attachment(key: string): { ResponseContentDisposition: string } | Record<string, never> {
  const name = key.slice(key.lastIndexOf('/') + 1);
  // Only a workbook is downloaded; an HTML summary opens in the browser.
  return name.endsWith('.xlsx') && /^[\w.-]+$/.test(name)
    ? { ResponseContentDisposition: `attachment; filename="${name}"` }
    : {};
}

/** What ends a link signed now for `expiresInSeconds` with `identity`. */
export function linkExpiry(
  now: Date,
  expiresInSeconds: number,
  identity: SigningIdentity,
): { expiresAt: Date; limitedBy: Extract<ReportLink, { kind: 'url' }>['limitedBy'] } {
  const requested = new Date(now.getTime() + expiresInSeconds * 1000);
  if (identity.expiration && identity.expiration < requested)
    return { expiresAt: identity.expiration, limitedBy: 'credentials' };
  if (!identity.expiration && identity.sessionToken) return { expiresAt: requested, limitedBy: 'session' };
  return { expiresAt: requested, limitedBy: 'request' };
}

/**
 * Presigned GET links to objects of `bucket`, signed by `client`'s credentials at `clock()` (the
 * client sends nothing: signing is local, after resolving the credentials once per link).
 */
export function createS3LinkSigner(client: S3Client, bucket: string, clock: () => Date): ReportLinkPort {
  return {
    async link(key, expiresInSeconds) {
      const identity = (await client.config.credentials()) as SigningIdentity;
      const now = clock();
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: bucket, Key: key, ...attachment(key) }),
        {
          expiresIn: expiresInSeconds,
          signingDate: now,
        },
      );
      return {
        kind: 'url',
        url,
        location: `s3://${bucket}/${key}`,
        ...linkExpiry(now, expiresInSeconds, identity),
      };
    },
  };
}
