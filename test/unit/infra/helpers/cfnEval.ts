/**
 * A tiny evaluator of the CloudFormation intrinsics the spoke template uses (Ref to parameters,
 * Fn::Split, Fn::Equals/Not/And/Or, Condition, Fn::If with AWS::NoValue), so a test can see the policy
 * a StackSet would deploy for given parameter values. Anything else fails loudly.
 */

/** The parts of a synthesized template the evaluator reads. */
interface EvaluableTemplate {
  readonly Parameters?: Record<string, { Default?: string }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Rules?: Record<string, { Assertions: { Assert: unknown }[] }>;
}

const NO_VALUE = Symbol('AWS::NoValue');

/** Evaluates `value` against the template with the given parameter values (else their defaults). */
export function cfnEvaluate(
  synthesized: object,
  parameters: Record<string, string>,
  value: unknown,
): unknown {
  const template = synthesized as EvaluableTemplate;
  const param = (name: string): string => {
    const given = parameters[name] ?? template.Parameters?.[name]?.Default;
    if (given === undefined) throw new Error(`no value for parameter ${name}`);
    return given;
  };
  const condition = (name: string): boolean => {
    const expression = template.Conditions?.[name];
    if (expression === undefined) throw new Error(`no condition ${name}`);
    return evaluate(expression) as boolean;
  };
  const evaluate = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(evaluate).filter((item) => item !== NO_VALUE);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v as Record<string, unknown>);
    const [fn, arg] = entries[0] ?? [];
    const args = arg as unknown[];
    if (
      entries.length === 1 &&
      fn !== undefined &&
      (fn === 'Ref' || fn === 'Condition' || fn.startsWith('Fn::'))
    ) {
      if (fn === 'Ref') return arg === 'AWS::NoValue' ? NO_VALUE : param(arg as string);
      if (fn === 'Condition') return condition(arg as string);
      if (fn === 'Fn::Split') return (evaluate(args[1]) as string).split(args[0] as string);
      if (fn === 'Fn::Equals') return evaluate(args[0]) === evaluate(args[1]);
      if (fn === 'Fn::Not') return !evaluate(args[0]);
      if (fn === 'Fn::And') return args.every((a) => evaluate(a) === true);
      if (fn === 'Fn::Or') return args.some((a) => evaluate(a) === true);
      if (fn === 'Fn::If') return evaluate(condition(args[0] as string) ? args[1] : args[2]);
      throw new Error(`cfnEvaluate: unsupported ${fn}`);
    }
    return Object.fromEntries(entries.map(([k, item]) => [k, evaluate(item)]));
  };
  return evaluate(value);
}

/** True when every assertion of every rule holds for the parameter values. */
export function cfnRulesHold(synthesized: object, parameters: Record<string, string>): boolean {
  const template = synthesized as EvaluableTemplate;
  return Object.values(template.Rules ?? {}).every((rule) =>
    rule.Assertions.every((a) => cfnEvaluate(synthesized, parameters, a.Assert) === true),
  );
}
