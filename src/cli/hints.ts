/**
 * Every hint and fix text of the CLI, in one place: what to do about an error that ended a command
 * (`hint: …` under `error: …`), and about each doctor check that did not pass. Errors are classified
 * once, at the AWS adapter boundary (src/aws/failureKinds.ts); this file only words the advice.
 */

import {
  type DoctorProblem,
  type FailureKind,
  failureKind,
  isEndpointUnreachableError,
} from '../app/doctorFailures.js';

/** What the CLI knows about the run that failed, for hints that name it. */
export interface HintContext {
  bucket?: string | undefined;
  region?: string | undefined;
}

const DEMO = 'or try `configreport demo` (a simulated organization, no AWS account needed)';

/** Advice for a kind of failure; `endpoint` when the error named one. */
function adviceFor(kind: FailureKind, context: HintContext, endpoint?: string): string | undefined {
  switch (kind) {
    case 'no-credentials':
      return `no AWS credentials were found: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), run \`aws sso login\` for an SSO profile, ${DEMO}`;
    case 'expired-credentials':
      return 'the credentials have expired: run `aws sso login` (SSO profiles) or get a fresh AWS_SESSION_TOKEN, then retry';
    case 'invalid-credentials':
      return 'AWS refused the credentials (wrong key, missing session token, or another partition): check AWS_PROFILE / AWS_ACCESS_KEY_ID with `aws sts get-caller-identity`';
    case 'unreachable':
      return `${endpoint ? `nothing answered at ${endpoint}: ` : ''}check the network, the region (--region, AWS_REGION), any AWS_ENDPOINT_URL_* override, and the proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)`;
    case 'no-such-bucket':
      return `bucket ${context.bucket ? `"${context.bucket}" ` : ''}does not exist: fix --bucket / REPORT_BUCKET (the hub stack's ReportBucketName output), or drop it to write to a local folder (--out)`;
    case 'wrong-region':
      return `the bucket is not in ${context.region ?? 'the hub region'}: set --region / AWS_REGION to the bucket's region`;
    case 'access-denied':
      return 'the caller lacks a permission configreport needs: docs/deploy.md lists them; `configreport doctor` checks each';
    case 'not-in-organization':
      return 'this account is not in an AWS organization: list the accounts in --accounts-file instead';
    case 'throttled':
      return 'AWS kept throttling the calls: retry later, or lower CONFIGREPORT_RATE';
    default:
      return undefined;
  }
}

/** The hint for an error that ended a command, or undefined when there is nothing to add. */
export function hintFor(error: unknown, context: HintContext = {}): string | undefined {
  const endpoint = isEndpointUnreachableError(error) ? error.endpoint : undefined;
  const advice = adviceFor(failureKind(error), context, endpoint);
  if (advice === undefined) return undefined;
  return failureKind(error) === 'access-denied' || failureKind(error) === 'unreachable'
    ? `${advice}; \`configreport doctor\` checks the whole setup`
    : advice;
}

/** The fix for a call the doctor made, by what was called. */
function callFix(kind: FailureKind, target: string, context: HintContext): string[] {
  if (kind === 'access-denied' && target.startsWith('organizations:'))
    return [
      'run from the management account or an Organizations delegated administrator,',
      'or set --organizations-role-arn to a role there that allows organizations:ListAccounts,',
      'or list the accounts in --accounts-file.',
    ];
  if (kind === 'access-denied' && target.startsWith('s3:'))
    return [
      `the caller needs s3:ListBucket on the bucket and s3:PutObject under its prefix (${target}); docs/deploy.md lists the hub's grants.`,
    ];
  if (target.startsWith('folder '))
    return [`make ${target.slice('folder '.length)} writable, or choose another folder with --out.`];
  const advice = adviceFor(kind, context);
  return advice ? [`${advice}.`] : [];
}

/** Fix lines for a doctor check that did not pass. */
export function fixFor(problem: DoctorProblem, context: HintContext = {}): string[] {
  switch (problem.kind) {
    case 'call-failed':
      return callFix(problem.failure.kind, problem.target, context);
    case 'accounts-file':
      return [
        `fix the entries named above in ${problem.path} (formats: docs/cli.md, "Accounts file").`,
        ...problem.details.map((d) => `  ${d}`),
      ];
    case 'no-accounts':
      return [
        'no ACTIVE account is left to collect: check the organization, PLAN_EXCLUDE_ACCOUNTS, or the accounts file.',
      ];
    case 'probe-left':
      return [
        `nothing to do for run (it never deletes); remove ${problem.key} by hand, or let the plans/ lifecycle rule expire it.`,
      ];
    case 'role-denied':
      return roleFix(problem);
    case 'recorders':
      return [
        ...(problem.notEnabled.length > 0
          ? [
              'no recorder: set up AWS Config in those account-regions (console, or a Config conformance StackSet).',
            ]
          : []),
        ...(problem.stopped.length > 0
          ? [
              'stopped: `aws configservice start-configuration-recorder --configuration-recorder-name <name>` in each.',
            ]
          : []),
        ...(problem.unreadable.length > 0
          ? [
              'unreadable: the read role needs config:DescribeConfigurationRecorders and …Status (the spoke stack grants them).',
            ]
          : []),
        'until then run reports those account-regions as CONFIG_NOT_ENABLED / RECORDER_STOPPED, never as compliant.',
      ];
    case 'trust':
      return problem.looksLikeHubRole
        ? [
            `the caller is the hub role (${problem.hubRoleName}): check --role-name and --external-id against the spoke stack.`,
          ]
        : [
            `add ${problem.principal} to the spoke role's trusted principals (the spoke stack trusts the hub role ${problem.hubRoleName} by default; docs/deploy.md),`,
            `or run configreport with the hub role's credentials.`,
            ...(problem.principal !== problem.callerArn
              ? [
                  '(a role with a path, such as an SSO role under /aws-reserved/sso.amazonaws.com/, must be named with its path: `aws iam get-role`.)',
                ]
              : []),
          ];
    default:
      return [];
  }
}

function roleFix(problem: Extract<DoctorProblem, { kind: 'role-denied' }>): string[] {
  const principal = problem.principal ?? 'the hub principal';
  const externalId = problem.externalIdSet
    ? 'ExternalId mismatch: the spoke stack expects another ExternalId; check --external-id / CONFIGREPORT_EXTERNAL_ID.'
    : 'ExternalId mismatch: if the spoke stack was deployed with an ExternalId, set --external-id / CONFIGREPORT_EXTERNAL_ID to it.';
  if (problem.denied.length < problem.sampled)
    return [
      `the role works elsewhere, so ${problem.denied.join(', ')} likely lack the spoke stack (or their role differs):`,
      'deploy the spoke StackSet to those accounts (docs/deploy.md §3).',
    ];
  return [
    'AWS gives one AccessDenied for three causes; in order of likelihood:',
    `- role missing: no role named ${problem.roleName} in these accounts: deploy the spoke stack, or set --role-name to the name it uses;`,
    `- trust policy does not trust this principal: add ${principal} to the spoke role's trusted principals (docs/deploy.md);`,
    `- ${externalId}`,
  ];
}
