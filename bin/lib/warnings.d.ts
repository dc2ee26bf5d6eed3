/** Types of warnings.js (plain JavaScript: it runs before anything is compiled). */

/** The first word of the AWS SDK's Node.js version support notice. */
export const SDK_NODE_VERSION_NOTICE: 'NodeVersionSupportWarning';

/** True for the AWS SDK's Node.js version support notice. */
export function isSdkNodeVersionNotice(warning: Error): boolean;

/** Replaces Node's warning printer by one that skips what the CLI does not print. */
export function filterProcessWarnings(options: { quiet: boolean }): void;
