/**
 * Classification of SDK errors at the adapter boundary, by error name and HTTP status (never by
 * message text). The lists follow the SDK's own retry classification (aws-facts.md §1.5), so what
 * we count as a throttle is what the SDK retried as one.
 */
import { errorName } from '../core/errors.js';

export { errorMessage, errorName } from '../core/errors.js';

const THROTTLING_NAMES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const ACCESS_DENIED_NAMES = new Set(['AccessDenied', 'AccessDeniedException']);

interface ErrorLike {
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : {};
}

/** HTTP status of an SDK service error, when it has one. */
export function httpStatus(error: unknown): number | undefined {
  return asErrorLike(error).$metadata?.httpStatusCode;
}

/** True for a throttling answer (by name, HTTP 429 or the SDK's throttling trait). */
export function isThrottlingError(error: unknown): boolean {
  const e = asErrorLike(error);
  return (
    THROTTLING_NAMES.has(errorName(error)) || httpStatus(error) === 429 || e.$retryable?.throttling === true
  );
}

/** True for a transient failure worth another round: timeouts, 500/502/503/504, dropped sockets. */
export function isTransientError(error: unknown): boolean {
  const e = asErrorLike(error);
  const status = httpStatus(error);
  return (
    TRANSIENT_NAMES.has(errorName(error)) ||
    (status !== undefined && TRANSIENT_STATUSES.has(status)) ||
    (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code))
  );
}

/** True when the caller is not allowed (STS `AccessDenied`, service `AccessDeniedException`). */
export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED_NAMES.has(errorName(error));
}

/** True for an abort (deadline reached), whichever layer raised it. */
export function isAbortError(error: unknown): boolean {
  const name = errorName(error);
  return name === 'AbortError' || name === 'DeadlineReachedError';
}
