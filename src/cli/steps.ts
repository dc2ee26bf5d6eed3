/**
 * Which step of a command was running: every mode call of the app is logged at debug level when it
 * starts (`-v` shows it), and an error escaping it is marked with the step, so the error line can
 * say `plan failed: …` — the step and, from the error itself, the endpoint.
 */
import type { App } from '../app/types.js';
import type { LoggerPort } from '../core/logger.js';

const STEP: unique symbol = Symbol.for('configreport.cli.step');

/** The step an error escaped from, when it was marked. */
export function stepOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const step = (error as Record<symbol, unknown>)[STEP];
  return typeof step === 'string' ? step : undefined;
}

/** Marks `error` with `step` (the innermost step wins); returns it. */
export function markStep<E>(error: E, step: string): E {
  if (typeof error === 'object' && error !== null && stepOf(error) === undefined) {
    try {
      Object.defineProperty(error, STEP, { value: step, enumerable: false });
    } catch {
      // A frozen error keeps its message without the step.
    }
  }
  return error;
}

/** Runs `work` as `step`: logged at debug level, and any error marked with the step. */
export async function inStep<T>(
  logger: LoggerPort,
  step: string,
  fields: object,
  work: () => Promise<T>,
): Promise<T> {
  logger.debug(`step: ${step}`, fields);
  try {
    return await work();
  } catch (error) {
    throw markStep(error, step);
  }
}

/** The app with each mode call run as a step (`plan`, `batch <shard>`, `final`). */
export function withSteps(app: App, logger: LoggerPort): App {
  return {
    get location() {
      return app.location;
    },
    get prefix() {
      return app.prefix;
    },
    describe: (key) => app.describe(key),
    close: () => app.close(),
    callerArn: () => app.callerArn(),
    plan: (event, supplied) =>
      inStep(logger, 'plan', { group_id: event.group_id }, () => app.plan(event, supplied)),
    batch: (event, options) =>
      inStep(logger, `batch ${event.shard_id}`, { group_id: event.group_id, shard_id: event.shard_id }, () =>
        app.batch(event, options),
      ),
    final: (event, options) =>
      inStep(logger, 'final', { group_id: event.group_id }, () => app.final(event, options)),
  };
}
