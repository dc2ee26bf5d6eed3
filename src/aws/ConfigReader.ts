/**
 * Reads one account-region's AWS Config: recorder state, rules, evaluation results, resource
 * tags and conformance packs. Every list is read to its last page; every page goes through `withPageRetries` on top of
 * the SDK's own retries. Calls are sent without per-call options, so a client built with
 * `cacheMiddleware` reuses its middleware chain: the run's abort signal (the deadline) must be carried
 * by the client itself (clientFactory's `config({ signal })` does that for every HTTP attempt).
 */
import {
  type ConfigRule,
  type ConfigServiceClient,
  type ConformancePackRuleCompliance,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConformancePackComplianceCommand,
  DescribeConformancePacksCommand,
  type EvaluationResult,
  GetComplianceDetailsByConfigRuleCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { errorName } from './errorKinds.js';
import { withPageRetries } from './pageRetries.js';

/** What the recorders say about this account-region. */
export type RecorderState = 'NOT_ENABLED' | 'STOPPED' | 'RECORDING';

/** Options of a reader. */
export interface ConfigReaderOptions {
  client: ConfigServiceClient;
  /** Extra rounds per page after the SDK's retries are exhausted. */
  pageRetries: number;
  /** Stops page retries at the deadline (in-flight calls are aborted by the client's own signal). */
  signal?: AbortSignal | undefined;
  /** Override of the wait between page rounds (tests). */
  pageRetryBaseMs?: number;
}

/** Compliance types to request: all that EvaluationResult can carry (INSUFFICIENT_DATA cannot be a filter). */
const COMPLIANCE_FILTER = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'] as const;
/** The API's maximum page size; its default of 10 would multiply the calls by ten. */
const EVALUATION_PAGE_SIZE = 100;
const SELECT_PAGE_SIZE = 100;
/** The APIs' maximum page sizes: DescribeConformancePacks 0–20, DescribeConformancePackCompliance 0–1000. */
const PACK_PAGE_SIZE = 20;
const PACK_RULES_PAGE_SIZE = 1000;

/** One account-region's Config, read politely. */
export class ConfigReader {
  readonly #client: ConfigServiceClient;
  readonly #options: ConfigReaderOptions;

  constructor(options: ConfigReaderOptions) {
    this.#client = options.client;
    this.#options = options;
  }

  /**
   * NOT_ENABLED when there is no recorder, STOPPED when no recorder is recording, else RECORDING.
   */
  async recorderState(): Promise<RecorderState> {
    try {
      const recorders = await this.#page(() =>
        this.#client.send(new DescribeConfigurationRecordersCommand({})),
      );
      if ((recorders.ConfigurationRecorders ?? []).length === 0) return 'NOT_ENABLED';
    } catch (error) {
      if (errorName(error) === 'NoSuchConfigurationRecorderException') return 'NOT_ENABLED';
      throw error;
    }
    const status = await this.#page(() =>
      this.#client.send(new DescribeConfigurationRecorderStatusCommand({})),
    );
    const statuses = status.ConfigurationRecordersStatus ?? [];
    return statuses.some((s) => s.recording === true) ? 'RECORDING' : 'STOPPED';
  }

  /** Every Config rule of the account-region, all pages. */
  async listRules(): Promise<ConfigRule[]> {
    const rules: ConfigRule[] = [];
    let token: string | undefined;
    do {
      const input = token ? { NextToken: token } : {};
      const page = await this.#page(() => this.#client.send(new DescribeConfigRulesCommand(input)));
      rules.push(...(page.ConfigRules ?? []));
      token = page.NextToken || undefined;
    } while (token);
    return rules;
  }

  /** Every evaluation result of one rule (all three compliance types), all pages of 100. */
  async evaluations(ruleName: string): Promise<EvaluationResult[]> {
    const results: EvaluationResult[] = [];
    let token: string | undefined;
    do {
      const input = {
        ConfigRuleName: ruleName,
        ComplianceTypes: [...COMPLIANCE_FILTER],
        Limit: EVALUATION_PAGE_SIZE,
        ...(token ? { NextToken: token } : {}),
      };
      const page = await this.#page(() =>
        this.#client.send(new GetComplianceDetailsByConfigRuleCommand(input)),
      );
      results.push(...(page.EvaluationResults ?? []));
      token = page.NextToken || undefined;
    } while (token);
    return results;
  }

  /** Runs an advanced query to its last page and returns the raw JSON rows. */
  async select(expression: string): Promise<string[]> {
    const rows: string[] = [];
    let token: string | undefined;
    do {
      const input = {
        Expression: expression,
        Limit: SELECT_PAGE_SIZE,
        ...(token ? { NextToken: token } : {}),
      };
      const page = await this.#page(() => this.#client.send(new SelectResourceConfigCommand(input)));
      rows.push(...(page.Results ?? []));
      token = page.NextToken || undefined;
    } while (token);
    return rows;
  }

  /** The names of every conformance pack of the account-region, all pages. */
  async conformancePackNames(): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const input = { Limit: PACK_PAGE_SIZE, ...(token ? { NextToken: token } : {}) };
      const page = await this.#page(() => this.#client.send(new DescribeConformancePacksCommand(input)));
      for (const pack of page.ConformancePackDetails ?? []) {
        if (pack.ConformancePackName) names.push(pack.ConformancePackName);
      }
      token = page.NextToken || undefined;
    } while (token);
    return names;
  }

  /** Every rule of one conformance pack with its compliance, all pages. */
  async conformancePackCompliance(packName: string): Promise<ConformancePackRuleCompliance[]> {
    const rules: ConformancePackRuleCompliance[] = [];
    let token: string | undefined;
    do {
      const input = {
        ConformancePackName: packName,
        Limit: PACK_RULES_PAGE_SIZE,
        ...(token ? { NextToken: token } : {}),
      };
      const page = await this.#page(() =>
        this.#client.send(new DescribeConformancePackComplianceCommand(input)),
      );
      rules.push(...(page.ConformancePackRuleComplianceList ?? []));
      token = page.NextToken || undefined;
    } while (token);
    return rules;
  }

  #page<T>(call: () => Promise<T>): Promise<T> {
    return withPageRetries(call, {
      retries: this.#options.pageRetries,
      signal: this.#options.signal,
      ...(this.#options.pageRetryBaseMs !== undefined ? { baseDelayMs: this.#options.pageRetryBaseMs } : {}),
    });
  }
}
