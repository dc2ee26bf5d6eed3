/**
 * A second line of defence for Organizations calls. The SDK already retries throttling, but its
 * backoff is short; Organizations publishes no rate, and a throttling storm during a plan must slow
 * the plan down, not fail it. This wraps one call (one page) with longer, jittered backoff.
 */

/** Throttling error names across AWS services (Organizations uses TooManyRequestsException). */
const THROTTLING_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
]);

/** Transient server-side error names worth another try. */
const TRANSIENT_NAMES = new Set([
  'ServiceException',
  'InternalFailure',
  'ServiceUnavailable',
  'InternalError',
]);

/** True for errors that a later identical call may not get: throttling, 5xx, dropped connections. */
export function isRetryableAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as {
    name?: unknown;
    code?: unknown;
    $retryable?: { throttling?: boolean };
    $metadata?: { httpStatusCode?: number };
  };
  const name = typeof candidate.name === 'string' ? candidate.name : '';
  if (THROTTLING_NAMES.has(name) || TRANSIENT_NAMES.has(name)) return true;
  if (candidate.$retryable !== undefined) return true;
  const status = candidate.$metadata?.httpStatusCode;
  if (status !== undefined && (status === 429 || status >= 500)) return true;
  return ['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED'].includes(String(candidate.code ?? ''));
}

/** Backoff settings. */
export interface RetryOptions {
  /** Extra attempts after the first (on top of the SDK's own retries inside each attempt). */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each wait, for logs and counters. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Defaults: up to 6 more tries, waits of up to 20 s (full jitter), about two minutes in all at worst. */
export const DEFAULT_RETRY: RetryOptions = { retries: 6, baseDelayMs: 500, maxDelayMs: 20_000 };

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `call`, retrying retryable errors with exponential backoff and full jitter. */
export async function withRetry<T>(
  call: () => Promise<T>,
  options: RetryOptions = DEFAULT_RETRY,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt > options.retries || !isRetryableAwsError(error)) throw error;
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.round(random() * ceiling);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
