/** Runs `configreport` in-process through its real entry (`main`), with buffered output. */
import { Readable } from 'node:stream';
import { BufferSink, type CliIo } from '../../src/cli/io.js';
import { main } from '../../src/entry/cli.js';

/** What one command left: its exit code and its output. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `argv` with exactly `env` (nothing of the machine's), in `cwd`, with `stdin` as input. */
export async function runCli(
  argv: string[],
  options: { env: Record<string, string | undefined>; cwd: string; stdin?: string },
): Promise<CliRun> {
  const stdout = new BufferSink();
  const stderr = new BufferSink();
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from([options.stdin ?? '']),
    env: options.env,
    cwd: options.cwd,
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
