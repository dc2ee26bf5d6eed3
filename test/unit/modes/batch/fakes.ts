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
} from '../../../../src/modes/batch/ports.js';

export { MemoryStore } from '../../../helpers/memoryStore.js';

/** What one account-region answers; an Error is thrown where data would be returned. */
export interface FakeRegion {
  recorder?: RecorderState | Error;
  rules?: SourceRule[] | Error;
  /** Per rule: its evaluations, an error, or a function run at read time (may wait on the signal). */
  evaluations?: Record<
    string,
    SourceEvaluation[] | Error | ((signal: AbortSignal) => Promise<SourceEvaluation[]>)
  >;
  /** Rows of every advanced query (or the error it fails with). */
  rows?: string[] | Error;
  /** Conformance packs with their rules' compliance (or the error reading them fails with). */
  packs?: SourceConformancePack[] | Error;
  stats?: { calls: number; throttles: number };
}

/** One account: refused (the error `openRegion` rejects with) or its regions. */
export interface FakeAccount {
  openError?: Error;
  regions?: Record<string, FakeRegion>;
}

/** A Config source answering from `accounts`; it records what batch mode asked of it. */
export class FakeConfigSource implements ConfigSource {
  readonly sessions: AssumeRoleSession[] = [];
  readonly opened: RegionRequest[] = [];
  readonly evaluationReads: string[] = [];
  readonly queries: string[] = [];
  /** Account-regions whose conformance packs were read. */
  readonly packReads: string[] = [];
  closed = 0;
  assumeRoleCalls = 0;

  constructor(private readonly accounts: Record<string, FakeAccount>) {}

  /** The factory batch mode receives. */
  readonly factory: ConfigSourceFactory = (session) => {
    this.sessions.push(session);
    return this;
  };

  async openRegion(request: RegionRequest): Promise<RegionReader> {
    this.opened.push(request);
    this.assumeRoleCalls += 1;
    const account = this.accounts[request.accountId];
    if (account?.openError) throw account.openError;
    const region = account?.regions?.[request.region] ?? {};
    return this.#reader(`${request.accountId}/${request.region}`, region, request.signal);
  }

  close(): void {
    this.closed += 1;
  }

  #reader(where: string, region: FakeRegion, signal: AbortSignal): RegionReader {
    const answer = async <T>(value: T | Error): Promise<T> => {
      if (value instanceof Error) throw value;
      return value;
    };
    return {
      recorderState: () => answer(region.recorder ?? 'RECORDING'),
      listRules: () => answer(region.rules ?? []),
      evaluations: (ruleName) => {
        this.evaluationReads.push(`${where}/${ruleName}`);
        const entry = region.evaluations?.[ruleName] ?? [];
        return typeof entry === 'function' ? entry(signal) : answer(entry);
      },
      selectResources: (expression) => {
        this.queries.push(expression);
        return answer(region.rows ?? []);
      },
      conformancePacks: () => {
        this.packReads.push(where);
        return answer(region.packs ?? []);
      },
      stats: region.stats ?? { calls: 0, throttles: 0 },
    };
  }
}

/** A visible rule named `name`. */
export function rule(name: string, overrides: Partial<SourceRule> = {}): SourceRule {
  return {
    name,
    description: `${name} description`,
    state: 'ACTIVE',
    sourceOwner: 'AWS',
    sourceIdentifier: name.toUpperCase(),
    createdBy: '',
    evaluationsHidden: false,
    ...overrides,
  };
}

/** A NON_COMPLIANT evaluation of a bucket. */
export function evaluation(resourceId: string, resourceType = 'AWS::S3::Bucket'): SourceEvaluation {
  return {
    resourceType,
    resourceId,
    complianceType: 'NON_COMPLIANT',
    annotation: '',
    resultRecordedTime: new Date(Date.UTC(2026, 0, 1)),
    configRuleInvokedTime: new Date(Date.UTC(2026, 0, 1)),
  };
}

/** An advanced-query row with tags. */
export function tagRow(
  resourceId: string,
  tags: Record<string, string>,
  resourceType = 'AWS::S3::Bucket',
): string {
  return JSON.stringify({
    resourceId,
    resourceType,
    tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
  });
}
