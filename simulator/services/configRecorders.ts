/**
 * DescribeConfigurationRecorders / DescribeConfigurationRecorderStatus. Field names are
 * lowerCamelCase as AWS sends them. No recorder → empty lists (not an error) when no name is given;
 * naming a recorder that does not exist → NoSuchConfigurationRecorderException.
 */
import { SimError } from '../http/errors.js';
import {
  RecorderStatus,
  RecordingFrequency,
  RecordingScope,
  RecordingStrategyType,
} from '../serviceModel.js';
import { type CallContext, epochSeconds, type JsonOperation, optStringList } from './context.js';
import { checkLength } from './validation.js';

const RECORDER_NAME = 'default';

function recorderArn(ctx: CallContext): string {
  return `arn:aws:config:${ctx.region}:${ctx.principal.accountId}:configuration-recorder/${RECORDER_NAME}/sim${ctx.principal.accountId.slice(-6)}`;
}

/**
 * Validates the optional name list: each name is a modelled RecorderName (1–256 characters), and
 * a name that does not exist is an error (a region has at most the one recorder).
 */
function checkNames(input: Record<string, unknown>, exists: boolean): void {
  const names = optStringList(input, 'ConfigurationRecorderNames') ?? [];
  for (const [i, name] of names.entries()) {
    checkLength(name, `ConfigurationRecorderNames.${i + 1}.member`, 1, 256);
  }
  const missing = names.find((name) => !exists || name !== RECORDER_NAME);
  if (missing !== undefined) {
    throw new SimError(
      'NoSuchConfigurationRecorderException',
      `Cannot find configuration recorder with the specified name '${missing}'.`,
    );
  }
}

export const describeConfigurationRecorders: JsonOperation = (ctx, input) => {
  const state = ctx.state.recorderState(ctx.principal.accountId, ctx.region);
  checkNames(input, state !== 'none');
  if (state === 'none') return { ConfigurationRecorders: [] };
  return {
    ConfigurationRecorders: [
      {
        arn: recorderArn(ctx),
        name: RECORDER_NAME,
        roleARN: `arn:aws:iam::${ctx.principal.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: {
          allSupported: true,
          includeGlobalResourceTypes: ctx.region === 'us-east-1',
          resourceTypes: [],
          exclusionByResourceTypes: { resourceTypes: [] },
          recordingStrategy: { useOnly: RecordingStrategyType.ALL_SUPPORTED_RESOURCE_TYPES },
        },
        recordingMode: { recordingFrequency: RecordingFrequency.CONTINUOUS, recordingModeOverrides: [] },
        recordingScope: RecordingScope.PAID,
      },
    ],
  };
};

export const describeConfigurationRecorderStatus: JsonOperation = (ctx, input) => {
  const state = ctx.state.recorderState(ctx.principal.accountId, ctx.region);
  checkNames(input, state !== 'none');
  if (state === 'none') return { ConfigurationRecordersStatus: [] };
  const started = ctx.state.regionData(ctx.principal.accountId, ctx.region).recorderStartedAt;
  const status: Record<string, unknown> = {
    arn: recorderArn(ctx),
    name: RECORDER_NAME,
    lastStartTime: epochSeconds(started),
    recording: state === 'running',
    lastStatus: state === 'running' ? RecorderStatus.Success : RecorderStatus.NotApplicable,
    lastStatusChangeTime: epochSeconds(started),
  };
  if (state === 'stopped') status.lastStopTime = epochSeconds(started + 86_400_000);
  return { ConfigurationRecordersStatus: [status] };
};
