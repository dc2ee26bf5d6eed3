/**
 * The simulator's HTTP front door: one node:http server on 127.0.0.1 speaking awsJson1_1
 * (Config, Organizations, EventBridge; routed on `X-Amz-Target`) and awsQuery (STS, SNS; routed
 * on `Version=` and `Action=`), plus
 * `/_sim/*` admin endpoints. Per call: authenticate (SigV4 scope → principal), count, apply faults
 * (rate limit, 5xx share, latency), run the operation, answer in the protocol's own format.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CallOutcome } from '../counters.js';
import { decideFault } from '../faults/decide.js';
import type { Principal } from '../identity/credentials.js';
import type { CallContext } from '../services/context.js';
import type { SimState } from '../state.js';
import { SimError, writeJsonError, writeQueryError } from './errors.js';
import { JSON_SERVICES, type JsonService, QUERY_SERVICES } from './serviceTable.js';
import { parseSigV4, type SigV4Scope } from './sigv4.js';

/** Handles `/_sim/*` requests; returns false when the path is not an admin path. */
export type AdminHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => boolean;

/** A call that passed authentication, ready for faults and the operation. */
interface Call {
  ctx: CallContext;
  service: string;
  operation: string;
}

/** Creates the server (not yet listening). */
export function createAwsServer(state: SimState, admin: AdminHandler): Server {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    // A client that aborts mid-request (e.g. a collector at its deadline) must never crash the server.
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      try {
        route(state, admin, req, body, res);
      } catch (err) {
        // A bug in the simulator must surface as a 500, never hang the client.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err instanceof Error ? err.stack : err));
      }
    });
  });
  // Outlive the SDK's idle keep-alive sockets so a reused socket is never closed under a request.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  return server;
}

function route(
  state: SimState,
  admin: AdminHandler,
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
): void {
  if (req.url?.startsWith('/_sim/') && admin(req, body, res)) return;
  const requestId = randomUUID();
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const dot = target.indexOf('.');
    const service = JSON_SERVICES[target.slice(0, dot)];
    if (!service) {
      writeJsonError(
        res,
        requestId,
        new SimError('UnknownOperationException', `Unknown target ${target}`),
        false,
      );
      return;
    }
    handleJson(state, service, target.slice(dot + 1), body, req, res, requestId);
    return;
  }
  if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    handleQuery(state, new URLSearchParams(body.toString('utf8')), req, res, requestId);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain', 'x-amzn-requestid': requestId });
  res.end(
    'Not an AWS API request this simulator serves (STS, Config, Organizations, SNS, EventBridge). S3 has its own endpoint.',
  );
}

function authenticate(
  state: SimState,
  req: IncomingMessage,
  query: boolean,
): { scope: SigV4Scope; principal: Principal } {
  const scope = parseSigV4(req.headers, query);
  return { scope, principal: state.credentials.resolve(scope, state.now(), query) };
}

/**
 * Applies the call's faults (`decideFault`, shared with S3). Returns the fault error to answer with
 * (or undefined) and the delay in ms before answering.
 */
function applyFaults(
  state: SimState,
  call: Call,
  throttle: () => SimError,
  serverError: (d: number) => SimError,
): { error?: SimError; outcome?: CallOutcome; delayMs: number } {
  const decision = decideFault(state, {
    accountId: call.ctx.principal.accountId,
    region: call.ctx.region,
    service: call.service,
    operation: call.operation,
  });
  const { delayMs, outcome } = decision;
  if (outcome === 'throttled') return { error: throttle(), outcome, delayMs };
  if (outcome === 'error') return { error: serverError(decision.errorDraw ?? 0), outcome, delayMs };
  return { delayMs };
}

function later(delayMs: number, send: () => void): void {
  if (delayMs <= 0) send();
  else setTimeout(send, delayMs);
}

function handleJson(
  state: SimState,
  service: JsonService,
  operation: string,
  body: Buffer,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): void {
  const fail = (err: SimError) => writeJsonError(res, requestId, err, service.capitalMessage);
  let call: Call;
  try {
    const { scope, principal } = authenticate(state, req, false);
    call = {
      ctx: { state, principal, region: scope.region, requestId },
      service: service.service,
      operation,
    };
  } catch (err) {
    fail(asSimError(err));
    return;
  }
  const { accountId } = call.ctx.principal;
  const op = service.operations[operation];
  if (!op) {
    state.counters.record(accountId, call.ctx.region, operation, 'error');
    fail(new SimError('UnknownOperationException', `Unknown operation ${operation}`));
    return;
  }
  const faulted = applyFaults(state, call, service.throttle, service.serverError);
  if (faulted.error) {
    state.counters.record(accountId, call.ctx.region, operation, faulted.outcome!);
    const error = faulted.error;
    later(faulted.delayMs, () => fail(error));
    return;
  }
  let payload: string;
  try {
    const input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new SimError('SerializationException', 'Request body must be a JSON object');
    }
    payload = JSON.stringify(op(call.ctx, input as Record<string, unknown>));
  } catch (err) {
    state.counters.record(accountId, call.ctx.region, operation, 'error');
    const error =
      err instanceof SyntaxError
        ? new SimError('SerializationException', 'Malformed JSON body')
        : asSimError(err);
    later(faulted.delayMs, () => fail(error));
    return;
  }
  state.counters.record(accountId, call.ctx.region, operation, 'ok');
  later(faulted.delayMs, () => {
    res.writeHead(200, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(payload),
      'x-amzn-requestid': requestId,
    });
    res.end(payload);
  });
}

function handleQuery(
  state: SimState,
  params: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): void {
  const service = QUERY_SERVICES[params.get('Version') ?? ''] ?? QUERY_SERVICES['2011-06-15']!;
  const fail = (err: SimError) => writeQueryError(res, requestId, err, service.xmlns);
  const operation = params.get('Action') ?? '';
  let call: Call;
  try {
    const { scope, principal } = authenticate(state, req, true);
    call = {
      ctx: { state, principal, region: scope.region, requestId },
      service: service.service,
      operation,
    };
  } catch (err) {
    fail(asSimError(err));
    return;
  }
  const { accountId } = call.ctx.principal;
  const op = service.operations[operation];
  if (!op) {
    state.counters.record(accountId, call.ctx.region, operation || '(none)', 'error');
    fail(
      new SimError('InvalidAction', `Could not find operation ${operation} for version ${service.version}`),
    );
    return;
  }
  const faulted = applyFaults(state, call, service.throttle, service.serverError);
  if (faulted.error) {
    state.counters.record(accountId, call.ctx.region, operation, faulted.outcome!);
    const error = faulted.error;
    later(faulted.delayMs, () => fail(error));
    return;
  }
  let xml: string;
  try {
    xml = op(call.ctx, params);
  } catch (err) {
    state.counters.record(accountId, call.ctx.region, operation, 'error');
    const error = asSimError(err);
    later(faulted.delayMs, () => fail(error));
    return;
  }
  state.counters.record(accountId, call.ctx.region, operation, 'ok');
  later(faulted.delayMs, () => {
    res.writeHead(200, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(xml),
      'x-amzn-requestid': requestId,
    });
    res.end(xml);
  });
}

function asSimError(err: unknown): SimError {
  if (err instanceof SimError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SimError('InternalFailure', `Simulator error: ${message}`, 500);
}
