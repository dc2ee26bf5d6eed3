/**
 * The baseline for `bench:collect`: the seed's design read literally. One account after another,
 * one region after another, one rule after another, one page after another; AssumeRole per account;
 * clients with the SDK's default settings (3 attempts, no client-side limiter) and the SDK's
 * paginators with their default page size. A rule whose pages still fail after the SDK's retries is
 * counted as lost (a naive collector would crash or skip it; we count, to show what it would lose).
 * Tags are not read: the comparison is about the evaluations.
 */
import {
  ConfigServiceClient,
  paginateDescribeConfigRules,
  paginateGetComplianceDetailsByConfigRule,
} from '@aws-sdk/client-config-service';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';

/** What the naive run needs. */
export interface NaiveOptions {
  region: string;
  stsEndpoint: string;
  configEndpoint: string;
  hubCredentials: AwsCredentialIdentity;
  roleName: string;
  accountIds: string[];
  regions: string[];
}

/** What it produced. */
export interface NaiveResult {
  /** `account|region|rule|type|id` of every evaluation read. */
  records: string[];
  /** Rules whose evaluations could not be read (errors escaped the SDK's retries). */
  lostRules: number;
  /** Account-regions that failed before any rule was read. */
  failedRegions: number;
  wallMs: number;
}

/** Runs the naive sequential collector. */
export async function runNaiveCollector(options: NaiveOptions): Promise<NaiveResult> {
  const started = performance.now();
  const sts = new STSClient({
    region: options.region,
    endpoint: options.stsEndpoint,
    credentials: options.hubCredentials,
  });
  const records: string[] = [];
  let lostRules = 0;
  let failedRegions = 0;
  for (const accountId of options.accountIds) {
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/${options.roleName}`,
        RoleSessionName: 'naive',
      }),
    );
    const c = assumed.Credentials!;
    const credentials = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    for (const region of options.regions) {
      const client = new ConfigServiceClient({ region, endpoint: options.configEndpoint, credentials });
      const ruleNames: string[] = [];
      try {
        for await (const page of paginateDescribeConfigRules({ client }, {})) {
          for (const rule of page.ConfigRules ?? []) ruleNames.push(rule.ConfigRuleName!);
        }
      } catch {
        failedRegions += 1;
        continue;
      }
      for (const ruleName of ruleNames) {
        try {
          for await (const page of paginateGetComplianceDetailsByConfigRule(
            { client },
            { ConfigRuleName: ruleName, ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'] },
          )) {
            for (const e of page.EvaluationResults ?? []) {
              const q = e.EvaluationResultIdentifier?.EvaluationResultQualifier;
              records.push(`${accountId}|${region}|${ruleName}|${q?.ResourceType}|${q?.ResourceId}`);
            }
          }
        } catch {
          lostRules += 1;
        }
      }
      client.destroy();
    }
  }
  sts.destroy();
  return { records, lostRules, failedRegions, wallMs: performance.now() - started };
}
