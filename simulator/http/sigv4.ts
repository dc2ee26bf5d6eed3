/**
 * Reads who signed a request from its SigV4 `Authorization` header. Signatures are NOT verified
 * cryptographically (the simulator never knows real secrets); the header must still be well formed,
 * as AWS rejects malformed ones before looking at the signature.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SimError } from './errors.js';

/** The credential scope of a signed request. */
export interface SigV4Scope {
  accessKeyId: string;
  /** `YYYYMMDD` from the scope. */
  date: string;
  region: string;
  service: string;
  /** `x-amz-security-token`, present for temporary credentials. */
  securityToken?: string;
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]{1,128})\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const AMZ_DATE_RE = /^(\d{8})T\d{6}Z$/;

/** Parses the SigV4 scope or throws the error AWS would send (JSON and query codes differ). */
export function parseSigV4(headers: IncomingHttpHeaders, query: boolean): SigV4Scope {
  const auth = headers.authorization;
  if (!auth) {
    throw query
      ? new SimError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403)
      : new SimError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  }
  const m = AUTH_RE.exec(auth);
  const amzDate = AMZ_DATE_RE.exec(String(headers['x-amz-date'] ?? ''));
  if (!m || !amzDate || amzDate[1] !== m[2]) {
    const message = `Authorization header requires a well-formed AWS4-HMAC-SHA256 Credential, SignedHeaders and Signature, and an x-amz-date matching the credential scope. Authorization=${auth.slice(0, 40)}`;
    throw new SimError(query ? 'IncompleteSignature' : 'IncompleteSignatureException', message, 400);
  }
  const scope: SigV4Scope = { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! };
  const token = headers['x-amz-security-token'];
  if (typeof token === 'string' && token.length > 0) scope.securityToken = token;
  return scope;
}
