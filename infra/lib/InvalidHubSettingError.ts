/** The hub stack's settings error (its own module: the settings and the environment check share it). */
import { ConfigReportError, ErrorKind } from '../../src/core/errors.js';

/** Thrown for a setting that cannot be deployed; the message names the setting. */
export class InvalidHubSettingError extends ConfigReportError {
  override readonly name = 'InvalidHubSettingError';
  readonly kind = ErrorKind.InvalidInput;
}
