/**
 * The enum values the simulator emits or accepts, taken from the SDK v3 clients' service-model
 * constants, so that no value can drift off the model (a typo or a retired value fails to compile).
 */
export {
  ComplianceType,
  ConfigRuleState,
  ConformancePackComplianceType,
  EvaluationMode,
  EventSource,
  MaximumExecutionFrequency,
  MessageType,
  Owner,
  RecorderStatus,
  RecordingFrequency,
  RecordingScope,
  RecordingStrategyType,
  RuleEvaluationVisibility,
} from '@aws-sdk/client-config-service';
export {
  AccountJoinedMethod,
  AccountState,
  AccountStatus,
  InvalidInputExceptionReason,
  OrganizationFeatureSet,
  ParentType,
  PolicyType,
  PolicyTypeStatus,
} from '@aws-sdk/client-organizations';

/** The values of a model enum constant, e.g. `valuesOf(ComplianceType)`. */
export function valuesOf<T extends Record<string, string>>(enumObject: T): T[keyof T][] {
  return Object.values(enumObject) as T[keyof T][];
}
