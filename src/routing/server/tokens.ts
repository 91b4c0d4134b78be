/**
 * Agent and supervisor tokens: short-lived JWTs (HS256, signed with the service's key) naming one
 * account and one agent, or one account and one supervisor (with the supervisor role, their name
 * and an audience of their own). The admin API issues them (ContactPad gets one through the
 * package's Apex class); `hello` presents one. Only what this issuer writes is accepted: the exact
 * header, canonical base64url segments, exactly the claims of the role asked for, and a lifetime
 * within the maximum, however good the signature; so an agent token never opens a supervisor
 * session, nor a supervisor token an agent session.
 */
import { SignJWT, jwtVerify } from 'jose';
import { MAX_TOKEN_LENGTH, ProtocolError } from '../../protocol';
import * as m from '../../protocol/messages';
import { compile, int, literal, object } from '../../protocol/schema';

const ISSUER = 'contactpad-routing';
const AUDIENCE = 'contactpad-agent';
const SUPERVISOR_AUDIENCE = 'contactpad-supervisor';
const SUPERVISOR_ROLE = 'supervisor';

/** The longest lifetime a token may have unless configured otherwise (ROUTING_TOKEN_MAX_TTL_SECONDS). */
export const DEFAULT_TOKEN_MAX_TTL_SECONDS = 3600;
/** How far ahead of this clock a token's `iat` may be: processes' clocks differ a little. */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

/** The one header we write, as its segment: any other (kid, jku, crit, alg none...) is refused. */
const HEADER_SEGMENT = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
/** An HMAC-SHA-256 signature is 32 bytes: 43 base64url characters. */
const SIGNATURE_LENGTH = 43;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Exactly the claims `issue` writes; a missing or extra claim is refused. */
const checkClaims = compile(
  object({
    acc: m.id,
    sub: m.id,
    iss: literal(ISSUER),
    aud: literal(AUDIENCE),
    iat: int(0, Number.MAX_SAFE_INTEGER),
    exp: int(0, Number.MAX_SAFE_INTEGER),
  }),
);

/** Exactly the claims `issueSupervisor` writes. */
const checkSupervisorClaims = compile(
  object({
    acc: m.id,
    sub: m.id,
    name: m.name,
    role: literal(SUPERVISOR_ROLE),
    iss: literal(ISSUER),
    aud: literal(SUPERVISOR_AUDIENCE),
    iat: int(0, Number.MAX_SAFE_INTEGER),
    exp: int(0, Number.MAX_SAFE_INTEGER),
  }),
);

/** A supervisor of one account, as their token names them. */
export interface SupervisorIdentity {
  readonly accountId: string;
  readonly supervisorId: string;
  readonly name: string;
}

export interface AgentIdentity {
  readonly accountId: string;
  readonly agentId: string;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** Whether a segment is base64url as we write it: no padding, no other alphabet, no stray bits. */
export function isCanonicalBase64url(segment: string): boolean {
  return (
    BASE64URL.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment
  );
}

/** Whether a token has the shape we issue: three canonical segments and our exact header. */
function wellFormed(token: unknown): token is string {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return false;
  const segments = token.split('.');
  if (segments.length !== 3) return false;
  const [header, payload, signature] = segments as [string, string, string];
  return (
    header === HEADER_SEGMENT &&
    signature.length === SIGNATURE_LENGTH &&
    isCanonicalBase64url(payload) &&
    isCanonicalBase64url(signature)
  );
}

export class TokenIssuer {
  private readonly key: Uint8Array;

  /**
   * `secret`: at least 32 bytes of key material; `ttlSeconds`: the lifetime of a token issued
   * without one; `maxTtlSeconds`: the longest lifetime issued or accepted.
   */
  constructor(
    secret: Uint8Array,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
    readonly maxTtlSeconds: number = DEFAULT_TOKEN_MAX_TTL_SECONDS,
  ) {
    if (secret.length < 32) throw new Error('the signing key must be at least 32 bytes');
    if (!Number.isInteger(maxTtlSeconds) || maxTtlSeconds < 1) {
      throw new Error('the maximum token lifetime must be a positive whole number of seconds');
    }
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > maxTtlSeconds) {
      throw new Error(`the token lifetime must be from 1 to ${maxTtlSeconds} seconds`);
    }
    this.key = secret;
  }

  /** A signed token for `identity`; a lifetime above the maximum is a typed `bad-field` error. */
  issue(identity: AgentIdentity, ttlSeconds = this.ttlSeconds): Promise<IssuedToken> {
    return this.sign({ acc: identity.accountId }, identity.agentId, AUDIENCE, ttlSeconds);
  }

  /** A signed supervisor token (the supervisor role and their name) for one account. */
  issueSupervisor(
    identity: SupervisorIdentity,
    ttlSeconds = this.ttlSeconds,
  ): Promise<IssuedToken> {
    return this.sign(
      { acc: identity.accountId, name: identity.name, role: SUPERVISOR_ROLE },
      identity.supervisorId,
      SUPERVISOR_AUDIENCE,
      ttlSeconds,
    );
  }

  private async sign(
    claims: Record<string, string>,
    subject: string,
    audience: string,
    ttlSeconds: number,
  ): Promise<IssuedToken> {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > this.maxTtlSeconds) {
      throw new ProtocolError(
        'bad-field',
        `ttlSeconds: expected a whole number of seconds from 1 to ${this.maxTtlSeconds} (the longest token lifetime of this service)`,
        null,
        'ttlSeconds',
      );
    }
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: expiresAt * 1000 };
  }

  /** The agent in a valid agent token, or null for any other, expired, forged or malformed one. */
  async verify(token: string): Promise<AgentIdentity | null> {
    const claims = await this.claims(token, AUDIENCE, checkClaims);
    return claims === null
      ? null
      : { accountId: claims['acc'] as string, agentId: claims['sub'] as string };
  }

  /** The supervisor in a valid supervisor token, or null for any other token. */
  async verifySupervisor(token: string): Promise<SupervisorIdentity | null> {
    const claims = await this.claims(token, SUPERVISOR_AUDIENCE, checkSupervisorClaims);
    if (claims === null) return null;
    return {
      accountId: claims['acc'] as string,
      supervisorId: claims['sub'] as string,
      name: claims['name'] as string,
    };
  }

  private async claims(
    token: string,
    audience: string,
    check: (claims: unknown) => unknown,
  ): Promise<Record<string, unknown> | null> {
    // Checked before the signature: jose's decoding is lenient (padding, stray bits, other headers).
    if (!wellFormed(token)) return null;
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience,
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch {
      return null;
    }
    if (check(claims) !== null) return null;
    const issuedAt = claims['iat'] as number;
    const expiresAt = claims['exp'] as number;
    const nowSeconds = this.now() / 1000;
    // A good signature is not enough: a lifetime we would never issue means a misused key.
    if (expiresAt <= issuedAt || expiresAt - issuedAt > this.maxTtlSeconds) return null;
    if (issuedAt > nowSeconds + TOKEN_CLOCK_SKEW_SECONDS || expiresAt <= nowSeconds) return null;
    return claims;
  }
}
