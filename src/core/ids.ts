/**
 * The identifiers of the domain, each written once: account ids, region names, IAM role names and
 * ARNs, and the ids that become parts of storage keys. Every validator in the code base (the event,
 * the settings table, shard and plan files, infra props) builds on these.
 */
import { z } from 'zod';

/** An AWS account id: exactly 12 digits. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** A region name's shape (`us-east-1`, `us-gov-west-1`); whether it exists is another question. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** An IAM role name: 1–64 of letters, digits and `+=,.@_-`. */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
/** An IAM role ARN in any partition, path allowed. */
export const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
/** An STS ExternalId. */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
/** A standard (not FIFO) SNS topic ARN in any partition: region, account, 1–256 of `[A-Za-z0-9_-]`. */
export const SNS_TOPIC_ARN_PATTERN = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** True for a 12-digit account id. */
export function isAccountId(value: string): boolean {
  return ACCOUNT_ID_PATTERN.test(value);
}

/** True for a string shaped like a region name. */
export function isRegionName(value: string): boolean {
  return REGION_PATTERN.test(value);
}

/** zod schema of an account id; `message` names the field as the caller's users know it. */
export function accountIdSchema(message = 'must be 12 digits') {
  return z.string().regex(ACCOUNT_ID_PATTERN, message);
}

/** zod schema of a region name. */
export function regionSchema(message = 'must look like us-east-1') {
  return z.string().regex(REGION_PATTERN, message);
}

/** zod schema of an IAM role name. */
export function roleNameSchema(message = 'must be an IAM role name (1-64 of letters, digits, +=,.@_-)') {
  return z.string().regex(ROLE_NAME_PATTERN, message);
}

/** zod schema of an IAM role ARN. */
export function roleArnSchema(message = 'must be an IAM role ARN') {
  return z.string().regex(ROLE_ARN_PATTERN, message);
}

/** zod schema of an STS ExternalId. */
export function externalIdSchema(message = 'must be 2-1224 characters of [\\w+=,.@:/-]') {
  return z.string().regex(EXTERNAL_ID_PATTERN, message);
}
