/**
 * CLI entry point: wires the real engine, simulator and clock into the program, runs it with the
 * process's IO, and resolves to the exit code. `bin/configreport.js` calls `main`.
 * The engine (AWS SDK, modes) and the simulator are imported on first use, so `--help` and usage
 * errors answer at once.
 */
import type { CliDeps, Engine } from '../cli/deps.js';
import type { ExitCode } from '../cli/exitCodes.js';
import { type CliIo, processIo } from '../cli/io.js';
import { runProgram } from '../cli/program.js';

const engine = async (): Promise<Engine> => (await import('../cli/engine.js')).realEngine;

/** The real dependencies. */
export const realDeps: CliDeps = {
  engine: {
    createRuntime: async (...args) => (await engine()).createRuntime(...args),
    plan: async (...args) => (await engine()).plan(...args),
    batch: async (...args) => (await engine()).batch(...args),
    final: async (...args) => (await engine()).final(...args),
  },
  startSimulator: async (options) => (await import('../../simulator/index.js')).startSimulator(options),
  now: () => new Date(),
};

/** Runs `configreport` with `argv` (arguments after the script name). */
export function main(argv: string[], io: CliIo = processIo(), deps: CliDeps = realDeps): Promise<ExitCode> {
  return runProgram(argv, io, deps);
}
