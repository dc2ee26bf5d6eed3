/** S3 requests named for fault scopes: the operation from method, path and query; the signer's scope. */
import { describe, expect, it } from 'vitest';
import { s3CredentialScope, s3Operation } from '../../../simulator/s3/requestInfo.js';

describe('s3Operation', () => {
  it.each([
    ['GET', '/', {}, 'ListBuckets'],
    ['GET', '/b?list-type=2&prefix=x', {}, 'ListObjectsV2'],
    ['GET', '/b', {}, 'ListObjects'],
    ['HEAD', '/b', {}, 'HeadBucket'],
    ['POST', '/b?delete', {}, 'DeleteObjects'],
    ['GET', '/b/k/with/slashes.json', {}, 'GetObject'],
    ['HEAD', '/b/k', {}, 'HeadObject'],
    ['PUT', '/b/k', {}, 'PutObject'],
    ['PUT', '/b/k', { 'x-amz-copy-source': '/b/o' }, 'CopyObject'],
    ['PUT', '/b/k?partNumber=2&uploadId=u', {}, 'UploadPart'],
    ['POST', '/b/k?uploads', {}, 'CreateMultipartUpload'],
    ['POST', '/b/k?uploadId=u', {}, 'CompleteMultipartUpload'],
    ['DELETE', '/b/k?uploadId=u', {}, 'AbortMultipartUpload'],
    ['DELETE', '/b/k', {}, 'DeleteObject'],
    ['GET', '/b/k?uploadId=u', {}, 'ListParts'],
  ])('%s %s is %s', (method, url, headers, operation) => {
    expect(s3Operation(method, url, headers)).toBe(operation);
  });
});

describe('s3CredentialScope', () => {
  it('reads the key and region from the Authorization header', () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=ASIASIMAAAAAAAAAAAB/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=abc';
    expect(s3CredentialScope('/b/k', { authorization })).toEqual({
      accessKeyId: 'ASIASIMAAAAAAAAAAAB',
      region: 'eu-west-1',
    });
  });

  it('reads them from a presigned URL, and gives nothing for an unsigned request', () => {
    const url = '/b/k?X-Amz-Credential=AKIAX%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=ab';
    expect(s3CredentialScope(url, {})).toEqual({ accessKeyId: 'AKIAX', region: 'us-east-1' });
    expect(s3CredentialScope('/b/k', {})).toBeUndefined();
  });
});
