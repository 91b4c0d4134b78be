/**
 * The customer simulator's state: the services and customers to pick, a contact to place per
 * channel (the protocol's channels), what the last action did, and the customer contacts now in
 * the routing service (pushed), each of which can fail or hang its next release, or leave.
 */
import type { Channel } from '../../protocol';
import { CHANNELS } from '../../protocol';
import type { Contact } from './updates';
import type { RequestJson } from './observable';
import { Observable, messageOf } from './observable';

/** The simulator's customer with no record: a call from them gets the search pop. */
export const UNKNOWN_CUSTOMER_KEY = 'unknown';

/** Every channel the protocol has needs a button label here (the type says so). */
const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  voice: 'Call',
  video: 'Video',
  chat: 'Chat',
  email: 'E-mail',
  case: 'Case',
  callback: 'Callback request',
};

export const FAULTS = ['error', 'hang'] as const;
export type Fault = (typeof FAULTS)[number];

/** An option of a picker. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** What a customer contact's buttons do: fail or hang its next release, or leave. */
export type ContactAction = Fault | 'leave';

/** A customer contact's row: its text and its buttons. */
export interface ContactRow {
  readonly id: string;
  readonly channel: Channel;
  readonly text: string;
  readonly actions: readonly {
    readonly key: ContactAction;
    readonly label: string;
    readonly title: string;
  }[];
}

export interface SimulatorState {
  readonly services: readonly Choice[];
  readonly service: string;
  readonly customers: readonly Choice[];
  readonly customer: string;
  readonly channels: readonly (Choice & { readonly value: Channel })[];
  readonly contacts: readonly ContactRow[];
  readonly status: string;
}

/** The pickers' sources, as the workbench API answers them. */
export interface SimulatorSources {
  readonly services: readonly { readonly id: string; readonly name: string }[];
  readonly customers: readonly { readonly key: string; readonly name: string }[];
  /** The services of the agent signed in: theirs are marked, the first one picked. */
  readonly ownServices: readonly string[];
}

export const contactRow = (contact: Contact): ContactRow => ({
  id: contact.id,
  channel: contact.channel,
  text: `${contact.channel} · ${contact.who} · ${contact.where}`,
  actions: [
    {
      key: 'error',
      label: 'Fail release',
      title: `The next release of ${contact.id} fails at once`,
    },
    {
      key: 'hang',
      label: 'Hang release',
      title: `The next release of ${contact.id} hangs until the release timeout`,
    },
    { key: 'leave', label: 'Leave', title: `The customer leaves (${contact.id})` },
  ],
});

export class SimulatorModel extends Observable<SimulatorState> {
  constructor(private readonly request: RequestJson) {
    super({
      services: [],
      service: '',
      customers: [],
      customer: '',
      channels: CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] })),
      contacts: [],
      status: '',
    });
  }

  /** Fills the pickers. */
  sources({ services, customers, ownServices }: SimulatorSources): void {
    this.set({
      services: services.map((s) => ({
        value: s.id,
        label: ownServices.includes(s.id) ? `${s.name} (yours)` : s.name,
      })),
      service: ownServices[0] ?? services[0]?.id ?? '',
      customers: [
        ...customers.map((c) => ({ value: c.key, label: c.name })),
        { value: UNKNOWN_CUSTOMER_KEY, label: 'Unknown caller (no record)' },
      ],
      customer: customers[0]?.key ?? UNKNOWN_CUSTOMER_KEY,
    });
  }

  pickService(service: string): void {
    this.set({ service });
  }

  pickCustomer(customer: string): void {
    this.set({ customer });
  }

  /** The customer contacts as pushed: the consult legs left out (they are not customers). */
  received(contacts: readonly Contact[]): void {
    this.set({ contacts: contacts.map(contactRow) });
  }

  /** A failure of the workbench server, said in the status line. */
  failed(what: string, error: unknown): void {
    this.set({ status: `${what}: ${messageOf(error)}` });
  }

  /** Places a contact on `channel` from the picked customer at the picked service. */
  async place(channel: Channel): Promise<void> {
    const label = CHANNEL_LABELS[channel];
    const { service, customer, services } = this.state;
    this.set({ status: `Placing a ${label.toLowerCase()}…` });
    try {
      const placed = (await this.request('/workbench/api/simulate/arrive', {
        method: 'POST',
        body: JSON.stringify({ channel, serviceId: service, customer }),
      })) as { id: string };
      const at = services.find((s) => s.value === service)?.label ?? service;
      this.set({ status: `${label} ${placed.id} placed at ${at}.` });
    } catch (error) {
      this.failed(`${label} failed`, error);
    }
  }

  /** The next release of contact `id` fails at once (`error`) or hangs (`hang`). */
  async failNextRelease(id: string, fault: Fault): Promise<void> {
    try {
      await this.request(
        `/workbench/api/simulate/interactions/${encodeURIComponent(id)}/fail-release`,
        {
          method: 'POST',
          body: JSON.stringify({ fault }),
        },
      );
      this.set({
        status: `The next release of ${id} will ${fault === 'error' ? 'fail' : 'hang'}.`,
      });
    } catch (error) {
      this.failed('Fail release failed', error);
    }
  }

  /** A contact's button: its next release fails or hangs, or the customer leaves. */
  act(id: string, action: ContactAction): Promise<void> {
    return action === 'leave' ? this.leave(id) : this.failNextRelease(id, action);
  }

  /** The customer of contact `id` hangs up or leaves. */
  async leave(id: string): Promise<void> {
    try {
      await this.request(`/workbench/api/simulate/interactions/${encodeURIComponent(id)}/leave`, {
        method: 'POST',
      });
    } catch (error) {
      this.failed('Leave failed', error);
    }
  }
}
