/**
 * Batch mode's Config source (src/modes/batch/ports.ts) on the AWS SDK: one hub STS client and a
 * per-account credential cache (AccountCredentials), and per account-region one paced Config client
 * with its own token bucket and counters (clientFactory.ts: shared undici handler, cached middleware,
 * one signer per client) read by a ConfigReader. SDK shapes become batch mode's plain types here, and
 * SDK errors become its typed errors: this is the only place that classifies them for batch mode.
 */
import type { ConfigRule, EvaluationResult } from '@aws-sdk/client-config-service';
import { errorMessage, errorName } from '../core/errors.js';
import { AssumeRoleDeniedError, ConfigSourceError, RuleNotFoundError } from '../modes/batch/errors.js';
import type {
  AssumeRoleSession,
  ConfigSource,
  ConfigSourceFactory,
  RecorderState,
  RegionReader,
  RegionRequest,
  SourceConformancePack,
  SourceEvaluation,
  SourceRule,
} from '../modes/batch/ports.js';
import { AccountCredentials } from './AccountCredentials.js';
import { ConfigReader } from './ConfigReader.js';
import type { AwsClientSettings, HttpClientName } from './clientConfig.js';
import { type AwsClientFactory, createAwsClientFactory } from './clientFactory.js';
import { isAccessDenied } from './errorKinds.js';
import { type CallStats, newCallStats } from './pacingPlugin.js';
import { partitionOf, roleSessionName } from './partition.js';
import { TokenBucket } from './TokenBucket.js';

/** How politely Config is asked, per account-region. */
export interface ConfigPacing {
  /** Sustained Config requests per second per account-region (client-side token bucket). */
  ratePerSecond: number;
  /** Token-bucket burst per account-region. */
  burst: number;
  /** SDK attempts per call (STS and Config). */
  maxAttempts: number;
  /** Extra page rounds after the SDK's own retries are exhausted (throttling and 5xx only). */
  pageRetries: number;
  /** HTTP client of the Config clients (`undici`, or the SDK's `node` handler as an escape hatch). */
  httpClient: HttpClientName;
}

/**
 * The factory batch mode receives: each shard gets its own clients (so its sockets close with it),
 * assuming roles in the hub region's partition.
 */
export function createConfigSourceFactory(aws: AwsClientSettings, pacing: ConfigPacing): ConfigSourceFactory {
  const partition = partitionOf(aws.region);
  return (session) =>
    createConfigSource(
      createAwsClientFactory({
        ...aws,
        maxAttempts: pacing.maxAttempts,
        configHttpClient: pacing.httpClient,
      }),
      { partition, session, pacing },
    );
}

/** What one source is built from, besides its clients. */
export interface ConfigSourceOptions {
  partition: string;
  session: AssumeRoleSession;
  pacing: Pick<ConfigPacing, 'ratePerSecond' | 'burst' | 'pageRetries'>;
}

/** A source over the given clients (tests pass fake ones); `close()` destroys them. */
export function createConfigSource(clients: AwsClientFactory, options: ConfigSourceOptions): ConfigSource {
  const { session, pacing } = options;
  const credentials = new AccountCredentials(clients.sts(), {
    partition: options.partition,
    roleName: session.roleName,
    sessionName: roleSessionName(session.shardId),
    externalId: session.externalId,
  });
  return {
    async openRegion(request: RegionRequest): Promise<RegionReader> {
      const { accountId, region, signal, onThrottle } = request;
      try {
        await credentials.get(accountId, signal);
      } catch (error) {
        throw assumeRoleFailure(error, accountId);
      }
      const stats = newCallStats();
      const client = clients.config({
        region,
        credentials: credentials.provider(accountId, signal),
        limiter: new TokenBucket({ ratePerSecond: pacing.ratePerSecond, burst: pacing.burst }),
        stats,
        signal,
        ...(onThrottle ? { onThrottle } : {}),
      });
      return new SdkRegionReader(
        new ConfigReader({ client, pageRetries: pacing.pageRetries, signal }),
        stats,
      );
    },
    get assumeRoleCalls() {
      return credentials.assumeRoleCalls;
    },
    close: () => clients.destroy(),
  };
}

