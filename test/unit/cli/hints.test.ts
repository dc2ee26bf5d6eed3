/** The hint under an error, by kind of failure, and the doctor's fix lines that name things. */
import { describe, expect, it } from 'vitest';
import { EndpointUnreachableError } from '../../../src/aws/failFast.js';
import { fixFor, hintFor } from '../../../src/cli/hints.js';

const named = (name: string, extra: object = {}) =>
  Object.assign(new Error(`${name} happened`), { name, ...extra });

describe('hints', () => {
  it.each([
    [
      named('CredentialsProviderError'),
      /^no AWS credentials were found: set AWS_PROFILE .*`aws sso login`.*`configreport demo`/,
    ],
    [named('ExpiredToken'), /^the credentials have expired: run `aws sso login`/],
    [named('InvalidClientTokenId'), /^AWS refused the credentials/],
    [
      named('AccessDenied'),
      /^the caller lacks a permission .* `configreport doctor` checks the whole setup$/,
    ],
    [named('NoSuchBucket'), /^bucket "reports-x" does not exist: fix --bucket \/ REPORT_BUCKET/],
    [
      named('PermanentRedirect', { $metadata: { httpStatusCode: 301 } }),
      /^the bucket is not in eu-west-1: set --region/,
    ],
    [named('AWSOrganizationsNotInUseException'), /--accounts-file/],
    [named('TooManyRequestsException'), /^AWS kept throttling/],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      /^check the network/,
    ],
  ])('%s', (error, hint) => {
    expect(hintFor(error, { bucket: 'reports-x', region: 'eu-west-1' })).toMatch(hint);
  });

  it('names the endpoint that did not answer, and says nothing for errors it cannot help with', () => {
    const error = new EndpointUnreachableError(
      's3',
      'https://s3.eu-west-1.amazonaws.com',
      'no connection within 5000 ms',
    );
    expect(hintFor(error)).toMatch(
      /^nothing answered at https:\/\/s3\.eu-west-1\.amazonaws\.com: check the network, the region/,
    );
    expect(hintFor(new TypeError('x is not a function'))).toBeUndefined();
  });

  it('words the doctor fixes with the names they need', () => {
    expect(
      fixFor({
        kind: 'trust',
        principal: 'arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123',
        callerArn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/jane',
        looksLikeHubRole: false,
        hubRoleName: 'configreport-hub-role',
      }),
    ).toEqual([
      "add arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123 to the spoke role's trusted principals (the spoke stack trusts the hub role configreport-hub-role by default; docs/deploy.md),",
      "or run configreport with the hub role's credentials.",
      '(a role with a path, such as an SSO role under /aws-reserved/sso.amazonaws.com/, must be named with its path: `aws iam get-role`.)',
    ]);
    expect(
      fixFor({
        kind: 'call-failed',
        failure: { kind: 'access-denied', name: 'AccessDeniedException', message: 'no' },
        target: 'organizations:ListAccounts',
      })[1],
    ).toMatch(/--organizations-role-arn/);
    expect(
      fixFor({
        kind: 'call-failed',
        failure: { kind: 'other', name: 'Error', message: 'EACCES' },
        target: 'folder /srv/out',
      }),
    ).toEqual(['make /srv/out writable, or choose another folder with --out.']);
  });
});
