/**
 * Reads the Amazon States Language definition back out of a synthesized template, resolving the
 * intrinsic functions CloudFormation would (the function ARN, the partition, …) from a table. Used by
 * the tests that run the real definition in a local interpreter, and handy for ASL visualizers.
 */

/** A CloudFormation template, as JSON. */
export interface CfnTemplate {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/** Values for intrinsics: `Ref` of a logical id / pseudo parameter, or `Fn::GetAtt` `"<id>.<attr>"`. */
export type IntrinsicValues = Readonly<Record<string, string>>;

/** Thrown when the template holds something this resolver cannot turn into a string. */
export class UnresolvableIntrinsicError extends Error {
  override readonly name = 'UnresolvableIntrinsicError';
}

/**
 * Resolves `Ref`, `Fn::GetAtt` and `Fn::Join` from the table.
 * @throws UnresolvableIntrinsicError for anything else, or a reference without a value.
 */
export function resolveIntrinsic(value: unknown, values: IntrinsicValues): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [fn, arg] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    if (fn === 'Ref' && typeof arg === 'string' && arg in values) return values[arg]!;
    if (fn === 'Fn::GetAtt' && Array.isArray(arg)) {
      const key = `${arg[0]}.${arg[1]}`;
      if (key in values) return values[key]!;
    }
    if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1]))
      return arg[1].map((part) => resolveIntrinsic(part, values)).join(arg[0]);
  }
  throw new UnresolvableIntrinsicError(`cannot resolve ${JSON.stringify(value)}: give it a value`);
}

/**
 * The parsed definition of the only `AWS::StepFunctions::StateMachine` in the template.
 * @throws Error when there is not exactly one state machine, or an intrinsic has no value.
 */
export function definitionFromTemplate(
  template: CfnTemplate,
  values: IntrinsicValues,
): Record<string, unknown> {
  const machines = Object.values(template.Resources ?? {}).filter(
    (r) => r.Type === 'AWS::StepFunctions::StateMachine',
  );
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const props = machines[0]!.Properties ?? {};
  const definition = props.DefinitionString ?? props.Definition;
  const text =
    typeof definition === 'object' && !('Fn::Join' in (definition as object))
      ? JSON.stringify(definition)
      : resolveIntrinsic(definition, values);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Logical ids of the template's resources of one type. */
export function logicalIdsOfType(template: CfnTemplate, type: string): string[] {
  return Object.entries(template.Resources ?? {})
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);
}
