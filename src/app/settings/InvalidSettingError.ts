/** The error every settings problem ends in, wherever the setting came from. */
import { ConfigReportError, ErrorKind, guardFor } from '../../core/errors.js';

/** One or more settings do not fit; `details` has one line per problem, naming where it came from. */
export class InvalidSettingError extends ConfigReportError {
  override readonly name = 'InvalidSettingError';
  readonly kind = ErrorKind.InvalidInput;

  constructor(problems: readonly string[]) {
    super(`Invalid settings: ${problems.join('; ')}`, { details: problems });
  }
}

/** True for an {@link InvalidSettingError}, also across bundles. */
export const isInvalidSettingError = guardFor<InvalidSettingError>('InvalidSettingError');
