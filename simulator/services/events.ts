/**
 * EventBridge (awsJson1_1, `AWSEvents`): `PutEvents`, recorded in `state.notifications` for tests
 * to read. As EventBridge: 1–10 entries (else ValidationException); each entry is accepted or
 * refused on its own — `Source`, `DetailType` and `Detail` are required (`InvalidArgument`) and
 * `Detail` must be a JSON object (`MalformedDetail`) — and refused entries are counted in
 * `FailedEntryCount`, never fail the call.
 */
import { randomUUID } from 'node:crypto';
import { SimError } from '../http/errors.js';
import { type JsonOperation, optString } from './context.js';
import { checkLength } from './validation.js';

/** EventBridge's largest entry (the whole request is capped at the same size). */
const MAX_ENTRY_BYTES = 262_144;

/** One result entry of PutEvents. */
type ResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

function entryFailure(code: string, message: string): ResultEntry {
  return { ErrorCode: code, ErrorMessage: message };
}

/** A JSON object (not an array, not a scalar), or undefined. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const putEvents: JsonOperation = (ctx, input) => {
  const entries = input.Entries;
  if (entries === undefined || entries === null)
    throw new SimError(
      'ValidationException',
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  if (!Array.isArray(entries) || entries.some((e) => typeof e !== 'object' || e === null))
    throw new SimError('SerializationException', 'Entries must be a list of structures');
  checkLength(
    entries.map(() => 'PutEventsRequestEntry'),
    'Entries',
    1,
    10,
  );
  if (Buffer.byteLength(JSON.stringify(entries)) > MAX_ENTRY_BYTES)
    throw new SimError('ValidationException', 'Total size of the entries in the request is over the limit.');
  const results = (entries as Record<string, unknown>[]).map((entry) => putOne(ctx, entry));
  return {
    FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
    Entries: results,
  };
};

function putOne(ctx: Parameters<JsonOperation>[0], entry: Record<string, unknown>): ResultEntry {
  const source = optString(entry, 'Source');
  const detailType = optString(entry, 'DetailType');
  const detailText = optString(entry, 'Detail');
  const missing = [
    ['Source', source],
    ['DetailType', detailType],
    ['Detail', detailText],
  ]
    .filter(([, value]) => value === undefined || value === '')
    .map(([name]) => name);
  if (missing.length > 0)
    return entryFailure('InvalidArgument', `Parameter(s) ${missing.join(', ')} could not be empty.`);
  const detail = jsonObject(detailText!);
  if (!detail) return entryFailure('MalformedDetail', 'Detail is malformed.');
  const resources = entry.Resources;
  if (resources !== undefined && (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string')))
    throw new SimError('SerializationException', 'Resources must be a list of strings');
  const time = entry.Time;
  if (time !== undefined && typeof time !== 'number')
    throw new SimError('SerializationException', 'Time must be a timestamp');
  const eventId = randomUUID();
  ctx.state.notifications.addEvent({
    eventId,
    eventBusName: optString(entry, 'EventBusName') ?? 'default',
    accountId: ctx.principal.accountId,
    region: ctx.region,
    source: source!,
    detailType: detailType!,
    detail,
    resources: (resources as string[] | undefined) ?? [],
    time: time === undefined ? ctx.state.now() : Math.round(time * 1000),
  });
  return { EventId: eventId };
}

/** EventBridge operations by name. */
export const EVENTS_OPERATIONS: Readonly<Record<string, JsonOperation>> = { PutEvents: putEvents };
