/**
 * The New Case form of the simulator panel: a subject, the Case Origin and the customer (a fixture
 * contact, or none); Create sends it to the workbench server, which saves the Case and sends it to
 * routing when a ContactPad Case Rule takes it, and the status line says which.
 */
import type { RequestJson } from './observable';
import { Observable, messageOf } from './observable';
import type { Choice } from './simulator';

/** The Case Origin values the form offers (the org's usual picklist values). */
export const CASE_ORIGINS = ['Web', 'Email', 'Phone'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

/** The Case fields' limits, as Salesforce's (Subject 255, Status 40). */
export const MAX_CASE_SUBJECT_LENGTH = 255;
export const MAX_CASE_STATUS_LENGTH = 40;

/** The customer choice meaning none. */
export const NO_CUSTOMER = '';

export interface CaseFormState {
  readonly subject: string;
  readonly origin: CaseOrigin;
  readonly origins: readonly Choice[];
  readonly customer: string;
  readonly customers: readonly Choice[];
  readonly busy: boolean;
  readonly status: string;
}

/** What the server answers for a Case created. */
interface Created {
  readonly name: string;
  readonly send: {
    readonly status: 'Sent' | 'Failed' | 'Not routed';
    readonly rule: string | null;
    readonly serviceId: string | null;
    readonly interactionId: string | null;
    readonly code: string | null;
  };
}

/** The status line for a Case created. */
export function createdText({ name, send }: Created): string {
  switch (send.status) {
    case 'Sent':
      return `Case ${name} created and sent to ${send.serviceId ?? ''} by rule ${send.rule ?? ''} (${send.interactionId ?? ''}).`;
    case 'Failed':
      return `Case ${name} created; sending it failed (${send.code ?? 'error'}).`;
    default:
      return `Case ${name} created; no rule routes it.`;
  }
}

export class CaseFormModel extends Observable<CaseFormState> {
  constructor(private readonly request: RequestJson) {
    super({
      subject: '',
      origin: 'Web',
      origins: CASE_ORIGINS.map((value) => ({ value, label: value })),
      customer: NO_CUSTOMER,
      customers: [{ value: NO_CUSTOMER, label: 'None' }],
      busy: false,
      status: '',
    });
  }

  /** The customers to pick (the simulator's), the first picked. */
  sources(customers: readonly { readonly key: string; readonly name: string }[]): void {
    this.set({
      customers: [
        ...customers.map((c) => ({ value: c.key, label: c.name })),
        { value: NO_CUSTOMER, label: 'None' },
      ],
      customer: customers[0]?.key ?? NO_CUSTOMER,
    });
  }

  edit(change: { subject?: string; origin?: string; customer?: string }): void {
    const origin = CASE_ORIGINS.find((o) => o === change.origin);
    this.set({
      ...(change.subject === undefined ? {} : { subject: change.subject }),
      ...(origin === undefined ? {} : { origin }),
      ...(change.customer === undefined ? {} : { customer: change.customer }),
    });
  }

  /** Creates the Case; a subject blank or too long is refused before anything is sent. */
  async create(): Promise<void> {
    const { subject, origin, customer, busy } = this.state;
    if (busy) return;
    const trimmed = subject.trim();
    if (trimmed === '' || trimmed.length > MAX_CASE_SUBJECT_LENGTH) {
      this.set({ status: `A subject of 1 to ${MAX_CASE_SUBJECT_LENGTH} characters, please.` });
      return;
    }
    this.set({ busy: true, status: 'Creating the case…' });
    try {
      const created = (await this.request('/workbench/api/cases', {
        method: 'POST',
        body: JSON.stringify({
          subject: trimmed,
          origin,
          customer: customer === NO_CUSTOMER ? null : customer,
        }),
      })) as Created;
      this.set({ busy: false, subject: '', status: createdText(created) });
    } catch (error) {
      this.set({ busy: false, status: `Creating the case failed: ${messageOf(error)}` });
    }
  }
}