/** An AssumeRole failure in batch mode's words: denied, or any other failure. */
export function assumeRoleFailure(error: unknown, accountId: string): Error {
  if (isAccessDenied(error)) {
    return new AssumeRoleDeniedError(accountId, errorName(error), errorMessage(error), { cause: error });
  }
  return sourceFailure(error);
}

/** A Config call's failure in batch mode's words (after every retry and page round). */
export function sourceFailure(error: unknown): ConfigSourceError {
  return new ConfigSourceError(errorName(error), errorMessage(error), { cause: error });
}

/** A failure reading one rule's evaluations: the rule is gone, or any other failure. */
export function evaluationsFailure(error: unknown, ruleName: string): Error {
  if (errorName(error) === 'NoSuchConfigRuleException') {
    return new RuleNotFoundError(ruleName, errorName(error), errorMessage(error), { cause: error });
  }
  return sourceFailure(error);
}

/** The reader behind the port: SDK shapes in, plain types and typed errors out. */
class SdkRegionReader implements RegionReader {
  readonly #reader: ConfigReader;
  /** The counters the client's pacing plugin updates, live. */
  readonly stats: CallStats;

  constructor(reader: ConfigReader, stats: CallStats) {
    this.#reader = reader;
    this.stats = stats;
  }

  recorderState(): Promise<RecorderState> {
    return this.#reader.recorderState().catch((error: unknown) => {
      throw sourceFailure(error);
    });
  }

  async listRules(): Promise<SourceRule[]> {
    try {
      return (await this.#reader.listRules()).map(toSourceRule);
    } catch (error) {
      throw sourceFailure(error);
    }
  }

  async evaluations(ruleName: string): Promise<SourceEvaluation[]> {
    try {
      return (await this.#reader.evaluations(ruleName)).map(toSourceEvaluation);
    } catch (error) {
      throw evaluationsFailure(error, ruleName);
    }
  }

  selectResources(expression: string): Promise<string[]> {
    return this.#reader.select(expression).catch((error: unknown) => {
      throw sourceFailure(error);
    });
  }

  async conformancePacks(): Promise<SourceConformancePack[]> {
    try {
      const packs: SourceConformancePack[] = [];
      // One pack after the other: a region has a handful, and the pacing bucket is shared anyway.
      for (const name of await this.#reader.conformancePackNames()) {
        const rules = await this.#reader.conformancePackCompliance(name);
        packs.push({
          name,
          rules: rules.map((r) => ({
            ruleName: r.ConfigRuleName ?? '',
            complianceType: r.ComplianceType ?? '',
          })),
        });
      }
      return packs;
    } catch (error) {
      throw sourceFailure(error);
    }
  }
}

/** Config's `RuleEvaluationVisibility` for rules whose evaluations it does not expose. */
const INTERNAL_VISIBILITY = 'INTERNAL';

/** A rule as batch mode sees it ('' for what Config left out). */
export function toSourceRule(rule: ConfigRule): SourceRule {
  return {
    name: rule.ConfigRuleName ?? '',
    description: rule.Description ?? '',
    state: rule.ConfigRuleState ?? '',
    sourceOwner: rule.Source?.Owner ?? '',
    sourceIdentifier: rule.Source?.SourceIdentifier ?? '',
    createdBy: rule.CreatedBy ?? '',
    evaluationsHidden: rule.RuleEvaluationVisibility === INTERNAL_VISIBILITY,
  };
}

/** An evaluation result as batch mode sees it ('' for what Config left out). */
export function toSourceEvaluation(result: EvaluationResult): SourceEvaluation {
  const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
  return {
    resourceType: qualifier?.ResourceType ?? '',
    resourceId: qualifier?.ResourceId ?? '',
    complianceType: result.ComplianceType ?? '',
    annotation: result.Annotation ?? '',
    resultRecordedTime: result.ResultRecordedTime,
    configRuleInvokedTime: result.ConfigRuleInvokedTime,
  };
}
