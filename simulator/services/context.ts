/** What every service handler receives, and small input readers shared by the JSON services. */
import { SimError, validationMessage } from '../http/errors.js';
import type { Principal } from '../identity/credentials.js';
import type { SimState } from '../state.js';
import { checkLength, memberPath } from './validation.js';

/** One authenticated call. */
export interface CallContext {
  state: SimState;
  principal: Principal;
  /** Region from the SigV4 credential scope. */
  region: string;
  requestId: string;
}

/** A JSON 1.1 operation: parsed input → response object (or throws SimError). */
export type JsonOperation = (ctx: CallContext, input: Record<string, unknown>) => unknown;

/** Reads an optional string member (wrong type → SerializationException, as AWS). */
export function optString(input: Record<string, unknown>, member: string): string | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new SimError('SerializationException', `${member} must be a string`);
  return v;
}

/** Reads an optional integer member. */
export function optInt(input: Record<string, unknown>, member: string): number | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new SimError('SerializationException', `${member} must be an integer`);
  return v;
}

/**
 * Reads an optional list of strings; `max`, when the model constrains the list's length, is
 * checked as AWS does (ValidationException).
 */
export function optStringList(
  input: Record<string, unknown>,
  member: string,
  max?: number,
): string[] | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new SimError('SerializationException', `${member} must be a list of strings`);
  }
  if (max !== undefined) checkLength(v as string[], member, 0, max);
  return v as string[];
}

/** Reads a required string member. */
export function reqString(input: Record<string, unknown>, member: string): string {
  const v = optString(input, member);
  if (v === undefined) {
    throw new SimError(
      'ValidationException',
      validationMessage('null', memberPath(member), 'Member must not be null'),
    );
  }
  return v;
}

/** Epoch milliseconds → the epoch-seconds number awsJson1_1 carries. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
