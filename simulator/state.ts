/**
 * Mutable server state layered over the immutable org: the day the org serves, run-time faults on
 * accounts and regions (denied roles, Config off, stopped recorders, hidden rules), the simulated
 * clock, credentials, fault table, counters, and what SNS and EventBridge received.
 */
import { Counters } from './counters.js';
import { FaultRegistry } from './faults/faults.js';
import { CredentialStore } from './identity/credentials.js';
import { Notifications } from './notifications.js';
import type { SimOrg, SimRecorderState, SimRegionData } from './org/model.js';

/** Key of an account-wide (`region` undefined) or account-region override. */
function key(accountId: string, region?: string): string {
  return region === undefined ? accountId : `${accountId}:${region}`;
}

/** Parses `"<account>"` or `"<account>:<region>"` as the CLI and options write them. */
export function parseAccountRegion(spec: string): { accountId: string; region?: string } {
  const [accountId, region] = spec.split(':', 2) as [string, string | undefined];
  return region ? { accountId, region } : { accountId };
}

/** Parses `"<account>"` or `"<account>@<day>"` (denied from that day on). */
export function parseDenied(spec: string): { accountId: string; fromDay?: number } {
  const at = spec.indexOf('@');
  if (at < 0) return { accountId: spec };
  const fromDay = Number(spec.slice(at + 1));
  if (!Number.isInteger(fromDay) || fromDay < 0) {
    throw new RangeError(`denied account '${spec}': the day after @ must be a whole number >= 0`);
  }
  return { accountId: spec.slice(0, at), fromDay };
}

/** The simulator's state. */
export class SimState {
  readonly org: SimOrg;
  readonly credentials: CredentialStore;
  readonly faults: FaultRegistry;
  readonly counters = new Counters();
  /** SNS topics and messages, EventBridge events. */
  readonly notifications = new Notifications();
  /** Account → the first day its role is denied (-Infinity: every day). */
  readonly #deniedFrom = new Map<string, number>();
  /** true = Config disabled (no recorder), false = explicitly enabled. */
  readonly #configDisabled = new Map<string, boolean>();
  /** true = recorder stopped, false = explicitly running. */
  readonly #recorderStopped = new Map<string, boolean>();
  readonly #hiddenRules = new Set<string>();
  #clockOffsetMs = 0;
  #day: number;

  constructor(org: SimOrg) {
    this.org = org;
    this.#day = org.day;
    this.credentials = new CredentialStore(org.hubAccountId, org.seed);
    this.faults = new FaultRegistry(org.seed);
  }

  /** Simulated wall clock (epoch ms): real time plus any `advanceTime`. */
  now(): number {
    return Date.now() + this.#clockOffsetMs;
  }

  /** Moves the simulated clock forward (e.g. to expire session credentials). */
  advanceTime(ms: number): void {
    this.#clockOffsetMs += ms;
  }

  /** The day the simulator serves (the org's `day` plus every `advanceDays`). */
  day(): number {
    return this.#day;
  }

  /**
   * Serves the data `days` later from now on. The wall clock (`now`) does not move: credentials
   * minted before stay valid, as a collector's would across a test.
   */
  advanceDays(days: number): number {
    if (!Number.isInteger(days) || days < 0)
      throw new RangeError(`days must be a whole number >= 0, got ${days}`);
    this.#day += days;
    return this.#day;
  }

  /** Config data of an account-region on `day` (default: the current day), before faults. */
  regionData(accountId: string, region: string, day = this.#day): SimRegionData {
    return this.org.regionData(accountId, region, day);
  }

  /**
   * Denies (or allows again) the account's role; with `fromDay`, only on that day and after, so
   * one simulator can show an account readable on day 1 and unreadable on day 2.
   */
  denyRole(accountId: string, denied: boolean, fromDay?: number): void {
    if (denied) this.#deniedFrom.set(accountId, fromDay ?? Number.NEGATIVE_INFINITY);
    else this.#deniedFrom.delete(accountId);
  }

  /** Whether a fault denies the account's role on `day` (default: the current day). */
  isDenied(accountId: string, day = this.#day): boolean {
    const from = this.#deniedFrom.get(accountId);
    return from !== undefined && day >= from;
  }

  setConfigEnabled(accountId: string, region: string | undefined, enabled: boolean): void {
    this.#configDisabled.set(key(accountId, region), !enabled);
  }

  setRecorderRunning(accountId: string, region: string | undefined, running: boolean): void {
    this.#recorderStopped.set(key(accountId, region), !running);
  }

  /** Hides (or shows again) a rule's evaluations: the rule stays listed, its results read as empty. */
  setRuleHidden(accountId: string, region: string | undefined, ruleName: string, hidden: boolean): void {
    const k = `${key(accountId, region)}|${ruleName}`;
    if (hidden) this.#hiddenRules.add(k);
    else this.#hiddenRules.delete(k);
  }

  isRuleHidden(accountId: string, region: string, ruleName: string): boolean {
    if (this.#hiddenRules.size === 0) return false;
    return (
      this.#hiddenRules.has(`${key(accountId, region)}|${ruleName}`) ||
      this.#hiddenRules.has(`${accountId}|${ruleName}`)
    );
  }

  /** The effective recorder state: the org's, overridden by run-time faults (region beats account). */
  recorderState(accountId: string, region: string): SimRecorderState {
    const base = this.regionData(accountId, region).recorder;
    const disabled = this.#configDisabled.get(key(accountId, region)) ?? this.#configDisabled.get(accountId);
    if (disabled === true) return 'none';
    const effective = disabled === false && base === 'none' ? 'running' : base;
    if (effective === 'none') return 'none';
    const stopped = this.#recorderStopped.get(key(accountId, region)) ?? this.#recorderStopped.get(accountId);
    if (stopped === undefined) return effective;
    return stopped ? 'stopped' : 'running';
  }
}
