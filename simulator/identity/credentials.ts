/**
 * Who is calling. Keys minted by AssumeRole are held in a server-side table (access key id →
 * account, role, session, expiry); any other access key is the hub account. A call is answered
 * for the account its credentials belong to, so account X's Config is only readable with
 * credentials assumed into X.
 */
import { SimError } from '../http/errors.js';
import type { SigV4Scope } from '../http/sigv4.js';
import { hashString, Prng } from '../org/prng.js';

/** The identity behind a request. */
export interface Principal {
  accountId: string;
  arn: string;
  userId: string;
  kind: 'hub' | 'assumed';
  roleName?: string;
}

/** A session minted by AssumeRole. */
export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleName: string;
  sessionName: string;
  roleId: string;
  /** Epoch milliseconds (simulated clock). */
  expiresAt: number;
}

/** Prefix of every minted key: lets the server tell its own keys from the hub's. */
export const MINTED_KEY_PREFIX = 'ASIASIM';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Issues and resolves temporary credentials. */
export class CredentialStore {
  readonly #sessions = new Map<string, Session>();
  readonly #rng: Prng;
  readonly #hubAccountId: string;
  #counter = 0;

  constructor(hubAccountId: string, seed: number) {
    this.#hubAccountId = hubAccountId;
    this.#rng = new Prng(hashString('credentials', seed));
  }

  /** Mints credentials for a role session. */
  issue(accountId: string, roleName: string, sessionName: string, expiresAt: number): Session {
    this.#counter += 1;
    let n = this.#counter;
    let suffix = '';
    for (let i = 0; i < 13; i++) {
      suffix = BASE32[n % 32] + suffix;
      n = Math.floor(n / 32);
    }
    const accessKeyId = `${MINTED_KEY_PREFIX}${suffix}`;
    const roleId = `AROA${hashString(`${accountId}/${roleName}`).toString(36).toUpperCase().padStart(8, 'X')}SIM${accountId.slice(-6)}`;
    const session: Session = {
      accessKeyId,
      secretAccessKey: Buffer.from(this.#rng.hex(30), 'hex').toString('base64'),
      // Real session tokens are long opaque blobs; make ours long enough to look like one.
      sessionToken: `IQoJb3JpZ2luX2VjE${Buffer.from(`${accessKeyId}:${this.#rng.hex(96)}`).toString('base64')}`,
      accountId,
      roleName,
      sessionName,
      roleId,
      expiresAt,
    };
    this.#sessions.set(accessKeyId, session);
    return session;
  }

  /**
   * The account a key acts for, without checking its token or expiry: a minted key's account,
   * else the hub. (S3 attributes calls to accounts this way for fault scopes and counters.)
   */
  accountOf(accessKeyId: string): string {
    return this.#sessions.get(accessKeyId)?.accountId ?? this.#hubAccountId;
  }

  /** Number of sessions minted so far. */
  get issued(): number {
    return this.#counter;
  }

  /**
   * Resolves the caller, or throws what AWS sends for a bad or expired token. `query` selects
   * STS's error codes (InvalidClientTokenId) over the JSON services' (UnrecognizedClientException).
   */
  resolve(scope: SigV4Scope, now: number, query: boolean): Principal {
    if (!scope.accessKeyId.startsWith(MINTED_KEY_PREFIX)) {
      return {
        accountId: this.#hubAccountId,
        arn: `arn:aws:iam::${this.#hubAccountId}:user/configreport-hub`,
        userId: `AIDA${hashString(scope.accessKeyId).toString(36).toUpperCase().padStart(8, 'X')}HUB`,
        kind: 'hub',
      };
    }
    const session = this.#sessions.get(scope.accessKeyId);
    if (!session || session.sessionToken !== scope.securityToken) {
      throw query
        ? new SimError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403)
        : new SimError(
            'UnrecognizedClientException',
            'The security token included in the request is invalid.',
            400,
          );
    }
    if (now >= session.expiresAt) {
      throw new SimError(
        'ExpiredTokenException',
        'The security token included in the request is expired',
        400,
      );
    }
    return {
      accountId: session.accountId,
      arn: `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
      userId: `${session.roleId}:${session.sessionName}`,
      kind: 'assumed',
      roleName: session.roleName,
    };
  }
}
