/**
 * Agent tokens: short-lived JWTs (HS256, signed with the service's key) naming one account and one
 * agent. The admin API issues them (ContactPad gets one through the package's Apex class); `hello`
 * presents one.
 */
import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'contactpad-routing';
const AUDIENCE = 'contactpad-agent';

export interface AgentIdentity {
  readonly accountId: string;
  readonly agentId: string;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: number;
}

export class TokenIssuer {
  private readonly key: Uint8Array;

  /** `secret`: at least 32 bytes of key material. */
  constructor(
    secret: Uint8Array,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new Error('the signing key must be at least 32 bytes');
    this.key = secret;
  }

  async issue(identity: AgentIdentity, ttlSeconds = this.ttlSeconds): Promise<IssuedToken> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const token = await new SignJWT({ acc: identity.accountId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(identity.agentId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: expiresAt * 1000 };
  }

  /** The identity in a valid token, or null for a missing, expired, forged or malformed one. */
  async verify(token: string): Promise<AgentIdentity | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
        requiredClaims: ['exp', 'sub'],
      });
      const accountId = payload['acc'];
      if (typeof accountId !== 'string' || typeof payload.sub !== 'string') return null;
      return { accountId, agentId: payload.sub };
    } catch {
      return null;
    }
  }
}
