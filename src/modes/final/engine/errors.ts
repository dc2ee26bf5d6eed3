/**
 * The one error the thread engine raises: a worker thread that crashed, exited early or broke the
 * protocol. The run fails (a report with rows left out is never written).
 */
import { ConfigReportError, ErrorKind, errorMessage, guardFor } from '../../../core/errors.js';

/** A worker thread of final mode failed; `cause` holds the worker's own error when it threw one. */
export class FinalWorkerError extends ConfigReportError {
  override readonly name = 'FinalWorkerError';
  readonly kind = ErrorKind.Failed;
}

/** True for a {@link FinalWorkerError}, also one from another bundle copy. */
export const isFinalWorkerError = guardFor<FinalWorkerError>('FinalWorkerError');

/** The error to report for a worker's `error` event: its message, the original kept as `cause`. */
export function workerFailed(task: string, error: unknown): FinalWorkerError {
  return new FinalWorkerError(`${task} worker failed: ${errorMessage(error)}`, { cause: error });
}

/** The error to report for a worker that exited before it finished its task. */
export function workerExited(task: string, code: number): FinalWorkerError {
  return new FinalWorkerError(`${task} worker exited with code ${code} before finishing`);
}
