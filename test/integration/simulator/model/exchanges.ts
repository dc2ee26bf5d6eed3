/**
 * Raw request/response pairs captured from real SDK clients, and their check against the models:
 * a middleware sits just inside the SDK's deserializer, so it sees every attempt's bytes exactly
 * as the simulator sent them, and hands the SDK an identical copy.
 */
import { Readable } from 'node:stream';
import type { ServiceModel } from './sdkModel.js';
import { validateAgainst } from './validate.js';
import { parseXml, type XmlElement } from './xml.js';

/** One answered request. */
export interface Exchange {
  protocol: 'json' | 'query';
  operation: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the middleware sees of the SDK's HTTP request and response. */
interface HttpRequest {
  headers: Record<string, string>;
  body?: unknown;
}
interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The part of an SDK client this module needs. */
interface Recordable {
  middlewareStack: {
    add(middleware: unknown, options: { step: 'deserialize'; priority: 'low'; name: string }): void;
  };
}

/** Adds the recording middleware to `client`; every answer lands in `sink`. Returns the client. */
export function recording<C>(client: C, sink: Exchange[]): C {
  (client as unknown as Recordable).middlewareStack.add(
    (next: (args: { request: HttpRequest }) => Promise<{ response: HttpResponse }>) =>
      async (args: { request: HttpRequest }) => {
        const result = await next(args);
        const chunks: Buffer[] = [];
        for await (const chunk of result.response.body as AsyncIterable<Buffer>)
          chunks.push(Buffer.from(chunk));
        const body = Buffer.concat(chunks);
        result.response.body = Readable.from([body]);
        const target = args.request.headers['x-amz-target'];
        sink.push({
          protocol: target ? 'json' : 'query',
          operation: target
            ? (target.split('.')[1] ?? '')
            : (new URLSearchParams(String(args.request.body)).get('Action') ?? ''),
          status: result.response.statusCode,
          headers: Object.fromEntries(
            Object.entries(result.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
          ),
          body: body.toString('utf8'),
        });
        return result;
      },
    { step: 'deserialize', priority: 'low', name: 'recordRawExchange' },
  );
  return client;
}

/** Errors every AWS API may answer without modelling them (AWS "Common Errors"), per protocol. */
const COMMON_ERRORS = {
  json: new Set([
    'AccessDeniedException',
    'ExpiredTokenException',
    'IncompleteSignatureException',
    'InternalFailure',
    'MissingAuthenticationTokenException',
    'SerializationException',
    'ServiceUnavailable',
    'ThrottlingException',
    'UnknownOperationException',
    'UnrecognizedClientException',
    'ValidationException',
  ]),
  query: new Set([
    'AccessDenied',
    'IncompleteSignature',
    'InternalFailure',
    'InvalidAction',
    'InvalidClientTokenId',
    'MissingAuthenticationToken',
    'ServiceUnavailable',
    'Throttling',
    'ValidationError',
  ]),
};

/** An error's code, body and class against the model (modelled error) or the common errors. */
function checkError(
  model: ServiceModel,
  x: Exchange,
  code: string,
  members: unknown,
  path: string,
): string[] {
  const schema = model.error(code);
  if (!schema) {
    if (!COMMON_ERRORS[x.protocol].has(code))
      return [`${path}: ${code} is neither modelled nor a common error`];
    return [];
  }
  const problems = validateAgainst(model, schema, members, x.protocol === 'json' ? 'json' : 'xml', path);
  const fault = (schema.getMergedTraits() as { error?: string }).error;
  if ((fault === 'server') !== x.status >= 500)
    problems.push(`${path}: a ${fault} error answered ${x.status}`);
  return problems;
}

function checkJson(model: ServiceModel, x: Exchange, path: string): string[] {
  if (x.headers['content-type'] !== 'application/x-amz-json-1.1')
    return [`${path}: content-type ${x.headers['content-type']}`];
  const body = JSON.parse(x.body) as Record<string, unknown>;
  if (x.status === 200) return validateAgainst(model, model.output(x.operation), body, 'json', path);
  const { __type, ...members } = body;
  if (typeof __type !== 'string') return [`${path}: error without __type`];
  const code = __type.split('#').at(-1)!.split(':')[0]!;
  if (!model.error(code)) {
    const extra = Object.keys(members).filter((k) => k !== 'message' && k !== 'Message');
    if (extra.length > 0) return [`${path}: common error ${code} with members ${extra.join(', ')}`];
  }
  return checkError(model, x, code, members, `${path}!${code}`);
}

const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);

function checkQuery(model: ServiceModel, x: Exchange, path: string): string[] {
  if (x.headers['content-type'] !== 'text/xml') return [`${path}: content-type ${x.headers['content-type']}`];
  const root = parseXml(x.body);
  if (x.status === 200) {
    const result = child(root, `${x.operation}Result`);
    const requestId = child(root, 'ResponseMetadata') && child(child(root, 'ResponseMetadata')!, 'RequestId');
    if (root.name !== `${x.operation}Response` || !result || !requestId || root.children.length !== 2)
      return [`${path}: not <${x.operation}Response><${x.operation}Result/><ResponseMetadata/>`];
    return validateAgainst(model, model.output(x.operation), result, 'xml', path);
  }
  const error = child(root, 'Error');
  if (root.name !== 'ErrorResponse' || !error || !child(root, 'RequestId'))
    return [`${path}: not an <ErrorResponse>`];
  const type = child(error, 'Type')?.text;
  const code = child(error, 'Code')?.text ?? '';
  const problems: string[] = [];
  if ((type === 'Receiver') !== x.status >= 500 || (type !== 'Sender' && type !== 'Receiver'))
    problems.push(`${path}: <Type>${type}</Type> with status ${x.status}`);
  const extra = error.children.filter((c) => !['Type', 'Code', 'Message'].includes(c.name));
  if (extra.length > 0) problems.push(`${path}: <Error> holds ${extra.map((c) => c.name).join(', ')}`);
  return [
    ...problems,
    ...checkError(model, x, code, { name: 'Error', children: [], text: '' }, `${path}!${code}`),
  ];
}

/** Checks one exchange against its service's model; returns the violations. */
export function checkExchange(model: ServiceModel, x: Exchange): string[] {
  const path = `${x.operation}(${x.status})`;
  const problems = x.headers['x-amzn-requestid'] ? [] : [`${path}: no x-amzn-requestid`];
  return [...problems, ...(x.protocol === 'json' ? checkJson(model, x, path) : checkQuery(model, x, path))];
}
