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

/**
 * Percent-encodes one URL part. `:` stays readable (it is legal in a fragment, and resource types
 * are `AWS::S3::Bucket`); `/`, `#`, `?`, `&`, `"`, spaces and everything non-ASCII are encoded, so
 * a resource id can neither leave its path segment nor break the `HYPERLINK` formula.
 */
function encodePart(text: string): string {
  return encodeURIComponent(text).replaceAll('%3A', ':');
}

/**
 * The console URL of a resource's Config timeline, or null when the region's partition has no
 * public console (aws-iso, aws-iso-b) or a part is empty. A region with an unknown prefix is taken
 * as the commercial partition (`partitionOf`'s default), where new regions appear first.
 */
export function configTimelineUrl(region: string, resourceType: string, resourceId: string): string | null {
  const host = CONSOLE_HOSTS[partitionOf(region)];
  if (!host || region === '' || resourceType === '' || resourceId === '') return null;
  const r = encodeURIComponent(region);
  return `https://${host}/config/home?region=${r}#/timeline/${encodePart(resourceType)}/${encodePart(resourceId)}/configuration`;
}
