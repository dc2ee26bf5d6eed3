/**
 * The S3 client of the report bucket, on the proxied, fail-fast undici handler (requestHandlers.ts)
 * with streamed response bodies, so GetObject still streams and uploads (lib-storage parts) go out
 * as the SDK hands them over.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { AwsClientSettings } from './clientConfig.js';
import { baseCredentials, createRequestHandler, httpSettingsOf } from './requestHandlers.js';

/** The S3 HTTP handler: proxied, fail-fast, streaming responses. Several clients may share one. */
export type S3RequestHandler = NonNullable<S3ClientConfig['requestHandler']> & { destroy(): void };

/** A handler for S3 clients; destroy it once, when every client using it is done. */
export function createS3RequestHandler(settings: AwsClientSettings): S3RequestHandler {
  return createRequestHandler(httpSettingsOf(settings), {
    service: 's3',
    streamResponses: true,
  }) as S3RequestHandler;
}

/**
 * The S3 client settings: region, retries, credentials, endpoint override (path style), handler
 * (a new one unless `handler` is shared; a client on a shared handler must not be destroyed).
 */
export function s3ClientConfig(
  settings: AwsClientSettings,
  handler: S3RequestHandler = createS3RequestHandler(settings),
): S3ClientConfig {
  const endpoint = settings.endpoints.s3;
  const credentials = baseCredentials(settings);
  return {
    region: settings.region,
    maxAttempts: settings.maxAttempts,
    requestHandler: handler,
    ...(credentials ? { credentials } : {}),
    // An endpoint override means a local S3-compatible server: buckets go in the path, not the host.
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  };
}

/**
 * The S3 client of the report bucket (S3Store's and the doctor's probe). With a shared `handler`, the
 * client must not be `destroy()`ed (that would close the shared sockets): drop it and destroy the
 * handler once.
 */
export function createBucketClient(settings: AwsClientSettings, handler?: S3RequestHandler): S3Client {
  return new S3Client(s3ClientConfig(settings, handler));
}
