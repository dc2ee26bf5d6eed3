/**
 * `npm run sim`: starts the simulator with the given flags, prints the environment variables that
 * point the AWS SDKs / CLI at it, and runs until SIGINT or SIGTERM.
 *
 * @example
 * npm run sim -- --accounts 100 --rate 5 --latency 30
 */
import { Command } from 'commander';
import {
  addSimulatorFlags,
  FlagError,
  formatEnv,
  type SimulatorFlags,
  simulatorOptionsFromFlags,
} from './flags.js';
import { startSimulator } from './index.js';

async function main(argv: string[]): Promise<void> {
  const program = addSimulatorFlags(
    new Command('sim').description(
      'Local AWS simulator: STS, Config, Organizations, SNS, EventBridge and S3 on 127.0.0.1',
    ),
  );
  program.parse(argv);
  const options = simulatorOptionsFromFlags(program.opts<SimulatorFlags>());
  const sim = await startSimulator(options);
  const active = sim.accounts().filter((a) => a.state === 'ACTIVE').length;
  process.stdout.write(
    `# configreport simulator: ${sim.accounts().length} accounts (${active} active), regions ${sim.regions.join(', ')}\n` +
      `# hub account ${sim.hubAccountId}, role ${sim.roleName}, admin: ${sim.endpoint}/_sim/counters\n` +
      sim
        .topics()
        .map((arn) => `# SNS topic ${arn} (messages: ${sim.endpoint}/_sim/sns/messages)\n`)
        .join('') +
      `${formatEnv(sim.env)}\n# Ctrl-C to stop\n`,
  );
  const stop = () => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv).catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof FlagError ? err.message : err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(2);
});
