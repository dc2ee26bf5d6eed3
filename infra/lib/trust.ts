/**
 * Who may assume the spoke read role besides the hub function, and inside which organization: the
 * vocabulary of the trust settings and their validation. Pure: no constructs.
 */

/** An AWS Organizations organization id (`o-` and 10–32 lowercase letters or digits). */
export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;

/** How to find the organization id, for error messages and docs. */
export const FIND_ORGANIZATION_ID = 'aws organizations describe-organization --query Organization.Id';
