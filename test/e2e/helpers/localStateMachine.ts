/**
 * Runs the synthesized state machine definition in aws-local-stepfunctions (a local Amazon States
 * Language interpreter), with every Lambda task bound to an in-process handler. Used by the unit test
 * of the definition (stub handlers) and the end-to-end test (the real handler against the simulator).
 */

import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type StateMachine as LocalStateMachine, StateMachine } from 'aws-local-stepfunctions';
import { HubStack, type HubStackProps } from '../../../infra/lib/HubStack.js';
import { STATE_NAMES } from '../../../infra/lib/ReportStateMachine.js';
import { EVENT_STATE_NAMES } from '../../../infra/lib/runEvents.js';
import {
  type CfnTemplate,
  definitionFromTemplate,
  resolveIntrinsic,
} from '../../../infra/lib/stateMachineDefinition.js';
import { TEST_ORGANIZATION_ID } from '../../unit/infra/helpers/synth.js';

/** The ARN the definition's Lambda tasks are resolved to (never called: local handlers replace it). */
export const LOCAL_FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:configreport-hub';

/** The pseudo parameters a local definition is resolved with (the event tasks' ARNs name the partition). */
export const LOCAL_PSEUDO_PARAMETERS = { 'AWS::Partition': 'aws' } as const;

/** What a local run needs from the synthesized hub. */
export interface SynthesizedHub {
  /** The state machine definition, with the function ARN resolved. */
  readonly definition: Record<string, unknown>;
  /** The function's environment as deployed, with the bucket resolved to `bucketName`. */
  readonly functionEnvironment: Record<string, string>;
}

/**
 * Synthesizes the real hub stack (bundling included) and extracts the definition and environment.
 * The hub requires an organization id; the test one is used unless `props` names another. With
 * `notifyEmail`, the report topic the stack creates resolves to `resources.topicArn`.
 */
export function synthesizeHub(
  props: HubStackProps = {},
  bucketName = 'configreport-local',
  resources: { topicArn?: string } = {},
): SynthesizedHub {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new HubStack(app, 'LocalRunHub', {
    topology: 'stepfunctions',
    organizationId: TEST_ORGANIZATION_ID,
    ...props,
  });
  const template = Template.fromStack(stack).toJSON() as CfnTemplate;
  const fnId = stack.getLogicalId(stack.hub.fn.node.defaultChild as never);
  const bucketId = stack.getLogicalId(stack.storage.bucket.node.defaultChild as never);
  const topic = stack.notifications?.topic.node.defaultChild;
  const values = {
    ...LOCAL_PSEUDO_PARAMETERS,
    [`${fnId}.Arn`]: LOCAL_FUNCTION_ARN,
    [bucketId]: bucketName,
    ...(topic && resources.topicArn ? { [stack.getLogicalId(topic as never)]: resources.topicArn } : {}),
  };
  const fn = template.Resources?.[fnId]?.Properties as {
    Environment: { Variables: Record<string, unknown> };
  };
  const functionEnvironment = Object.fromEntries(
    Object.entries(fn.Environment.Variables).map(([name, value]) => [name, resolveIntrinsic(value, values)]),
  );
  return { definition: definitionFromTemplate(template, values), functionEnvironment };
}

/** The hub's state machine definition, synthesized from the real stack (bundling included). */
export function synthesizeDefinition(props: HubStackProps = {}): Record<string, unknown> {
  return synthesizeHub(props).definition;
}

/** An in-process stand-in for the Lambda function: receives the task's payload. */
export type LocalHandler = (payload: Record<string, unknown>) => Promise<unknown>;

/** Options of {@link runLocally}. */
export interface LocalRunOptions {
  /** The in-process handler bound to each Lambda task. */
  readonly handlers: { plan: LocalHandler; batch: LocalHandler; final: LocalHandler };
  /**
   * Bound to the `events:putEvents` tasks: receives the task's parameters (`{Entries}`, each
   * `Detail` still an object, as Step Functions holds it). Default: every event accepted, kept
   * nowhere.
   */
  readonly events?: LocalHandler;
}

/** The answer of a PutEvents that accepted every entry. */
export const acceptEvents: LocalHandler = async (params) => ({
  FailedEntryCount: 0,
  Entries: ((params.Entries as unknown[]) ?? []).map((_, i) => ({ EventId: `local-${i}` })),
});

/**
 * Parses and validates the definition as ASL (the interpreter's validator rejects what AWS would).
 * Validation takes about two seconds, so build the machine once per file and run it many times.
 */
export function localMachine(definition: Record<string, unknown>): LocalStateMachine {
  return new StateMachine(definition as never);
}

/**
 * Executes one run. `$$.Execution.StartTime` is the wall clock (the interpreter ignores a mocked
 * one). Retry waits are overridden to zero so retries cost no wall time; the retry policy (which
 * errors, how many attempts) is the deployed one.
 */
export async function runLocally(
  machine: LocalStateMachine,
  input: Record<string, unknown>,
  options: LocalRunOptions,
): Promise<Record<string, unknown>> {
  const events = options.events ?? acceptEvents;
  const execution = machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: {
        [STATE_NAMES.plan]: options.handlers.plan as never,
        [STATE_NAMES.collectShard]: options.handlers.batch as never,
        [STATE_NAMES.final]: options.handlers.final as never,
        [EVENT_STATE_NAMES.reportReady]: events as never,
        [EVENT_STATE_NAMES.reportFailed]: events as never,
      },
      retryIntervalOverrides: {
        [STATE_NAMES.plan]: 0,
        [STATE_NAMES.collectShard]: 0,
        [STATE_NAMES.final]: 0,
        [EVENT_STATE_NAMES.reportReady]: 0,
        [EVENT_STATE_NAMES.reportFailed]: 0,
      },
    },
  });
  return (await execution.result) as Record<string, unknown>;
}

/** An error as a Lambda task reports it: Step Functions matches on `name` (the errorType). */
export function lambdaError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** The error a run that must fail ends with: the interpreter wraps the failing state's error as `cause`. */
export async function failureOf(run: Promise<unknown>): Promise<{ cause: Error }> {
  try {
    await run;
  } catch (error) {
    return error as { cause: Error };
  }
  throw new Error('expected the execution to fail');
}
