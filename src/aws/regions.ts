/**
 * Which region names exist, from the AWS SDK's own partition metadata (partitions.json, shipped in
 * `@aws-sdk/core`): the same table the SDK resolves endpoints from, so a region the SDK knows is
 * accepted (opt-in regions, GovCloud and China included) and a typo such as `eu-wst-9` is refused
 * before any call goes out to an endpoint that does not exist.
 *
 * Only regions the table lists by name count. Each partition's `regionRegex` is not enough: it
 * accepts any `eu-<word>-<digit>`, typos included. A region launched after the installed SDK was
 * built is refused until the SDK is updated, which is the price of catching typos.
 */
import { partition } from '@aws-sdk/core/client';

/** True when the SDK's partition table lists `region` by name. */
export function isKnownRegion(region: string): boolean {
  // `partition()` always answers (it falls back to the `aws` partition); only listed regions carry
  // the table's description.
  return typeof (partition(region) as { description?: unknown }).description === 'string';
}

/** Known regions the SDK can tell us about, derived by probing the patterns people mistype. */
const CANDIDATE_AREAS = ['af', 'ap', 'ca', 'cn', 'eu', 'il', 'me', 'mx', 'sa', 'us', 'us-gov'];
const CANDIDATE_DIRECTIONS = [
  'central',
  'east',
  'north',
  'northeast',
  'northwest',
  'south',
  'southeast',
  'southwest',
  'west',
];

let knownRegions: string[] | undefined;

/** Every region of the partition table reachable with the usual `<area>-<direction>-<n>` names. */
function allKnownRegions(): string[] {
  knownRegions ??= CANDIDATE_AREAS.flatMap((area) =>
    CANDIDATE_DIRECTIONS.flatMap((direction) =>
      [1, 2, 3, 4, 5, 6, 7].map((n) => `${area}-${direction}-${n}`),
    ),
  ).filter(isKnownRegion);
  return knownRegions;
}

/** Levenshtein distance (region names are short: the quadratic table is a few hundred cells). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known region closest to a mistyped one (at most 2 edits away), for a "did you mean". */
export function closestRegion(region: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of allKnownRegions()) {
    const d = distance(region, name);
    if (d <= 2 && (best === undefined || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** Why `region` is refused (not a region the SDK knows), or undefined when it is known. */
export function unknownRegionProblem(region: string): string | undefined {
  if (isKnownRegion(region)) return undefined;
  const suggestion = closestRegion(region);
  return `${JSON.stringify(region)} is not an AWS region the SDK knows${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
}
