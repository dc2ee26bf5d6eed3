/**
 * STS (awsQuery: form-encoded request, XML response): AssumeRole and GetCallerIdentity.
 * AssumeRole succeeds only when `decideAssumeRole` allows it (identity/trust.ts), the decision the
 * ground truth uses too.
 */
import { SimError, validationMessage, xmlEscape } from '../http/errors.js';
import { decideAssumeRole } from '../identity/trust.js';
import type { CallContext } from './context.js';

/** Chained role sessions (an assumed role assuming another) are capped at one hour by AWS. */
const CHAIN_LIMIT_SECONDS = 3600;
/** The awsQuery namespace of STS answers (errors too). */
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN_RE = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME_RE = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID_RE = /^[\w+=,.@:/-]{2,1224}$/;

/** ISO-8601 without milliseconds, as STS writes timestamps. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function wrap(operation: string, result: string, requestId: string): string {
  return (
    `<${operation}Response xmlns="${STS_XMLNS}"><${operation}Result>${result}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

function invalid(value: unknown, member: string, constraint: string): SimError {
  return new SimError('ValidationError', validationMessage(value, member, constraint));
}

function assumeRole(ctx: CallContext, params: URLSearchParams): string {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  const externalId = params.get('ExternalId');
  const durationText = params.get('DurationSeconds');
  if (roleArn === null) throw invalid('null', 'roleArn', 'Member must not be null');
  if (sessionName === null) throw invalid('null', 'roleSessionName', 'Member must not be null');
  const arn = ROLE_ARN_RE.exec(roleArn);
  if (!arn) throw invalid(roleArn, 'roleArn', 'Member must satisfy the IAM role ARN pattern');
  if (!SESSION_NAME_RE.test(sessionName)) {
    throw invalid(
      sessionName,
      'roleSessionName',
      'Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}',
    );
  }
  if (externalId !== null && !EXTERNAL_ID_RE.test(externalId)) {
    throw invalid(
      externalId,
      'externalId',
      'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]{2,1224}',
    );
  }
  const duration = durationText === null ? 3600 : Number(durationText);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw invalid(durationText, 'durationSeconds', 'Member must have value between 900 and 43200');
  }
  const [, accountId, roleName] = arn as unknown as [string, string, string];
  const { state, principal } = ctx;
  const decision = decideAssumeRole(state, {
    callerAccountId: principal.accountId,
    accountId,
    roleName,
    externalId: externalId ?? undefined,
  });
  if (!decision.allowed) {
    throw new SimError(
      'AccessDenied',
      `User: ${principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  }
  const { role } = decision;
  if (duration > (role.maxSessionDurationSeconds ?? 3600)) {
    throw invalid(
      duration,
      'durationSeconds',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  if (principal.kind === 'assumed' && duration > CHAIN_LIMIT_SECONDS) {
    throw invalid(
      duration,
      'durationSeconds',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  const session = state.credentials.issue(accountId, roleName, sessionName, state.now() + duration * 1000);
  return wrap(
    'AssumeRole',
    `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId>` +
      `<SecretAccessKey>${session.secretAccessKey}</SecretAccessKey>` +
      `<SessionToken>${session.sessionToken}</SessionToken>` +
      `<Expiration>${isoSeconds(session.expiresAt)}</Expiration></Credentials>` +
      `<AssumedRoleUser><AssumedRoleId>${session.roleId}:${xmlEscape(sessionName)}</AssumedRoleId>` +
      `<Arn>arn:aws:sts::${accountId}:assumed-role/${xmlEscape(roleName)}/${xmlEscape(sessionName)}</Arn></AssumedRoleUser>`,
    ctx.requestId,
  );
}

function getCallerIdentity(ctx: CallContext): string {
  const { principal } = ctx;
  return wrap(
    'GetCallerIdentity',
    `<Arn>${xmlEscape(principal.arn)}</Arn><UserId>${xmlEscape(principal.userId)}</UserId><Account>${principal.accountId}</Account>`,
    ctx.requestId,
  );
}

/** STS operations by name: form parameters → XML body. */
export const STS_OPERATIONS: Readonly<Record<string, (ctx: CallContext, params: URLSearchParams) => string>> =
  {
    AssumeRole: assumeRole,
    GetCallerIdentity: getCallerIdentity,
  };
