// Which of Node's process warnings the CLI prints. `--quiet` means only errors, so it drops them
// all (deprecations too). Otherwise only the AWS SDK's notice about its Node.js support policy is
// dropped: it is about the SDK's future releases, not about this run, and would print before every
// command on an older Node.js. The SDK emits it as a plain `Warning` (no name, code or type of its
// own: `process.emitWarning('NodeVersionSupportWarning: The AWS SDK …')`, @aws-sdk/core's
// emitWarningIfUnsupportedVersion), so the message's first word is all there is to match.

/** The first word of the SDK's notice. */
export const SDK_NODE_VERSION_NOTICE = 'NodeVersionSupportWarning';

/**
 * True for the AWS SDK's Node.js version support notice.
 * @param {Error} warning
 * @returns {boolean}
 */
export function isSdkNodeVersionNotice(warning) {
  return (
    warning.name === SDK_NODE_VERSION_NOTICE ||
    (typeof warning.message === 'string' && warning.message.startsWith(`${SDK_NODE_VERSION_NOTICE}:`))
  );
}

/**
 * Replaces Node's warning printer by one that skips what the CLI does not print.
 * @param {{ quiet: boolean }} options
 */
export function filterProcessWarnings({ quiet }) {
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (quiet || isSdkNodeVersionNotice(warning)) return;
    for (const print of printers) print(warning);
  });
}
