/**
 * zod building blocks of the settings table. Messages read as the end of a sentence that starts
 * with where the value came from (`--regions: "us-east1" is not a region name like us-east-1`), and
 * name the offending value, so a user sees what to fix without guessing.
 */
import { z } from 'zod';
import { unknownRegionProblem } from '../../aws/regions.js';
import { ACCOUNT_ID_PATTERN, REGION_PATTERN } from '../../core/ids.js';

/** A whole number in [min, max]. */
export function int(min: number, max: number) {
  return z
    .number({ error: (issue) => `must be a whole number, got ${JSON.stringify(issue.input)}` })
    .int({ error: (issue) => `must be a whole number, got ${JSON.stringify(issue.input)}` })
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);
}

/** A number in [min, max]. */
export function num(min: number, max: number) {
  return z
    .number({ error: (issue) => `must be a number, got ${JSON.stringify(issue.input)}` })
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);
}

/** true or false (also 1/0, yes/no as text). */
export const bool = z.boolean({
  error: (issue) => `must be true or false, got ${JSON.stringify(issue.input)}`,
});

/** Non-empty text of at most `max` characters. */
export function text(max: number) {
  return z
    .string({ error: 'must be text' })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
}

/** Text matching `pattern`; the message names the value. */
export function matching(pattern: RegExp, what: string) {
  return z
    .string({ error: 'must be text' })
    .refine((value) => pattern.test(value), { error: (issue) => `${JSON.stringify(issue.input)} ${what}` });
}

/**
 * Why a region name is refused: not shaped like one, or not a region of the SDK's partition table
 * (`eu-wst-9`); undefined when it is fine. Opt-in, GovCloud and China regions are known regions.
 */
function regionProblem(region: string): string | undefined {
  if (!REGION_PATTERN.test(region)) return `${JSON.stringify(region)} is not a region name like us-east-1`;
  return unknownRegionProblem(region);
}

/** One region name the SDK knows; the message names the value (and the closest known region). */
export const regionName = z.string({ error: 'must be text' }).superRefine((region, ctx) => {
  const problem = regionProblem(region);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** A list of region names the SDK knows, repeats dropped. */
export function regionList(min: number, max: number) {
  return z
    .array(z.string({ error: 'must list region names' }), { error: 'must be a list of region names' })
    .min(min, `must name at least ${min} region`)
    .max(max, `must name at most ${max} regions`)
    .superRefine((regions, ctx) => {
      for (const region of regions) {
        const problem = regionProblem(region);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
      }
    })
    .transform((regions) => [...new Set(regions)]);
}

/** A list of 12-digit account ids. */
export const accountIdList = z
  .array(z.string({ error: 'must list account ids' }), { error: 'must be a list of account ids' })
  .superRefine((ids, ctx) => {
    for (const id of ids)
      if (!ACCOUNT_ID_PATTERN.test(id))
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(id)} is not a 12-digit account id` });
  });

/** A list of non-empty words, compared case-insensitively (kept lower-case). */
export const lowerCaseList = z
  .array(z.string({ error: 'must list words' }).min(1, 'must not list empty words'), {
    error: 'must be a list of words',
  })
  .transform((words) => words.map((word) => word.toLowerCase()));

/** A list of non-empty words, kept as written. */
export const wordList = z.array(z.string({ error: 'must list words' }).min(1, 'must not list empty words'), {
  error: 'must be a list of words',
});
