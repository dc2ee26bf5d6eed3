/**
 * Validation of the plan manifest as final mode reads it. A manifest that does not validate is not
 * fatal: the report is still written, without expected-shard coverage, and says why.
 */
import { z } from 'zod';
import type { PlanManifest } from './model.js';
import type { Validated } from './shardSchema.js';

const plannedAccount = z.object({
  account_id: z.string().regex(/^\d{12}$/, 'account_id must be 12 digits'),
  account_name: z.string(),
  environment: z.enum(['Prod', 'Non-Prod']).optional(),
  // Any text: a source this reader does not know only means "derived", never an invalid manifest.
  environment_source: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  ou_path: z.string().optional(),
});

/** Schema of `plans/<group_id>/manifest.json`, version 1 (extra fields allowed). */
export const planManifestSchema = z.object({
  schema_version: z.literal(1),
  group_id: z.string().min(1),
  created_at: z.string(),
  role_name: z.string(),
  regions: z.array(z.string()),
  shard_size: z.number(),
  source: z.enum(['organizations', 'accounts-file', 'event']),
  shards: z.array(z.object({ shard_id: z.string().min(1), accounts: z.array(plannedAccount) })),
  skipped_accounts: z.array(
    z.object({ account_id: z.string(), account_name: z.string(), state: z.string() }),
  ),
  warnings: z.array(z.string()).optional(),
});

/** Parses and validates a manifest's text; checks it belongs to `groupId`. */
export function parsePlanManifest(text: string, groupId: string): Validated<PlanManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `plan manifest is not JSON: ${(error as Error).message}` };
  }
  const parsed = planManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first?.path.map(String).join('.') ?? '';
    return {
      ok: false,
      reason: `plan manifest is invalid: ${path ? `${path}: ` : ''}${first?.message ?? 'unknown'}`,
    };
  }
  if (parsed.data.group_id !== groupId) {
    return {
      ok: false,
      reason: `plan manifest is for group ${JSON.stringify(parsed.data.group_id)}, not ${JSON.stringify(groupId)}`,
    };
  }
  return { ok: true, value: parsed.data as PlanManifest };
}
