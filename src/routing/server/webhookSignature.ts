/**
 * Webhook signatures (CONNECTORS.md): `ContactPad-Signature: t=<unix seconds>,v1=<hex>`, where v1
 * is HMAC-SHA256 with the connector's signing secret over `<t>.<body>`. A receiver checks the
 * HMAC in constant time and refuses a timestamp outside its replay window.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'contactpad-signature';

/** How far a signature's time may be from the receiver's clock, by default (seconds). */
export const REPLAY_WINDOW_SECONDS = 300;

/** A new signing secret: `whsec_` and 32 random bytes in hex. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The header value for `body` sent at `timestamp` (unix seconds). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/** Whether `header` signs `body` with `secret` within the replay window of `nowSeconds`. */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (match === null) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > windowSeconds) return false;
  const given = Buffer.from(match[2] as string, 'hex');
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
