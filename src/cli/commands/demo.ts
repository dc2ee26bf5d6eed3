/**
 * `configreport demo`: starts the simulator with a synthetic organization (size, seed and faults
 * settable), runs the whole pipeline against it into a local folder (default `./out/demo`), and
 * prints the summary table and the workbook's path. Nothing outside the loopback simulator and
 * the output folder is touched: the user's AWS variables, bucket and config file are ignored.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { RunningSimulator, SimulatorOptions } from '../../../simulator/types.js';
import { type Env, loadSettings } from '../../app/settings/load.js';
import type { PlanEvent } from '../../core/event.js';
import { REGION_PATTERN } from '../../core/ids.js';
import { batchPrefix, planKey } from '../../core/keys.js';
import { type CommandContext, type CommandOutcome, openApp } from '../context.js';
import { defaultGroupId } from '../eventFields.js';
import { eventForCommand } from '../eventInput.js';
import { UsageError } from '../exitCodes.js';
import { note, runPipeline } from '../pipeline.js';
import { pipelineOutcome } from './run.js';

/** Demo flags as commander gives them (strings). */
export interface DemoFlags {
  accounts?: string;
  seed?: string;
  deny?: string;
  configOff?: string;
  recorderStopped?: string;
  regions?: string;
  rules?: string;
  resources?: string;
  latency?: string;
  rate?: string;
  errorRate?: string;
  out?: string;
  shardSize?: string;
  shardConcurrency?: string;
  groupId?: string;
  strict?: boolean;
}

const int = (flag: string, min: number, max: number) =>
  z.coerce
    .number({ error: `--${flag} must be a number` })
    .int(`--${flag} must be a whole number`)
    .min(min, `--${flag} must be at least ${min}`)
    .max(max, `--${flag} must be at most ${max}`);
const share = (flag: string) =>
  z.coerce
    .number({ error: `--${flag} must be a number` })
    .min(0, `--${flag} must be between 0 and 1`)
    .max(1, `--${flag} must be between 0 and 1`);

/** Demo defaults: 40 accounts, 2 denied roles, 1 account with Config off, shards of 10. */
export const demoSchema = z.object({
  accounts: int('accounts', 2, 5000).default(40),
  seed: int('seed', 0, 2 ** 31).default(1),
  deny: int('deny', 0, 1000).default(2),
  configOff: int('config-off', 0, 1000).default(1),
  recorderStopped: int('recorder-stopped', 0, 1000).default(0),
  regions: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(REGION_PATTERN, '--regions must list regions like us-east-1')).min(1))
    .optional(),
  rules: int('rules', 1, 200).optional(),
  resources: int('resources', 1, 100_000).optional(),
  latency: int('latency', 0, 10_000).optional(),
  rate: z.coerce.number({ error: '--rate must be a number' }).positive('--rate must be above 0').optional(),
  errorRate: share('error-rate').optional(),
  out: z.string().min(1).default('./out/demo'),
  shardSize: int('shard-size', 1, 1000).default(10),
  shardConcurrency: int('shard-concurrency', 1, 64).default(4),
  groupId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, '--group-id may contain only letters, digits, ".", "_" and "-"')
    .refine((id) => !id.includes('..'), '--group-id must not contain ".."')
    .optional(),
  strict: z.boolean().default(false),
});
export type DemoOptions = z.infer<typeof demoSchema>;

/** Validates the demo flags. @throws UsageError naming each bad flag. */
export function parseDemoFlags(flags: DemoFlags): DemoOptions {
  const parsed = demoSchema.safeParse(flags);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => issue.message);
    throw new UsageError(`Invalid demo options: ${details.join('; ')}`, details);
  }
  const faults = parsed.data.deny + parsed.data.configOff + parsed.data.recorderStopped;
  if (faults >= parsed.data.accounts)
    throw new UsageError('--deny + --config-off + --recorder-stopped must leave some healthy accounts');
  return parsed.data;
}

/** Variables of the user's environment the demo never inherits (it must not reach real AWS or a real bucket). */
function isForeign(name: string): boolean {
  return (
    name.startsWith('AWS_') ||
    [
      'REPORT_BUCKET',
      'REPORT_PREFIX',
      'CONFIGREPORT_REGIONS',
      'CONFIGREPORT_ROLE_NAME',
      'CONFIGREPORT_EXTERNAL_ID',
      'ORGANIZATIONS_ROLE_ARN',
      'ORGANIZATIONS_EXTERNAL_ID',
      'PLAN_EXCLUDE_ACCOUNTS',
    ].includes(name)
  );
}

/** The demo's environment: tuning variables of the user, the simulator's endpoints and dummy keys. */
export function demoEnv(userEnv: Env, simEnv: Record<string, string>): Env {
  const kept = Object.fromEntries(Object.entries(userEnv).filter(([name]) => !isForeign(name)));
  const { REPORT_BUCKET: _bucket, ...sim } = simEnv;
  // The simulator has no rate limit unless asked, so the client-side pacing can be generous.
  return { CONFIGREPORT_RATE: '25', CONFIGREPORT_BURST: '25', ...kept, ...sim };
}

