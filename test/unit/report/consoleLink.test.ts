import { describe, expect, it } from 'vitest';
import { configTimelineUrl } from '../../../src/report/consoleLink.js';
import { guardFormula } from '../../../src/report/csv.js';

describe('configTimelineUrl', () => {
  it('links the commercial console with the region and the resource timeline', () => {
    expect(configTimelineUrl('eu-west-1', 'AWS::S3::Bucket', 'my-bucket')).toBe(
      'https://console.aws.amazon.com/config/home?region=eu-west-1#/timeline/AWS::S3::Bucket/my-bucket/configuration',
    );
  });

  it.each([
    ['cn-north-1', 'https://console.amazonaws.cn/config/home?region=cn-north-1#'],
    ['cn-northwest-1', 'https://console.amazonaws.cn/config/home?region=cn-northwest-1#'],
    ['us-gov-west-1', 'https://console.amazonaws-us-gov.com/config/home?region=us-gov-west-1#'],
    ['us-gov-east-1', 'https://console.amazonaws-us-gov.com/config/home?region=us-gov-east-1#'],
    // A prefix no partition claims: the commercial partition, where new regions appear.
    ['mx-central-1', 'https://console.aws.amazon.com/config/home?region=mx-central-1#'],
    ['zz-future-9', 'https://console.aws.amazon.com/config/home?region=zz-future-9#'],
  ])('uses the console of the partition of %s', (region, start) => {
    expect(configTimelineUrl(region, 'AWS::EC2::Instance', 'i-1')?.startsWith(start)).toBe(true);
  });

  it('has no link for partitions without a public console, or without a resource', () => {
    expect(configTimelineUrl('us-iso-east-1', 'AWS::EC2::Instance', 'i-1')).toBeNull();
    expect(configTimelineUrl('us-isob-east-1', 'AWS::EC2::Instance', 'i-1')).toBeNull();
    expect(configTimelineUrl('us-east-1', 'AWS::EC2::Instance', '')).toBeNull();
    expect(configTimelineUrl('', 'AWS::EC2::Instance', 'i-1')).toBeNull();
  });

  it('percent-encodes ids so they stay one path segment and never break a formula or CSV field', () => {
    const url = configTimelineUrl('us-east-1', 'AWS::IAM::Role', 'arn:aws:iam::1:role/a b/"x"#?&=é')!;
    expect(url).toBe(
      'https://console.aws.amazon.com/config/home?region=us-east-1#/timeline/AWS::IAM::Role/' +
        'arn:aws:iam::1:role%2Fa%20b%2F%22x%22%23%3F%26%3D%C3%A9/configuration',
    );
    expect(url).not.toMatch(/["\s,]/);
    // A resource id that looks like a formula cannot make the URL one: the CSV guard leaves it alone.
    const formulaLike = configTimelineUrl('us-east-1', 'AWS::S3::Bucket', '=cmd|"/c calc"!A1')!;
    expect(guardFormula(formulaLike)).toBe(formulaLike);
    expect(formulaLike).toContain('/%3Dcmd%7C%22%2Fc%20calc%22!A1/');
  });

  it('encodes a region that is not a plain name instead of letting it into the host or fragment', () => {
    expect(configTimelineUrl('us-east-1#x', 'AWS::S3::Bucket', 'b')).toBe(
      'https://console.aws.amazon.com/config/home?region=us-east-1%23x#/timeline/AWS::S3::Bucket/b/configuration',
    );
  });
});
