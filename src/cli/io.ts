/**
 * The CLI's view of the outside world: output streams, input, environment, working folder. Passed
 * in, so tests can run the whole program in-process and read what it printed.
 */
import type { Readable } from 'node:stream';
import type { Env } from '../app/settings/load.js';
import { type CleanUpOnInterrupt, cleanUpOnInterrupt } from './interrupt.js';

/** Something text can be written to (process.stdout, a test buffer). */
export interface TextSink {
  write(text: string): unknown;
  /** True when this is an interactive terminal (progress bars only then). */
  isTTY?: boolean;
  columns?: number;
}

/** Everything the program touches outside itself. */
export interface CliIo {
  /** Results only: the human summary, or one JSON document in `--json` mode. */
  stdout: TextSink;
  /** Progress, logs, warnings and error messages. */
  stderr: TextSink;
  stdin: Readable;
  env: Env;
  cwd: string;
  /** Resolves when the user asks the process to stop (SIGINT / SIGTERM); used by `sim`. */
  waitForStop?: () => Promise<string>;
  /**
   * Registers a clean-up for Ctrl-C / SIGTERM (interrupt.ts); while any is registered, a signal runs
   * them and exits 130 / 143. Commands other than `sim` hold one for their whole run.
   */
  onInterrupt?: CleanUpOnInterrupt;
}

/** The real process's IO. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    onInterrupt: cleanUpOnInterrupt,
    waitForStop: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

/** Collects written text in memory (tests, and capturing output of nested steps). */
export class BufferSink implements TextSink {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 100,
  ) {}
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}
