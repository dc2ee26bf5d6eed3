/**
 * Opaque pagination tokens. A token names the operation and request it belongs to and carries a
 * checksum, so a token from another operation, account, rule or filter, or a tampered one, is
 * rejected with InvalidNextTokenException as AWS does.
 */
import { hashString } from '../org/prng.js';
import { InvalidInputExceptionReason } from '../serviceModel.js';
import { SimError } from './errors.js';

/** Encodes `offset` for the request identified by `context`. */
export function encodeToken(context: string, offset: number): string {
  const body = `${offset}:${hashString(`${context}|${offset}`, 0x5eed).toString(36)}`;
  return Buffer.from(body, 'utf8').toString('base64url');
}

/**
 * Decodes a token for `context`; returns the offset or throws the given error code
 * (`InvalidNextTokenException` for Config, `InvalidInputException` for Organizations).
 */
export function decodeToken(token: string, context: string, errorCode = 'InvalidNextTokenException'): number {
  const invalid = () =>
    new SimError(
      errorCode,
      'The nextToken provided is invalid',
      400,
      errorCode === 'InvalidInputException'
        ? { Reason: InvalidInputExceptionReason.INVALID_PAGINATION_TOKEN }
        : {},
    );
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^(\d{1,9}):([0-9a-z]+)$/.exec(text);
  if (!m) throw invalid();
  const offset = Number(m[1]);
  if (hashString(`${context}|${offset}`, 0x5eed).toString(36) !== m[2]) throw invalid();
  return offset;
}
