/**
 * Builds the CDK app: the hub and the spoke stack from context, with cdk-nag's AwsSolutions checks
 * registered as a policy-validation plugin (cdk-nag v3), so `cdk synth` fails on any unacknowledged
 * finding.
 */
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { hubSettingsFromContext, spokePropsFromContext } from './context.js';
import { HubStack } from './HubStack.js';
import { SpokeStack } from './SpokeStack.js';

/** Stack names, as `cdk deploy <name>` and the docs use them. */
export const STACK_NAMES = { hub: 'ConfigReportHub', spoke: 'ConfigReportSpoke' } as const;

/** The two stacks of the app. */
export interface ConfigReportStacks {
  readonly hub: HubStack;
  readonly spoke: SpokeStack;
}

/**
 * Adds both stacks to `app` and registers the cdk-nag checks.
 * @example
 * const app = new App();
 * buildConfigReportApp(app, process.env);
 * app.synth();
 */
export function buildConfigReportApp(
  app: App,
  env: Readonly<Record<string, string | undefined>> = {},
): ConfigReportStacks {
  const ctx = (key: string): unknown => app.node.tryGetContext(key);
  const account = env.CDK_DEFAULT_ACCOUNT;
  const region = env.CDK_DEFAULT_REGION;
  const hub = new HubStack(app, STACK_NAMES.hub, {
    description: 'configreport hub: report bucket, function, daily run, alarms',
    ...(account && region ? { env: { account, region } } : {}),
    ...hubSettingsFromContext(ctx),
  });
  // Environment-agnostic on purpose: one template for every account of the StackSet.
  const spoke = new SpokeStack(app, STACK_NAMES.spoke, {
    description: 'configreport spoke: read-only AWS Config role for the hub function (and trustedPrincipals)',
    ...spokePropsFromContext(ctx),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { hub, spoke };
}
