/**
 * One synthesis per test file: builds a stack in a fresh App with cdk-nag registered exactly as the
 * real app does, synthesizes it, and returns the template. Bundling is skipped unless asked for: the
 * template is the same either way (only the asset hash differs), and esbuild costs seconds per synth.
 */
import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * App context that makes every `NodejsFunction` skip esbuild: the stacks to bundle, here none. The
 * CDK CLI sets the same key (e.g. to the selected stacks on `cdk deploy <stack>`); a skipped asset
 * keeps its place in the template with a hash derived from its construct path.
 */
export const SKIP_BUNDLING_CONTEXT: Readonly<Record<string, unknown>> = { [BUNDLING_STACKS]: [] };

/** The organization every test hub is deployed for (the hub requires one: aws:ResourceOrgID). */
export const TEST_ORGANIZATION_ID = 'o-abc123defg';

/** Options of {@link synth}. */
export interface SynthOptions {
  /** App context, as `cdk -c key=value` would give it. */
  readonly context?: Record<string, unknown>;
  /** Really bundle the function with esbuild (default false: only the template is needed). */
  readonly bundle?: boolean;
}

/** A synthesized stack. */
export interface Synthesized<S extends Stack> {
  readonly app: App;
  readonly stack: S;
  readonly template: Template;
  /** The template as plain JSON. */
  readonly json: {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  } & Record<string, unknown>;
}

/**
 * Builds and synthesizes. The built-in CloudFormation schema validation is skipped (it takes ~15 s per
 * hub synth and only reports warnings); cdk-nag runs as a validation plugin, so synth throws on any
 * unacknowledged finding.
 */
export function synth<S extends Stack>(build: (app: App) => S, options: SynthOptions = {}): Synthesized<S> {
  const context = { ...(options.bundle ? {} : SKIP_BUNDLING_CONTEXT), ...options.context };
  const app = new App({ builtinCloudFormationValidation: false, context });
  const stack = build(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = Template.fromStack(stack);
  return { app, stack, template, json: template.toJSON() as Synthesized<S>['json'] };
}

/** cdk-nag's findings for a scope, as `rule @ path` strings (for readable assertion failures). */
export function nagFindings(scope: Stack): { errors: string[]; warnings: string[] } {
  const report = new AwsSolutionsChecks().validateScope(scope);
  const describe = (severity: string) =>
    report.violations
      .filter((v) => v.severity === severity)
      .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`));
  return { errors: describe('error'), warnings: describe('warning') };
}

/** Every acknowledgement recorded in the tree: rule id and its written reason. */
export function acknowledgements(scope: Stack): { id: string; reason: string; path: string }[] {
  const found: { id: string; reason: string; path: string }[] = [];
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
        found.push({ id: id.replace(/^annotation::/i, ''), reason, path: construct.node.path });
    }
  }
  return found;
}

/** Every IAM policy statement in the template (managed/inline policies and role inline policies). */
export function policyStatements(json: Synthesized<Stack>['json']): Record<string, unknown>[] {
  const statements: Record<string, unknown>[] = [];
  for (const resource of Object.values(json.Resources)) {
    const props = resource.Properties ?? {};
    const docs: unknown[] = [];
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy')
      docs.push(props.PolicyDocument);
    if (resource.Type === 'AWS::IAM::Role')
      for (const p of (props.Policies as { PolicyDocument: unknown }[] | undefined) ?? [])
        docs.push(p.PolicyDocument);
    for (const doc of docs)
      statements.push(...((doc as { Statement: Record<string, unknown>[] }).Statement ?? []));
  }
  return statements;
}

/** A statement's actions as a list. */
export function actionsOf(statement: Record<string, unknown>): string[] {
  const action = statement.Action;
  return Array.isArray(action) ? (action as string[]) : [action as string];
}

/** A statement's resources as a list. */
export function resourcesOf(statement: Record<string, unknown>): unknown[] {
  const resource = statement.Resource;
  return Array.isArray(resource) ? resource : [resource];
}

/**
 * Hook timeout for a file's one synthesis (with esbuild bundling, where asked for): a few seconds on
 * an idle machine, but far more while other suites or benchmarks load both cores.
 */
export const SYNTH_TIMEOUT_MS = 180_000;
