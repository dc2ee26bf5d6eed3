/**
 * CLI entry point: wires the composition root (the app and the doctor), the simulator and the clock into the program, runs
 * it with the process's IO, and resolves to the exit code. `bin/configreport.js` calls `main`.
 * The app (AWS SDK, modes) and the simulator are imported on first use, so `--help` and usage
 * errors answer at once.
 */
import type { CliDeps } from '../cli/deps.js';
import type { ExitCode } from '../cli/exitCodes.js';
import { type CliIo, processIo } from '../cli/io.js';
import { runProgram } from '../cli/program.js';

/** The real dependencies. */
export const realDeps: CliDeps = {
  openApp: async (settings, options) => (await import('../app/createApp.js')).createApp(settings, options),
  openDoctor: async (settings, options) => (await import('../app/doctor.js')).createDoctor(settings, options),
  startSimulator: async (options) => (await import('../../simulator/index.js')).startSimulator(options),
  now: () => new Date(),
};

/** Runs `configreport` with `argv` (arguments after the script name). */
export function main(argv: string[], io: CliIo = processIo(), deps: CliDeps = realDeps): Promise<ExitCode> {
  return runProgram(argv, io, deps);
}
