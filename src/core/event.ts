/**
 * The Lambda event contract (the seed's, kept exactly, plus optional extensions of ours).
 * Validation happens here, at the edge, before any AWS call or write.
 */
import { z } from 'zod';
import { ConfigReportError, ErrorKind, guardFor } from './errors.js';
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
      `${field} may contain only letters, digits, ".", "_" and "-", must not contain ".." and must not be only dots`,
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

/** Thrown for an event that does not fit the contract. `issues` (also `details`) names every bad field. */
export class InvalidEventError extends ConfigReportError {
  override readonly name = 'InvalidEventError';
  readonly kind = ErrorKind.InvalidInput;
  constructor(readonly issues: string[]) {
    super(`Invalid event: ${issues.join('; ')}`, { details: issues });
  }
}

/** True for an {@link InvalidEventError}, also one from another bundle copy. */
export const isInvalidEventError = guardFor<InvalidEventError>('InvalidEventError');

/**
 * What parsing noticed in an accepted event without refusing it: the seed's events are accepted as
 * they were, so these are for the caller to log, not errors.
 */
export interface EventNotes {
  /** Fields outside the contract of the event's mode, dropped: `detail_type`, `accounts[3].acount_name`. */
  unknownFields: string[];
  /** Account ids listed more than once with different names, names in order of appearance. */
  conflictingAccounts: { account_id: string; names: string[] }[];
}

const SCHEMAS = { batch: batchEventSchema, final: finalEventSchema, plan: planEventSchema } as const;
const ACCOUNT_FIELDS: readonly string[] = Object.keys(accountSchema.shape);
/** Every top-level field of any mode: the names a near-miss is measured against. */
const EVENT_FIELDS: readonly string[] = [
  ...new Set(Object.values(SCHEMAS).flatMap((schema) => Object.keys(schema.shape))),
];

/** `groupId`, `Group-ID` and `group_id` are one name: lowercase, without `_`, `-` and spaces. */
const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/** Optimal string alignment distance: insertions, deletions, substitutions and neighbour swaps. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known field an unknown `name` was most likely meant to be, if it is a near-miss: after
 * {@link normalise}, within edit distance 1 of a known field of ≤ 5 letters (`mode`, `tags`) or 2 of a
 * longer one. That catches other spellings (`groupId`, `roleName`), singular for plural (`region`,
 * `account`), dropped or added words (`group`, `account_ids`) and typos (`regoins`), while names
 * of other payloads (`detail_type`, `source`, `note`) stay unknown fields. A name that is a field of
 * another mode is never a near-miss. Docs: docs/contracts.md, "Unknown fields".
 */
function intendedField(name: string, known: readonly string[]): string | undefined {
  if (known.includes(name)) return undefined;
  const normalised = normalise(name);
  let intended: string | undefined;
  let nearest = Number.POSITIVE_INFINITY;
  for (const field of known) {
    const distance = editDistance(normalised, normalise(field));
    if (distance <= (normalise(field).length <= 5 ? 1 : 2) && distance < nearest) {
      intended = field;
      nearest = distance;
    }
  }
  return intended;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Unknown fields of the raw event (top level and per account) and the near-misses among them. */
function scanFields(
  raw: Record<string, unknown>,
  modeFields: readonly string[],
): { unknownFields: string[]; nearMisses: string[] } {
  const unknownFields: string[] = [];
  const nearMisses: string[] = [];
  const check = (path: string, name: string, known: readonly string[]) => {
    const intended = intendedField(name, known);
    if (intended === undefined) unknownFields.push(path);
    else nearMisses.push(`${path}: not a field of the event; did you mean ${intended}?`);
  };
  for (const name of Object.keys(raw)) {
    if (!modeFields.includes(name)) check(name, name, EVENT_FIELDS);
  }
  const accounts = modeFields.includes('accounts') ? raw.accounts : undefined;
  if (Array.isArray(accounts)) {
    accounts.forEach((account, i) => {
      if (!isRecord(account)) return;
      for (const name of Object.keys(account)) {
        if (!ACCOUNT_FIELDS.includes(name)) check(`accounts[${i}].${name}`, name, ACCOUNT_FIELDS);
      }
    });
  }
  return { unknownFields, nearMisses };
}

/** Account ids listed more than once with different names (exact repeats are no conflict). */
function conflictingAccounts(
  accounts: readonly EventAccount[] | undefined,
): EventNotes['conflictingAccounts'] {
  const names = new Map<string, string[]>();
  for (const { account_id, account_name } of accounts ?? []) {
    const seen = names.get(account_id);
    if (seen === undefined) names.set(account_id, [account_name]);
    else if (!seen.includes(account_name)) seen.push(account_name);
  }
  return [...names]
    .filter(([, seen]) => seen.length > 1)
    .map(([account_id, seen]) => ({ account_id, names: seen }));
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const field = path.replace(/^\./, '') || '(event)';
    return `${field}: ${issue.message}`;
  });
}

/**
 * Validates a raw event and says what it noticed without refusing the event: unknown fields (dropped)
 * and account ids listed with different names (the first entry is used). `mode` defaults to `batch`,
 * as in the seed. A near-miss of a known field (`groupId`, `region`, `accounts[0].accountId`) is
 * refused: it is a field meant and silently lost.
 * @throws InvalidEventError naming each bad field.
 */
export function parseEventWithNotes(raw: unknown): { event: ReportEvent; notes: EventNotes } {
  if (!isRecord(raw)) throw new InvalidEventError(['(event): must be a JSON object']);
  const withMode = { mode: 'batch', ...raw };
  const mode = withMode.mode;
  const schema =
    typeof mode === 'string' && Object.hasOwn(SCHEMAS, mode) ? SCHEMAS[mode as keyof typeof SCHEMAS] : null;
  if (!schema)
    throw new InvalidEventError([`mode: must be "batch", "final" or "plan", got ${JSON.stringify(mode)}`]);
  const { unknownFields, nearMisses } = scanFields(withMode, Object.keys(schema.shape));
  const result = schema.safeParse(withMode);
  const issues = [...nearMisses, ...(result.success ? [] : formatIssues(result.error))];
  if (!result.success || issues.length > 0) throw new InvalidEventError(issues);
  const event = result.data as ReportEvent;
  return { event, notes: { unknownFields, conflictingAccounts: conflictingAccounts(event.accounts) } };
}

/**
 * Validates a raw event. `mode` defaults to `batch`, as in the seed. Same rules as
 * {@link parseEventWithNotes}, without the notes.
 * @throws InvalidEventError naming each bad field.
 */
export function parseEvent(raw: unknown): ReportEvent {
  return parseEventWithNotes(raw).event;
}
