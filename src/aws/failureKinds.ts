/**
 * Any failure of an AWS call, classified by what would fix it — by error name, code and HTTP status,
 * never by message text. The doctor's checks and the CLI's hints (src/cli/hints.ts) both use it, so
 * an error means the same thing wherever it surfaces.
 */
import { errorMessage, errorName, isConfigReportError } from '../core/errors.js';
import type { CheckFailure, FailureKind } from '../modes/doctor/ports.js';
import { httpStatus, isAccessDenied, isThrottlingError } from './errorKinds.js';
import { unreachableReason } from './failFast.js';

const BY_NAME: Readonly<Record<string, FailureKind>> = {
  CredentialsProviderError: 'no-credentials',
  ExpiredToken: 'expired-credentials',
  ExpiredTokenException: 'expired-credentials',
  RequestExpired: 'expired-credentials',
  TokenRefreshRequired: 'expired-credentials',
  InvalidClientTokenId: 'invalid-credentials',
  UnrecognizedClientException: 'invalid-credentials',
  InvalidAccessKeyId: 'invalid-credentials',
  SignatureDoesNotMatch: 'invalid-credentials',
  IncompleteSignature: 'invalid-credentials',
  MissingAuthenticationToken: 'invalid-credentials',
  EndpointUnreachableError: 'unreachable',
  AssumeRoleDeniedError: 'access-denied',
  NoSuchBucket: 'no-such-bucket',
  NoSuchBucketError: 'no-such-bucket',
  PermanentRedirect: 'wrong-region',
  AuthorizationHeaderMalformed: 'wrong-region',
  IllegalLocationConstraintException: 'wrong-region',
  AWSOrganizationsNotInUseException: 'not-in-organization',
};

/** The SDK error behind one of our wrappers (ConfigSourceError, AssumeRoleDeniedError): AWS's own. */
function unwrap(error: unknown): unknown {
  if (!isConfigReportError(error)) return error;
  const { cause } = error as { cause?: unknown };
  return cause === undefined ? error : unwrap(cause);
}

/** What kind of failure `error` is. */
export function failureKind(error: unknown): FailureKind {
  const inner = unwrap(error);
  const byName = BY_NAME[errorName(inner)];
  if (byName !== undefined) return byName;
  if (isAccessDenied(inner) || httpStatus(inner) === 403) return 'access-denied';
  if (httpStatus(inner) === 301) return 'wrong-region';
  if (isThrottlingError(inner)) return 'throttled';
  if (unreachableReason(inner, { connectMs: 0, answerMs: 0 }) !== undefined) return 'unreachable';
  return 'other';
}

/** `error` as the doctor reports it: kind, AWS's name, one-line message. */
export function toCheckFailure(error: unknown): CheckFailure {
  const inner = unwrap(error);
  const name = errorName(inner);
  const status = httpStatus(inner);
  // HEAD answers carry no body: the SDK names them by status ("NotFound", "Forbidden", "301").
  const message = errorMessage(inner) || (status !== undefined ? `HTTP ${status}` : name);
  return { kind: failureKind(error), name, message: message === 'UnknownError' ? `HTTP ${status}` : message };
}
