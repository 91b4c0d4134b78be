/**
 * Overflow, as the admin API configures it per service: work that has waited at the service for
 * `afterSeconds` moves to another service (keeping its age), where it is routed as that service's.
 */
import { MAX_OVERFLOW_SECONDS } from './limits';
import type { Infer } from './schema';
import { int, nullable, object } from './schema';
import { id } from './messages';

/** Where waiting work goes, and after how long; a null service: it never overflows. */
export const serviceOverflow = object({
  serviceId: nullable(id),
  afterSeconds: int(1, MAX_OVERFLOW_SECONDS),
});

export type ServiceOverflow = Infer<typeof serviceOverflow>;

/**
 * Callbacks: a live call waiting at the service longer than `afterSeconds` becomes a callback
 * request (non-live work carrying the caller's number, keeping its age); null: calls wait.
 */
export const serviceCallbacks = object({
  afterSeconds: nullable(int(1, MAX_OVERFLOW_SECONDS)),
});

export type ServiceCallbacks = Infer<typeof serviceCallbacks>;
