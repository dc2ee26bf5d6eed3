/**
 * `configreport sim`: starts the AWS simulator (flags shared with `npm run sim`), prints the
 * environment variables that point SDKs and the AWS CLI at it, and runs until SIGINT / SIGTERM.
 */
import {
  FlagError,
  formatEnv,
  type SimulatorFlags,
  simulatorOptionsFromFlags,
} from '../../../simulator/flags.js';
import type { SimulatorOptions } from '../../../simulator/types.js';
import type { CliDeps } from '../deps.js';
import { ExitCode, UsageError } from '../exitCodes.js';
import type { CliIo } from '../io.js';

/** Turns the shared simulator flags into options; a bad flag is a usage error. */
export function simulatorOptions(flags: SimulatorFlags): SimulatorOptions {
  try {
    return simulatorOptionsFromFlags(flags);
  } catch (error) {
    if (error instanceof FlagError) throw new UsageError(error.message);
    throw error;
  }
}

/** Runs the simulator until the user stops it. Prints as soon as it listens. */
export async function simCommand(
  io: CliIo,
  deps: CliDeps,
  output: { json: boolean },
  flags: SimulatorFlags,
): Promise<ExitCode> {
  const sim = await deps.startSimulator(simulatorOptions(flags));
  try {
    const accounts = sim.accounts();
    const active = accounts.filter((a) => a.state === 'ACTIVE').length;
    if (output.json) {
      io.stdout.write(
        `${JSON.stringify({
          ok: true,
          command: 'sim',
          endpoint: sim.endpoint,
          s3_endpoint: sim.s3Endpoint ?? null,
          bucket: sim.bucket,
          region: sim.region,
          regions: sim.regions,
          hub_account_id: sim.hubAccountId,
          role_name: sim.roleName,
          accounts: accounts.length,
          active_accounts: active,
          env: sim.env,
          topics: sim.topics(),
        })}\n`,
      );
    } else {
      io.stdout.write(
        `# configreport simulator: ${accounts.length} accounts (${active} active), regions ${sim.regions.join(', ')}\n` +
          `# hub account ${sim.hubAccountId}, role ${sim.roleName}, counters: ${sim.endpoint}/_sim/counters\n` +
          sim
            .topics()
            .map((arn) => `# SNS topic ${arn} (messages: ${sim.endpoint}/_sim/sns/messages)\n`)
            .join('') +
          `${formatEnv(sim.env)}\n# Ctrl-C to stop\n`,
      );
    }
    const signal = await (io.waitForStop?.() ?? Promise.resolve('none'));
    io.stderr.write(`simulator stopping (${signal})\n`);
    return ExitCode.Ok;
  } finally {
    await sim.stop();
  }
}
