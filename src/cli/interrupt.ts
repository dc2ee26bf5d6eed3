/**
 * Clean-ups that must run even when the user interrupts the CLI. Node's default for SIGINT/SIGTERM
 * ends the process at once, skipping `finally` blocks, which would leave final mode's scratch folder
 * (a record spool of hundreds of MB at scale) in the temp folder. While at least one clean-up is
 * registered, a signal runs them (synchronously), then exits with 128 + the signal number (130 for
 * Ctrl-C, as before). Every command but `sim` holds one for its whole run (stopping the progress
 * bar, program.ts), so Ctrl-C at any point gives the same exit. With none registered, Node's default
 * behaviour is untouched (`sim` waits for the signals itself to stop cleanly).
 */

/** The part of `process` this needs (a fake in tests). */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Registers `cleanUp` to run on interruption; call the returned function once it is no longer needed. */
export type CleanUpOnInterrupt = (cleanUp: () => void) => () => void;

/** A registry bound to a signal source and an exit function. */
export function interruptCleanUps(source: SignalSource, exit: (code: number) => void): CleanUpOnInterrupt {
  const pending = new Set<() => void>();
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const cleanUp of pending) {
      try {
        cleanUp();
      } catch {
        // Best effort: the process is going away; one failing clean-up must not stop the others.
      }
    }
    pending.clear();
    exit(signal === 'SIGTERM' ? 143 : 130);
  };
  const listen = (on: boolean): void => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      if (on) source.on(signal, onSignal);
      else source.off(signal, onSignal);
    }
  };
  return (cleanUp) => {
    if (pending.size === 0) listen(true);
    pending.add(cleanUp);
    return () => {
      if (pending.delete(cleanUp) && pending.size === 0) listen(false);
    };
  };
}

/** The process-wide registry. */
export const cleanUpOnInterrupt: CleanUpOnInterrupt = interruptCleanUps(process, (code) =>
  process.exit(code),
);
