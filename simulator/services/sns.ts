/**
 * SNS (awsQuery: form-encoded request, XML response): `Publish` to a standard topic the simulator
 * knows (`createTopic`), recorded in `state.notifications` for tests to read. The checks are SNS's
 * own: a known topic in the call's region, owned by the caller's account (the default topic policy),
 * a non-empty message of at most 256 KiB, a subject under 100 characters without control
 * characters, at most 10 message attributes with a String/Number/Binary type.
 */
import { randomUUID } from 'node:crypto';
import { SimError, xmlEscape } from '../http/errors.js';
import type { CallContext } from './context.js';

/** The awsQuery namespace of SNS answers (errors too). */
export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
/** SNS's largest message: 256 KiB of UTF-8. */
const MAX_MESSAGE_BYTES = 262_144;
const MAX_ATTRIBUTES = 10;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
/** What SNS forbids in a subject: line breaks and other control characters. */
const CONTROL = /[\u0000-\u001f\u007f]/;

function invalidParameter(what: string): SimError {
  return new SimError('InvalidParameter', `Invalid parameter: ${what}`);
}

function wrap(operation: string, result: string, requestId: string): string {
  return (
    `<${operation}Response xmlns="${SNS_XMLNS}"><${operation}Result>${result}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

/** `MessageAttributes.entry.N.{Name,Value.DataType,Value.StringValue|BinaryValue}` → by name. */
function messageAttributes(params: URLSearchParams): Record<string, { dataType: string; value: string }> {
  const out: Record<string, { dataType: string; value: string }> = {};
  for (let n = 1; params.has(`MessageAttributes.entry.${n}.Name`); n++) {
    const at = `MessageAttributes.entry.${n}`;
    const name = params.get(`${at}.Name`) ?? '';
    const dataType = params.get(`${at}.Value.DataType`) ?? '';
    const value = params.get(`${at}.Value.StringValue`) ?? params.get(`${at}.Value.BinaryValue`) ?? '';
    if (!/^(String|Number|Binary)(\..+)?$/.test(dataType))
      throw new SimError(
        'ParameterValueInvalid',
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    if (value === '')
      throw new SimError(
        'ParameterValueInvalid',
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType.split('.')[0]}'.`,
      );
    out[name] = { dataType, value };
  }
  const count = Object.keys(out).length;
  if (count > MAX_ATTRIBUTES)
    throw new SimError(
      'ParameterValueInvalid',
      `Number of message attributes [${count}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  return out;
}

/** The message to deliver: the text, or with `MessageStructure=json` its `default` entry. */
function messageText(params: URLSearchParams): string {
  const message = params.get('Message');
  if (message === null || message === '') throw invalidParameter('Empty message');
  if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  const structure = params.get('MessageStructure');
  if (structure === null) return message;
  if (structure !== 'json') throw invalidParameter('MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const fallback = (parsed as { default?: unknown } | null)?.default;
  if (typeof fallback !== 'string')
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  return fallback;
}

function checkSubject(subject: string | null): string | undefined {
  if (subject === null) return undefined;
  if (subject.length === 0 || subject.length >= 100 || CONTROL.test(subject) || /^\s/.test(subject))
    throw invalidParameter('Subject');
  return subject;
}

/** The topic of a Publish: known, in this region, and the caller's own (default topic policy). */
function topicOf(ctx: CallContext, params: URLSearchParams): string {
  const topicArn = params.get('TopicArn') ?? params.get('TargetArn');
  if (topicArn === null) {
    if (params.get('PhoneNumber') !== null) throw invalidParameter('PhoneNumber: SMS is not simulated');
    throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  }
  const arn = TOPIC_ARN.exec(topicArn);
  if (!arn) throw invalidParameter('TopicArn');
  if (arn[3]) throw invalidParameter('TopicArn: FIFO topics are not simulated');
  if (arn[1] !== ctx.region || !ctx.state.notifications.hasTopic(topicArn))
    throw new SimError('NotFound', 'Topic does not exist', 404);
  if (arn[2] !== ctx.principal.accountId)
    throw new SimError(
      'AuthorizationError',
      `User: ${ctx.principal.arn} is not authorized to perform: SNS:Publish on resource: ${topicArn} ` +
        'because no resource-based policy allows the SNS:Publish action',
      403,
    );
  return topicArn;
}

function publish(ctx: CallContext, params: URLSearchParams): string {
  const topicArn = topicOf(ctx, params);
  const message = messageText(params);
  const subject = checkSubject(params.get('Subject'));
  if (params.get('MessageGroupId') !== null)
    throw invalidParameter(
      'The request includes MessageGroupId parameter that is not valid for this topic type',
    );
  const attributes = messageAttributes(params);
  const messageId = randomUUID();
  ctx.state.notifications.addMessage({
    messageId,
    topicArn,
    publisherAccountId: ctx.principal.accountId,
    ...(subject !== undefined ? { subject } : {}),
    message,
    attributes,
    receivedAt: ctx.state.now(),
  });
  return wrap('Publish', `<MessageId>${xmlEscape(messageId)}</MessageId>`, ctx.requestId);
}

/** SNS operations by name: form parameters → XML body. */
export const SNS_OPERATIONS: Readonly<Record<string, (ctx: CallContext, params: URLSearchParams) => string>> =
  { Publish: publish };
