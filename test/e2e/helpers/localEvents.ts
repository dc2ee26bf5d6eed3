/**
 * Step Functions' optimized `events:putEvents` integration, locally: the task's parameters are sent
 * to the simulator's EventBridge with the real SDK client, as Step Functions would send them — each
 * `Detail` object serialized, the execution and state machine ARNs appended to `Resources` — and a
 * refused entry fails the task with `EventBridge.FailedEntry`.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { HUB_CREDENTIALS } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { type LocalHandler, lambdaError } from './localStateMachine.js';

/** The ARNs Step Functions appends to every event's resources (a local run has no real ones). */
export const LOCAL_EXECUTION_ARN = 'arn:aws:states:us-east-1:123456789012:execution:configreport:local';
export const LOCAL_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:configreport';

/** A handler for the event tasks that puts them on the simulator's default bus. */
export function eventsToSimulator(sim: RunningSimulator): LocalHandler {
  const client = new EventBridgeClient({
    region: sim.region,
    endpoint: sim.endpoint,
    credentials: HUB_CREDENTIALS,
    maxAttempts: 1,
  });
  return async (params) => {
    const entries = (params.Entries as Record<string, unknown>[]).map(
      (entry): PutEventsRequestEntry => ({
        ...(entry as PutEventsRequestEntry),
        Detail: typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail),
        Resources: [...((entry.Resources as string[]) ?? []), LOCAL_EXECUTION_ARN, LOCAL_STATE_MACHINE_ARN],
      }),
    );
    const out = await client.send(new PutEventsCommand({ Entries: entries }));
    if ((out.FailedEntryCount ?? 0) > 0)
      throw lambdaError('EventBridge.FailedEntry', JSON.stringify(out.Entries));
    return { FailedEntryCount: out.FailedEntryCount, Entries: out.Entries };
  };
}
