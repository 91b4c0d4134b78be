/**
 * The fingerprint of a connector's create request (CONNECTORS.md, idempotency): equal requests,
 * equal fingerprints, whoever sends them (the connector routes, the simulator's customers).
 */
import { createHash } from 'node:crypto';

/** SHA-256 of the validated request, keys sorted: equal requests, equal fingerprints. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
