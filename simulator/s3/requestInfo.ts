/**
 * What a fault rule needs to know about an S3 request: its operation name (from method, path and
 * query, path-style addressing) and its SigV4 credential scope (header or presigned URL).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The S3 operation a path-style request invokes, named as the S3 API names it. */
export function s3Operation(method: string, url: string, headers: IncomingHttpHeaders): string {
  const parsed = new URL(url, 'http://s3.local');
  const q = parsed.searchParams;
  const [, bucket = '', ...keyParts] = parsed.pathname.split('/');
  const hasKey = keyParts.join('/').length > 0;
  const copy = headers['x-amz-copy-source'] !== undefined;
  if (!bucket) return method === 'GET' ? 'ListBuckets' : `${method}Service`;
  if (!hasKey) {
    if (method === 'GET') {
      if (q.has('uploads')) return 'ListMultipartUploads';
      if (q.has('location')) return 'GetBucketLocation';
      return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    }
    if (method === 'POST' && q.has('delete')) return 'DeleteObjects';
    return { HEAD: 'HeadBucket', PUT: 'CreateBucket', DELETE: 'DeleteBucket' }[method] ?? `${method}Bucket`;
  }
  if (method === 'GET') {
    if (q.has('uploadId')) return 'ListParts';
    if (q.has('tagging')) return 'GetObjectTagging';
    return 'GetObject';
  }
  if (method === 'HEAD') return 'HeadObject';
  if (method === 'PUT') {
    if (q.has('partNumber') && q.has('uploadId')) return copy ? 'UploadPartCopy' : 'UploadPart';
    if (q.has('tagging')) return 'PutObjectTagging';
    return copy ? 'CopyObject' : 'PutObject';
  }
  if (method === 'POST') {
    if (q.has('uploads')) return 'CreateMultipartUpload';
    if (q.has('uploadId')) return 'CompleteMultipartUpload';
  }
  if (method === 'DELETE') return q.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
  return `${method}Object`;
}

/** The signer's access key and region, from the Authorization header or a presigned URL. */
export function s3CredentialScope(
  url: string,
  headers: IncomingHttpHeaders,
): { accessKeyId: string; region: string } | undefined {
  const auth = headers.authorization;
  const credential =
    typeof auth === 'string'
      ? /Credential=([^,\s]+)/.exec(auth)?.[1]
      : (new URL(url, 'http://s3.local').searchParams.get('X-Amz-Credential') ?? undefined);
  const [accessKeyId, , region] = credential?.split('/') ?? [];
  return accessKeyId && region ? { accessKeyId, region } : undefined;
}
