/**
 * Clean-ups that must run even when the user interrupts the CLI. Node's default for SIGINT/SIGTERM
 * ends the process at once, skipping `finally` blocks, which would leave final mode's scratch folder
 * (a record spool of hundreds of MB at scale) in the temp folder, a hidden temp file beside a local
 * report, or a multipart upload open on S3. While at least one clean-up is registered, a signal runs
 * them, waits for those that return a promise (storage writes aborting: at most
 * {@link INTERRUPT_GRACE_MS}), then exits with 128 + the signal number (130 for Ctrl-C, 143 for
 * SIGTERM). A second signal during that wait exits at once. Every command but `sim` holds one for
 * its whole run (program.ts), so Ctrl-C at any point gives the same exit. With none registered,
 * Node's default behaviour is untouched (`sim` waits for the signals itself to stop cleanly).
 */
import type { WriteTracking } from '../app/types.js';
import { ConfigReportError, ErrorKind } from '../core/errors.js';

/** The longest an interrupted process waits for asynchronous clean-ups before it exits anyway. */
export const INTERRUPT_GRACE_MS = 5000;

/** The part of `process` this needs (a fake in tests). */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

/**
 * A clean-up. What it returns is ignored unless it is a promise: the exit then waits for it
 * (bounded by the grace time).
 */
export type CleanUp = (signal: NodeJS.Signals) => unknown;

/** Registers `cleanUp` to run on interruption; call the returned function once it is no longer needed. */
export type CleanUpOnInterrupt = (cleanUp: CleanUp) => () => void;

/** The reason of the interrupt's abort signal: the run was stopped by Ctrl-C or SIGTERM. */
export class InterruptedError extends ConfigReportError {
  override readonly name = 'InterruptedError';
  readonly kind = ErrorKind.Interrupted;
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

/** The storage writes of a command in flight (AppOptions.writes), so an interrupt can wait for them. */
export class PendingWrites implements WriteTracking {
  readonly #pending = new Set<Promise<unknown>>();

  track<T>(write: Promise<T>): Promise<T> {
    this.#pending.add(write);
    const forget = () => this.#pending.delete(write);
    write.then(forget, forget);
    return write;
  }

  /** Resolves once no write is in flight (writes started meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}

/** A registry bound to a signal source and an exit function. */
export function interruptCleanUps(
  source: SignalSource,
  exit: (code: number) => void,
  graceMs = INTERRUPT_GRACE_MS,
): CleanUpOnInterrupt {
  const pending = new Set<CleanUp>();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = signal === 'SIGTERM' ? 143 : 130;
    if (interrupted) {
      exit(code);
      return;
    }
    interrupted = true;
    const waits: Promise<unknown>[] = [];
    for (const cleanUp of pending) {
      try {
        const result = cleanUp(signal);
        if (result instanceof Promise) waits.push(result);
      } catch {
        // Best effort: the process is going away; one failing clean-up must not stop the others.
      }
    }
    pending.clear();
    // The listeners stay: until the exit, a second signal must land here, not on Node's default.
    if (waits.length === 0) {
      exit(code);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    void Promise.race([Promise.allSettled(waits), grace]).then(() => {
      clearTimeout(timer);
      exit(code);
    });
  };
  const listen = (on: boolean): void => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      if (on) source.on(signal, onSignal);
      else source.off(signal, onSignal);
    }
  };
  return (cleanUp) => {
    if (pending.size === 0 && !interrupted) listen(true);
    pending.add(cleanUp);
    return () => {
      if (pending.delete(cleanUp) && pending.size === 0 && !interrupted) listen(false);
    };
  };
}

/** The process-wide registry. */
export const cleanUpOnInterrupt: CleanUpOnInterrupt = interruptCleanUps(process, (code) =>
  process.exit(code),
);
