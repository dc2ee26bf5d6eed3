/**
 * Fail-fast on endpoints that never answered: a refused port and a server that never answers end in
 * an EndpointUnreachableError naming the service and the endpoint after two attempts, not after the
 * SDK's ten; an endpoint that answered once keeps the SDK's retries.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EndpointUnreachableError,
  failFast,
  type HttpHandlerLike,
  isEndpointUnreachableError,
} from '../../../src/aws/failFast.js';
import { createRequestHandler } from '../../../src/aws/requestHandlers.js';
import { refusedPort, type SilentServer, startSilentServer } from '../../helpers/deadEndpoints.js';

const HTTP = { connectTimeoutMs: 1_000, requestTimeoutMs: 60_000, firstAnswerTimeoutMs: 300 };
const CREDENTIALS = { accessKeyId: 'AKIAFAILFAST', secretAccessKey: 'secret' };

function sts(endpoint: string) {
  return new STSClient({
    region: 'us-east-1',
    endpoint,
    credentials: CREDENTIALS,
    maxAttempts: 10,
    requestHandler: createRequestHandler(HTTP, { service: 'sts' }) as never,
  });
}

let silent: SilentServer | undefined;
afterEach(async () => {
  await silent?.close();
  silent = undefined;
});

describe('fail-fast request handlers', () => {
  it('names the service and endpoint of a refused connection', async () => {
    const endpoint = `http://127.0.0.1:${await refusedPort()}`;
    const client = sts(endpoint);
    const error = await client.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    client.destroy();
    expect(isEndpointUnreachableError(error)).toBe(true);
    expect(error).toMatchObject({
      service: 'sts',
      endpoint,
      message: `cannot reach sts at ${endpoint}: connection refused (ECONNREFUSED)`,
    });
  });

  it('gives up on a server that accepts and never answers after two attempts', async () => {
    silent = await startSilentServer();
    const client = sts(silent.endpoint);
    const error = await client.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    client.destroy();
    expect(error).toBeInstanceOf(EndpointUnreachableError);
    expect((error as Error).message).toBe(`cannot reach sts at ${silent.endpoint}: no answer within 300 ms`);
    expect(silent.connections).toBe(2);
  });

  it('steps aside once the endpoint has answered: later failures reach the retry layers unchanged', async () => {
    let call = 0;
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const inner: HttpHandlerLike = {
      handle: async () => {
        call += 1;
        if (call === 1) return { response: { statusCode: 200 } };
        throw refused;
      },
      updateHttpClientConfig: () => {},
      httpHandlerConfigs: () => ({}),
    };
    const handler = failFast(inner, { service: 'config', connectTimeoutMs: 1, firstAnswerTimeoutMs: 1 });
    const request = { protocol: 'https:', hostname: 'config.us-east-1.amazonaws.com' };
    await handler.handle(request);
    for (let i = 0; i < 3; i++) await expect(handler.handle(request)).rejects.toBe(refused);
  });

  it('passes a first failure through (for one SDK retry) and names the proxy on the second', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const inner: HttpHandlerLike = {
      handle: async () => {
        throw refused;
      },
      updateHttpClientConfig: () => {},
      httpHandlerConfigs: () => ({}),
    };
    const handler = failFast(inner, {
      service: 's3',
      connectTimeoutMs: 1,
      firstAnswerTimeoutMs: 1,
      proxy: { httpsProxy: 'http://proxy.corp:3128' },
    });
    const request = { protocol: 'https:', hostname: 's3.eu-west-1.amazonaws.com' };
    await expect(handler.handle(request)).rejects.toBe(refused);
    await expect(handler.handle(request)).rejects.toThrow(
      'cannot reach s3 at https://s3.eu-west-1.amazonaws.com through the proxy http://proxy.corp:3128: connection refused (ECONNREFUSED)',
    );
  });
});
