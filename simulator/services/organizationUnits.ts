/**
 * Organizations' OU tree operations (awsJson1_1): ListParents and DescribeOrganizationalUnit, as
 * the service model shapes them. Only the management (hub) account may call them. An account or
 * OU has exactly one parent, so ListParents never pages, but it checks MaxResults (1–20) and a
 * NextToken like ListAccounts does.
 */
import { SimError } from '../http/errors.js';
import { decodeToken } from '../http/tokens.js';
import { InvalidInputExceptionReason, ParentType } from '../serviceModel.js';
import { type CallContext, type JsonOperation, optInt, optString, reqString } from './context.js';

const PAGE_MAX = 20;
/** The model's ChildId pattern: an account id, or an OU id (never a root). */
const CHILD_ID = /^(\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

function requireManagement(ctx: CallContext): void {
  if (ctx.principal.accountId !== ctx.state.org.hubAccountId) {
    throw new SimError('AccessDeniedException', "You don't have permissions to access this resource.", 403);
  }
}

const invalidPattern = (): SimError =>
  new SimError(
    'InvalidInputException',
    'You provided a value that does not match the required pattern.',
    400,
    {
      Reason: InvalidInputExceptionReason.INVALID_PATTERN,
    },
  );

function checkMaxResults(max: number | undefined): void {
  if (max !== undefined && (max < 1 || max > PAGE_MAX)) {
    const small = max < 1;
    throw new SimError(
      'InvalidInputException',
      `You provided a numeric parameter that has a ${small ? 'smaller' : 'larger'} value than allowed.`,
      400,
      {
        Reason: small
          ? InvalidInputExceptionReason.MIN_VALUE_EXCEEDED
          : InvalidInputExceptionReason.MAX_VALUE_EXCEEDED,
      },
    );
  }
}

const listParents: JsonOperation = (ctx, input) => {
  requireManagement(ctx);
  const childId = reqString(input, 'ChildId');
  if (!CHILD_ID.test(childId)) throw invalidPattern();
  checkMaxResults(optInt(input, 'MaxResults'));
  const token = optString(input, 'NextToken');
  // No token is ever issued (one parent fits any page), so any token is foreign.
  if (token !== undefined) decodeToken(token, `ListParents|${childId}`, 'InvalidInputException');
  const { org } = ctx.state;
  const parentId = org.account(childId)?.parentId ?? org.ou(childId)?.parentId;
  if (parentId === undefined) {
    throw new SimError(
      'ChildNotFoundException',
      "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
    );
  }
  const type = parentId === org.rootId ? ParentType.ROOT : ParentType.ORGANIZATIONAL_UNIT;
  return { Parents: [{ Id: parentId, Type: type }] };
};

const describeOrganizationalUnit: JsonOperation = (ctx, input) => {
  requireManagement(ctx);
  const ouId = reqString(input, 'OrganizationalUnitId');
  if (!OU_ID.test(ouId)) throw invalidPattern();
  const { org } = ctx.state;
  const ou = org.ou(ouId);
  if (!ou) {
    throw new SimError(
      'OrganizationalUnitNotFoundException',
      "We can't find an organizational unit (OU) with the OrganizationalUnitId that you specified.",
    );
  }
  // Path: the ids of the organization, the root and every OU down to this one, each followed by `/`.
  const ids: string[] = [];
  for (let id: string | undefined = ou.id; id !== undefined && id !== org.rootId; id = org.ou(id)?.parentId)
    ids.unshift(id);
  return {
    OrganizationalUnit: {
      Id: ou.id,
      Arn: `arn:aws:organizations::${org.hubAccountId}:ou/${org.organizationId}/${ou.id}`,
      Name: ou.name,
      Path: `${[org.organizationId, org.rootId, ...ids].join('/')}/`,
    },
  };
};

/** The OU tree operations by name. */
export const ORGANIZATION_UNIT_OPERATIONS: Readonly<Record<string, JsonOperation>> = {
  ListParents: listParents,
  DescribeOrganizationalUnit: describeOrganizationalUnit,
};
