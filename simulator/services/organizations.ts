/**
 * Organizations (awsJson1_1, target prefix `AWSOrganizationsV20161128`); the OU tree operations are
 * in organizationUnits.ts. Only the management (hub) account may call it. ListAccounts pages hold
 * at most 20 accounts and, as AWS warns, some pages are empty although a NextToken follows
 * (deterministic from the seed).
 */
import { SimError } from '../http/errors.js';
import { decodeToken, encodeToken } from '../http/tokens.js';
import type { SimAccount } from '../org/model.js';
import { hashString } from '../org/prng.js';
import {
  AccountJoinedMethod,
  AccountStatus,
  InvalidInputExceptionReason,
  OrganizationFeatureSet,
  PolicyType,
  PolicyTypeStatus,
} from '../serviceModel.js';
import {
  type CallContext,
  epochSeconds,
  type JsonOperation,
  optInt,
  optString,
  reqString,
} from './context.js';
import { ORGANIZATION_UNIT_OPERATIONS } from './organizationUnits.js';

const PAGE_MAX = 20;

function requireManagement(ctx: CallContext): void {
  if (ctx.principal.accountId !== ctx.state.org.hubAccountId) {
    throw new SimError('AccessDeniedException', "You don't have permissions to access this resource.", 403);
  }
}

function accountJson(ctx: CallContext, a: SimAccount): Record<string, unknown> {
  const { hubAccountId, organizationId } = ctx.state.org;
  return {
    Id: a.accountId,
    Arn: `arn:aws:organizations::${hubAccountId}:account/${organizationId}/${a.accountId}`,
    Email: a.email,
    Name: a.name,
    // `Status` is being retired in favour of `State`; AWS sends both until then.
    Status: a.state === 'CLOSED' ? AccountStatus.SUSPENDED : a.state,
    State: a.state,
    JoinedMethod: a.accountId === hubAccountId ? AccountJoinedMethod.CREATED : AccountJoinedMethod.INVITED,
    JoinedTimestamp: epochSeconds(a.joinedTimestamp),
  };
}

const listAccounts: JsonOperation = (ctx, input) => {
  requireManagement(ctx);
  const max = optInt(input, 'MaxResults');
  // The model's range 1–20; Organizations answers a violation as InvalidInputException + Reason.
  if (max !== undefined && max < 1) {
    throw new SimError(
      'InvalidInputException',
      'You provided a numeric parameter that has a smaller value than allowed.',
      400,
      { Reason: InvalidInputExceptionReason.MIN_VALUE_EXCEEDED },
    );
  }
  if (max !== undefined && max > PAGE_MAX) {
    throw new SimError(
      'InvalidInputException',
      'You provided a numeric parameter that has a larger value than allowed.',
      400,
      { Reason: InvalidInputExceptionReason.MAX_VALUE_EXCEEDED },
    );
  }
  const pageSize = max ?? PAGE_MAX;
  const accounts = ctx.state.org.accounts;
  const context = `ListAccounts|${ctx.state.org.organizationId}`;
  const token = optString(input, 'NextToken');
  // The token carries the offset and whether the (deliberately) empty page for it was served already.
  const raw = token ? decodeToken(token, context, 'InvalidInputException') : 0;
  const start = Math.floor(raw / 2);
  const emptyServed = raw % 2 === 1;
  // Roughly one page in four is empty while more accounts follow (never the first page).
  const empty =
    !emptyServed &&
    start > 0 &&
    start < accounts.length &&
    hashString(`empty|${start}|${pageSize}`, ctx.state.org.seed) % 4 === 0;
  if (empty) return { Accounts: [], NextToken: encodeToken(context, start * 2 + 1) };
  const end = start + pageSize;
  const out: Record<string, unknown> = {
    Accounts: accounts.slice(start, end).map((a) => accountJson(ctx, a)),
  };
  if (end < accounts.length) out.NextToken = encodeToken(context, end * 2);
  return out;
};

const listTagsForResource: JsonOperation = (ctx, input) => {
  requireManagement(ctx);
  const id = reqString(input, 'ResourceId');
  const account = ctx.state.org.account(id);
  if (!account) {
    if (!/^\d{12}$|^(r|ou|p)-[0-9a-z_-]+$/.test(id)) {
      throw new SimError(
        'InvalidInputException',
        'You provided a value that does not match the required pattern.',
        400,
        { Reason: InvalidInputExceptionReason.INVALID_PATTERN },
      );
    }
    throw new SimError('TargetNotFoundException', 'You specified a target that does not exist.', 404);
  }
  return { Tags: Object.entries(account.tags).map(([Key, Value]) => ({ Key, Value })) };
};

const describeOrganization: JsonOperation = (ctx) => {
  requireManagement(ctx);
  const { hubAccountId, organizationId } = ctx.state.org;
  const hub = ctx.state.org.account(hubAccountId);
  return {
    Organization: {
      Id: organizationId,
      Arn: `arn:aws:organizations::${hubAccountId}:organization/${organizationId}`,
      FeatureSet: OrganizationFeatureSet.ALL,
      MasterAccountArn: `arn:aws:organizations::${hubAccountId}:account/${organizationId}/${hubAccountId}`,
      MasterAccountId: hubAccountId,
      MasterAccountEmail: hub?.email ?? `aws+management@example.com`,
      AvailablePolicyTypes: [{ Type: PolicyType.SERVICE_CONTROL_POLICY, Status: PolicyTypeStatus.ENABLED }],
    },
  };
};

/** Organizations operations by name. */
export const ORGANIZATIONS_OPERATIONS: Readonly<Record<string, JsonOperation>> = {
  ListAccounts: listAccounts,
  ListTagsForResource: listTagsForResource,
  DescribeOrganization: describeOrganization,
  ...ORGANIZATION_UNIT_OPERATIONS,
};
