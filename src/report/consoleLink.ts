/**
 * Links from an evaluation to the resource's timeline in the AWS Config console, where its
 * configuration and compliance history can be read (the link shape AWS Config's own change
 * notifications use: `…/config/home?region=<region>#/timeline/<type>/<id>/configuration`).
 *
 * The host is the partition's console without a region sub-domain: every partition's console
 * accepts it and moves to the region named in `region=`.
 */
import { partitionOf } from '../core/partition.js';

/** Console host of each partition with a public console (the ISO partitions have none we can name). */
const CONSOLE_HOSTS: Readonly<Record<string, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/** Parts that need no encoding (the usual resource id), so the common case skips the encoder. */
const URL_SAFE = /^[A-Za-z0-9_.~:-]*$/;

/**
 * Percent-encodes one URL part. `:` stays readable (it is legal in a fragment, and resource types
 * are `AWS::S3::Bucket`); `/`, `#`, `?`, `&`, `"`, spaces and everything non-ASCII are encoded, so
 * a resource id can neither leave its path segment nor break the `HYPERLINK` formula.
 */
function encodePart(text: string): string {
  return URL_SAFE.test(text) ? text : encodeURIComponent(text).replaceAll('%3A', ':');
}

/**
 * URL up to the resource id, per region and resource type: a run has a few hundred of these and up
 * to a million links, so each prefix is built once. Bounded: past the limit it is built per call.
 */
const prefixes = new Map<string, string | null>();
const MAX_PREFIXES = 10_000;

function timelinePrefix(region: string, resourceType: string): string | null {
  const key = `${region}\u0000${resourceType}`;
  let prefix = prefixes.get(key);
  if (prefix !== undefined) return prefix;
  const host = CONSOLE_HOSTS[partitionOf(region)];
  prefix =
    host && region !== '' && resourceType !== ''
      ? `https://${host}/config/home?region=${encodeURIComponent(region)}#/timeline/${encodePart(resourceType)}/`
      : null;
  if (prefixes.size < MAX_PREFIXES) prefixes.set(key, prefix);
  return prefix;
}

/**
 * The console URL of a resource's Config timeline, or null when the region's partition has no
 * public console (aws-iso, aws-iso-b) or a part is empty. A region with an unknown prefix is taken
 * as the commercial partition (`partitionOf`'s default), where new regions appear first.
 */
export function configTimelineUrl(region: string, resourceType: string, resourceId: string): string | null {
  const prefix = timelinePrefix(region, resourceType);
  if (prefix === null || resourceId === '') return null;
  return `${prefix}${encodePart(resourceId)}/configuration`;
}
