/**
 * The Lambda event contract (the seed's, kept exactly, plus optional extensions of ours).
 * Validation happens here, at the edge, before any AWS call or write.
 */
import { z } from 'zod';
import { ConfigReportError, ErrorKind } from './errors.js';
import {
  ACCOUNT_ID_PATTERN,
  EXTERNAL_ID_PATTERN,
  REGION_PATTERN,
  ROLE_ARN_PATTERN,
  ROLE_NAME_PATTERN,
} from './ids.js';
import { isSafeId, MAX_ID_LENGTH } from './keys.js';
import { ENVIRONMENT_LABELS } from './model.js';

const safeId = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .min(1, `${field} must not be empty`)
    .max(MAX_ID_LENGTH, `${field} must be at most ${MAX_ID_LENGTH} characters`)
    .refine(
      isSafeId,
      `${field} may contain only letters, digits, ".", "_" and "-", and must not contain ".."`,
    );

const accountSchema = z.object({
  account_id: z
    .string({ error: 'account_id must be a string' })
    .regex(ACCOUNT_ID_PATTERN, 'account_id must be 12 digits'),
  account_name: z.string({ error: 'account_name must be a string' }).max(256),
  /** Ours: an explicit environment label wins over name rules. */
  environment: z.enum(ENVIRONMENT_LABELS).optional(),
  /** Ours: account-level tags (for example from Organizations). */
  tags: z.record(z.string(), z.string()).optional(),
});

const regionSchema = z.string().regex(REGION_PATTERN, 'region must look like us-east-1');

/** IAM role names: 1–64 of `[\w+=,.@-]`. */
const roleName = z
  .string({ error: 'role_name must be a string' })
  .regex(ROLE_NAME_PATTERN, 'role_name must be 1-64 characters of letters, digits and +=,.@_-');

const common = {
  group_id: safeId('group_id'),
  /** Ours: regions to read; else configured, else the function's region. */
  regions: z.array(regionSchema).min(1).max(40).optional(),
  /** Ours: ExternalId for AssumeRole. */
  external_id: z
    .string()
    .regex(EXTERNAL_ID_PATTERN, 'external_id must be 2-1224 characters of [\\w+=,.@:/-]')
    .optional(),
  /** Ours: ownership tag prefix (default `mox.`). */
  tag_prefix: z.string().min(1).max(128).optional(),
};

/** Batch (map) event: one shard of accounts, inline or from the plan manifest (`plan_key`). */
export const batchEventSchema = z
  .object({
    ...common,
    mode: z.literal('batch'),
    shard_id: safeId('shard_id'),
    role_name: roleName,
    accounts: z.array(accountSchema).max(5000).optional(),
    /** Ours: read this shard's accounts from `plans/<group_id>/manifest.json`. */
    plan_key: z.string().min(1).max(1024).optional(),
  })
  .refine((e) => e.accounts !== undefined || e.plan_key !== undefined, {
    message: 'accounts is required (or plan_key, to read them from the plan manifest)',
    path: ['accounts'],
  });

/** Final (reduce) event. The seed sends the same shape; only group_id matters here. */
export const finalEventSchema = z.object({
  ...common,
  mode: z.literal('final'),
  shard_id: safeId('shard_id').optional(),
  role_name: roleName.optional(),
  accounts: z.array(accountSchema).optional(),
});

/** Plan event (ours): find the accounts, cut them into shards, write the manifest. */
export const planEventSchema = z.object({
  ...common,
  mode: z.literal('plan'),
  role_name: roleName.optional(),
  /** Accounts to plan; when absent, Organizations ListAccounts is used. */
  accounts: z.array(accountSchema).optional(),
  shard_size: z.number().int().min(1).max(1000).optional(),
  /** Role to assume in the management or delegated-admin account for Organizations calls. */
  organizations_role_arn: z.string().regex(ROLE_ARN_PATTERN).optional(),
});

export type BatchEvent = z.infer<typeof batchEventSchema>;
export type FinalEvent = z.infer<typeof finalEventSchema>;
export type PlanEvent = z.infer<typeof planEventSchema>;
export type ReportEvent = BatchEvent | FinalEvent | PlanEvent;
export type EventAccount = z.infer<typeof accountSchema>;

/** Thrown for an event that does not fit the contract. `issues` names every bad field. */
export class InvalidEventError extends ConfigReportError {
  override readonly name = 'InvalidEventError';
  readonly kind = ErrorKind.InvalidInput;
  constructor(readonly issues: string[]) {
    super(`Invalid event: ${issues.join('; ')}`, { details: issues });
  }
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const field = path.replace(/^\./, '') || '(event)';
    return `${field}: ${issue.message}`;
  });
}

/**
 * Validates a raw event. `mode` defaults to `batch`, as in the seed.
 * @throws InvalidEventError naming each bad field.
 */
export function parseEvent(raw: unknown): ReportEvent {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidEventError(['(event): must be a JSON object']);
  }
  const withMode = { mode: 'batch', ...(raw as Record<string, unknown>) };
  const mode = withMode.mode;
  const schema =
    mode === 'batch'
      ? batchEventSchema
      : mode === 'final'
        ? finalEventSchema
        : mode === 'plan'
          ? planEventSchema
          : null;
  if (!schema)
    throw new InvalidEventError([`mode: must be "batch", "final" or "plan", got ${JSON.stringify(mode)}`]);
  const result = schema.safeParse(withMode);
  if (!result.success) throw new InvalidEventError(formatIssues(result.error));
  return result.data as ReportEvent;
}
