/**
 * DescribeConfigurationRecorders / DescribeConfigurationRecorderStatus. Field names are
 * lowerCamelCase as AWS sends them. No recorder → empty lists (not an error) when no name is given;
 * naming a recorder that does not exist → NoSuchConfigurationRecorderException.
 */
import { SimError } from '../http/errors.js';
import { type CallContext, epochSeconds, type JsonOperation, optStringList } from './context.js';

const RECORDER_NAME = 'default';

function recorderArn(ctx: CallContext): string {
  return `arn:aws:config:${ctx.region}:${ctx.principal.accountId}:configuration-recorder/${RECORDER_NAME}/sim${ctx.principal.accountId.slice(-6)}`;
}

/** Validates the optional name list (at most one name); a name that does not exist is an error. */
function checkNames(input: Record<string, unknown>, exists: boolean): void {
  const names = optStringList(input, 'ConfigurationRecorderNames', 1);
  if (!names || names.length === 0) return;
  if (!exists || names[0] !== RECORDER_NAME) {
    throw new SimError(
      'NoSuchConfigurationRecorderException',
      `Cannot find configuration recorder with the specified name '${names[0]}'.`,
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
          recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
        },
        recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
        recordingScope: 'PAID',
      },
    ],
  };
};

export const describeConfigurationRecorderStatus: JsonOperation = (ctx, input) => {
  const state = ctx.state.recorderState(ctx.principal.accountId, ctx.region);
  checkNames(input, state !== 'none');
  if (state === 'none') return { ConfigurationRecordersStatus: [] };
  const started = ctx.state.org.regionData(ctx.principal.accountId, ctx.region).recorderStartedAt;
  const status: Record<string, unknown> = {
    arn: recorderArn(ctx),
    name: RECORDER_NAME,
    lastStartTime: epochSeconds(started),
    recording: state === 'running',
    lastStatus: state === 'running' ? 'Success' : 'NotApplicable',
    lastStatusChangeTime: epochSeconds(started),
  };
  if (state === 'stopped') status.lastStopTime = epochSeconds(started + 86_400_000);
  return { ConfigurationRecordersStatus: [status] };
};