/** Picks fault targets among active member accounts, spread evenly and without overlap. */
export function pickFaultTargets(
  members: readonly string[],
  counts: { deny: number; configOff: number; recorderStopped: number },
): { denied: string[]; configOff: string[]; recorderStopped: string[] } {
  const total = counts.deny + counts.configOff + counts.recorderStopped;
  const step = members.length / (total + 1);
  const picked = Array.from({ length: total }, (_, i) => members[Math.floor(step * (i + 1))]!);
  return {
    denied: picked.slice(0, counts.deny),
    configOff: picked.slice(counts.deny, counts.deny + counts.configOff),
    recorderStopped: picked.slice(counts.deny + counts.configOff),
  };
}

/** The simulator's options for the demo's flags. */
export function simulatorOptions(options: DemoOptions, now: Date): SimulatorOptions {
  // The org's evaluations are from the day before today's midnight (UTC), as a daily run finds them.
  const epochMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sim: SimulatorOptions = { accounts: options.accounts, seed: options.seed, s3: false, epochMs };
  if (options.regions) sim.regions = options.regions;
  if (options.rules !== undefined) sim.rulesPerRegion = options.rules;
  if (options.resources !== undefined) sim.resourcesPerRegion = options.resources;
  if (options.latency !== undefined) sim.faults = { latencyMs: options.latency };
  if (options.errorRate !== undefined) sim.faults = { ...sim.faults, errorRate: options.errorRate };
  if (options.rate !== undefined) {
    const rateLimit = { rps: options.rate, burst: Math.max(1, Math.floor(options.rate)) };
    sim.faultRules = [{ scope: { service: 'config' }, fault: { rateLimit } }];
  }
  return sim;
}

type FaultTargets = ReturnType<typeof pickFaultTargets>;

/** Denies roles, turns Config off and stops recorders in accounts picked across the org. */
function injectFaults(sim: RunningSimulator, options: DemoOptions): FaultTargets {
  const members = sim
    .accounts()
    .filter((a) => a.state === 'ACTIVE' && a.accountId !== sim.hubAccountId)
    .map((a) => a.accountId);
  if (options.deny + options.configOff + options.recorderStopped >= members.length)
    throw new UsageError(`the org has only ${members.length} active member accounts: ask for fewer faults`);
  const targets = pickFaultTargets(members, options);
  for (const id of targets.denied) sim.denyRole(id, true);
  for (const id of targets.configOff) sim.setConfigEnabled(id, undefined, false);
  for (const id of targets.recorderStopped) sim.setRecorderRunning(id, undefined, false);
  return targets;
}

/** The lines above the summary: the org and which accounts were given which fault. */
function demoPreface(sim: RunningSimulator, options: DemoOptions, targets: FaultTargets): string {
  const name = (id: string) => sim.accounts().find((a) => a.accountId === id)?.name ?? id;
  const faultLine = (label: string, ids: string[]) =>
    ids.length > 0 ? `  ${label}: ${ids.map((id) => `${name(id)} (${id})`).join(', ')}\n` : '';
  return (
    `Demo org: ${options.accounts} accounts, regions ${sim.regions.join(', ')}, seed ${options.seed}\n` +
    faultLine('denied role', targets.denied) +
    faultLine('Config off', targets.configOff) +
    faultLine('recorder stopped', targets.recorderStopped) +
    '\n'
  );
}

/** Runs the demo. */
export async function demoCommand(ctx: CommandContext, flags: DemoFlags): Promise<CommandOutcome> {
  const options = parseDemoFlags(flags);
  note(ctx, `demo: starting the simulator with ${options.accounts} accounts (seed ${options.seed})`);
  const sim = await ctx.deps.startSimulator(simulatorOptions(options, ctx.deps.now()));
  ctx.cleanup.push(() => sim.stop());
  const targets = injectFaults(sim, options);

  const out = resolve(ctx.io.cwd, options.out);
  const groupId = options.groupId ?? defaultGroupId(ctx.deps.now());
  // A demo rerun the same day must not merge shard files left by an earlier, differently sized run.
  await rm(join(out, ...batchPrefix('', groupId).split('/')), { recursive: true, force: true });
  await rm(join(out, ...planKey('', groupId).split('/')), { force: true });

  const env = demoEnv(ctx.io.env, sim.env);
  const { settings } = loadSettings({ env, surface: 'cli' });
  settings.store = { prefix: '', out };
  settings.aws.region = sim.region;
  settings.plan.regions = sim.regions;
  settings.batch.regions = sim.regions;
  const app = await openApp(ctx, settings, env);
  const planEvent = eventForCommand(
    { group_id: groupId, regions: sim.regions, role_name: sim.roleName, shard_size: options.shardSize },
    'plan',
  ) as PlanEvent;
  const result = await runPipeline(ctx, app, { plan: planEvent, shardConcurrency: options.shardConcurrency });
  const faults = {
    denied: targets.denied,
    config_off: targets.configOff,
    recorder_stopped: targets.recorderStopped,
  };
  const demo = { accounts: options.accounts, seed: options.seed, regions: sim.regions, faults };
  return pipelineOutcome(
    ctx,
    'demo',
    result,
    app,
    options.strict,
    { demo },
    demoPreface(sim, options, targets),
  );
}
