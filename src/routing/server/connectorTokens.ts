/**
 * Connector tokens: `cpc_<connectorId>_<secret>`, the secret 32 random bytes in hex. The account
 * keeps only the secret's SHA-256 (a random secret of that length needs no slow hash); a token is
 * checked against it in constant time. The secret is hex, so the token splits one way only even
 * when the id holds `_`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'cpc';
const SECRET_BYTES = 32;
const SECRET = /^[0-9a-f]{64}$/;

/** A token as presented: the connector it names and its secret. */
export interface PresentedToken {
  readonly connectorId: string;
  readonly secret: string;
}

/** A new secret for a connector: the token to hand out once, and the hash to keep. */
export function newConnectorSecret(connectorId: string): { token: string; secretHash: string } {
  const secret = randomBytes(SECRET_BYTES).toString('hex');
  return { token: `${PREFIX}_${connectorId}_${secret}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The token's parts; null for anything that is not a connector token. */
export function parseConnectorToken(token: string): PresentedToken | null {
  // The secret (hex) holds no `_`: it is what follows the last one.
  const at = token.lastIndexOf('_');
  if (!token.startsWith(`${PREFIX}_`) || at <= PREFIX.length) return null;
  const connectorId = token.slice(PREFIX.length + 1, at);
  const secret = token.slice(at + 1);
  if (connectorId === '' || !SECRET.test(secret)) return null;
  return { connectorId, secret };
}

/** Whether the secret hashes to `secretHash` (constant time). */
export function secretMatches(secret: string, secretHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const kept = Buffer.from(secretHash, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept);
}

/** The bearer token of an `Authorization` header ('' when there is none). */
export function bearerOf(header: string | undefined): string {
  return header !== undefined && header.startsWith('Bearer ') ? header.slice(7) : '';
}
