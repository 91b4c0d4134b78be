/** Test helpers for the simulator's tests. */
import type { Channel } from '../../protocol';
import type { Arrival } from '../engine/engine';

/** Maria, known by name only, contacting a service on a channel. */
export function mariaArrives(channel: Channel, serviceId: string): Arrival {
  return {
    channel,
    serviceId,
    customer: { name: 'Maria', phone: null, email: null },
    record: null,
    searchKeys: [],
    subject: null,
    priority: 5,
  };
}
