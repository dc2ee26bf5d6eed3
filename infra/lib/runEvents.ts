/**
 * The events a run puts on the account's default EventBridge bus, so anything can follow the
 * reports without polling: "ConfigReport Ready" after Final (detail: Final's result, keys and
 * counts), "ConfigReport Failed" when Plan, the collection or Final fails for good (detail: the
 * stage, the error and its cause). Step Functions' optimized `events:putEvents` integration adds
 * the execution and state machine ARNs to each event's `resources`, and fails the task with
 * `EventBridge.FailedEntry` when the entry is refused.
 */
import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/** The events' `source` and `detail-type`s (docs/contracts.md; rules match on them). */
export const RUN_EVENTS = {
  source: 'configreport',
  ready: 'ConfigReport Ready',
  failed: 'ConfigReport Failed',
} as const;

/** The run's stages a failure is attributed to (`detail.stage` of "ConfigReport Failed"). */
export type RunStage = 'plan' | 'collect' | 'final';

/** State names of the event path (the e2e test binds local handlers to the event tasks). */
export const EVENT_STATE_NAMES = {
  reportReady: 'ReportReady',
  readyEventNotSent: 'ReadyEventNotSent',
  reportFailed: 'ReportFailed',
  runFailed: 'RunFailed',
  failedIn: (stage: RunStage) => `${stage.charAt(0).toUpperCase()}${stage.slice(1)}Failed`,
} as const;

/** A few quick retries: a lost event is worth seconds, never the run. */
function withEventRetries(task: tasks.EventBridgePutEvents): tasks.EventBridgePutEvents {
  task.addRetry({
    errors: [sfn.Errors.ALL],
    interval: Duration.seconds(2),
    backoffRate: 2,
    maxAttempts: 3,
    jitterStrategy: sfn.JitterType.FULL,
  });
  return task;
}

/**
 * "ConfigReport Ready" with Final's result as the detail, the run's last state. An event that
 * cannot be put after retries does not fail the run (the report is out): the execution succeeds
 * with the error under `ready_event_error`.
 */
export function readyEvent(scope: Construct, resultPath: string): sfn.Chain {
  const put = withEventRetries(
    new tasks.EventBridgePutEvents(scope, EVENT_STATE_NAMES.reportReady, {
      stateName: EVENT_STATE_NAMES.reportReady,
      entries: [
        {
          source: RUN_EVENTS.source,
          detailType: RUN_EVENTS.ready,
          detail: sfn.TaskInput.fromJsonPathAt(resultPath),
        },
      ],
      resultPath: sfn.JsonPath.DISCARD,
    }),
  );
  const notSent = new sfn.Pass(scope, EVENT_STATE_NAMES.readyEventNotSent, {
    comment: 'The report is published; only its event was lost (see ready_event_error).',
  });
  put.addCatch(notSent, { errors: [sfn.Errors.ALL], resultPath: '$.ready_event_error' });
  return sfn.Chain.start(put);
}

/**
 * The failure path: each stage's catch lands in a small Pass that names the stage, then one
 * "ConfigReport Failed" event, then a Fail state carrying the original error and cause (so the
 * execution still fails and the RunFailed alarm fires). Returns a function that wires a task's
 * catch into it.
 */
export function failurePath(scope: Construct): (task: sfn.TaskStateBase | sfn.Map, stage: RunStage) => void {
  const runFailed = new sfn.Fail(scope, EVENT_STATE_NAMES.runFailed, {
    errorPath: '$.error',
    causePath: '$.cause',
  });
  const put = withEventRetries(
    new tasks.EventBridgePutEvents(scope, EVENT_STATE_NAMES.reportFailed, {
      stateName: EVENT_STATE_NAMES.reportFailed,
      entries: [
        {
          source: RUN_EVENTS.source,
          detailType: RUN_EVENTS.failed,
          detail: sfn.TaskInput.fromObject({
            group_id: sfn.JsonPath.stringAt('$.group_id'),
            stage: sfn.JsonPath.stringAt('$.stage'),
            error: sfn.JsonPath.stringAt('$.error'),
            cause: sfn.JsonPath.stringAt('$.cause'),
          }),
        },
      ],
      resultPath: sfn.JsonPath.DISCARD,
    }),
  );
  // A lost failure event must not hide the failure itself.
  put.addCatch(runFailed, { errors: [sfn.Errors.ALL], resultPath: '$.failed_event_error' });
  put.next(runFailed);
  return (task, stage) => {
    const named = new sfn.Pass(scope, EVENT_STATE_NAMES.failedIn(stage), {
      parameters: {
        'group_id.$': '$.group_id',
        stage,
        'error.$': '$.caught.Error',
        'cause.$': '$.caught.Cause',
      },
    });
    named.next(put);
    task.addCatch(named, { errors: [sfn.Errors.ALL], resultPath: '$.caught' });
  };
}
