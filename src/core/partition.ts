/**
 * The AWS partition of a region name: a pure fact shared by the AWS adapters (role ARNs) and the
 * report (console links), so both agree on which partition a region belongs to.
 */

/** The partition of a region: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}
