/**
 * The overflow form's state (admin): a service, the service its waiting work overflows to (or
 * never) and after how many seconds, and after how many seconds its waiting calls become callback
 * requests (empty: never), the limits read from the protocol's `serviceOverflow` and
 * `serviceCallbacks` schemas.
 * The services and their rules come with the pushed queues; what is being edited is not
 * overwritten by a push, and a value out of its limits is refused before anything is sent.
 */
import type { ServiceCallbacks, ServiceOverflow } from '../../protocol';
import {
  serviceCallbacks as callbacksSchema,
  serviceOverflow as overflowSchema,
} from '../../protocol';
import type { RequestJson } from './observable';
import { Observable, messageOf } from './observable';
import type { NumberField } from './settings';
import { problemOf } from './settings';
import type { ServiceQueue } from './updates';

/** An option of a select, with whether it is picked. */
export interface OverflowChoice {
  readonly value: string;
  readonly label: string;
  readonly selected: boolean;
}

export interface OverflowState {
  /** The service whose overflow the form sets. */
  readonly services: readonly OverflowChoice[];
  /** Where its work goes: never, or another service. */
  readonly targets: readonly OverflowChoice[];
  readonly after: NumberField;
  /** When a waiting call becomes a callback request; empty: never. */
  readonly callbackAfter: NumberField;
  readonly status: string;
}

/** The target option that means "never overflows". */
export const NEVER = '';
export const AFTER_ID = 'wb-overflow-after';
export const CALLBACK_AFTER_ID = 'wb-callback-after';

const { min, max } = overflowSchema.fields.afterSeconds;
const callbackLimits = callbacksSchema.fields.afterSeconds.of;

export class OverflowModel extends Observable<OverflowState> {
  private queues: readonly ServiceQueue[] = [];
  private service = '';
  private target = NEVER;
  /** Whether the target or the seconds were edited since the service was picked or applied. */
  private edited = false;
  /** Whether the callback time was edited since the service was picked or it was set. */
  private callbackEdited = false;

  constructor(private readonly request: RequestJson) {
    super({
      services: [],
      targets: [],
      after: { id: AFTER_ID, label: 'Overflow after (seconds)', min, max, value: '' },
      callbackAfter: {
        id: CALLBACK_AFTER_ID,
        label: 'Calls become callback requests after (seconds; empty: never)',
        min: callbackLimits.min,
        max: callbackLimits.max,
        value: '',
      },
      status: '',
    });
  }

  /** The services and their rules, as pushed with the queues. */
  received(queues: readonly ServiceQueue[]): void {
    this.queues = queues;
    if (!queues.some((q) => q.serviceId === this.service)) {
      this.service = queues[0]?.serviceId ?? '';
      this.edited = false;
      this.callbackEdited = false;
    }
    this.show();
  }

  /** Another service picked: the form shows its rule. */
  pickService(serviceId: string): void {
    this.service = serviceId;
    this.edited = false;
    this.callbackEdited = false;
    this.show();
  }

  /** Where the work goes: a service id, or NEVER. */
  pickTarget(target: string): void {
    this.target = target;
    this.edited = true;
    this.show();
  }

  /** The seconds typed. */
  editAfter(value: string): void {
    this.edited = true;
    this.set({ after: { ...this.state.after, value } });
  }

  /** The callback seconds typed. */
  editCallbackAfter(value: string): void {
    this.callbackEdited = true;
    this.set({ callbackAfter: { ...this.state.callbackAfter, value } });
  }

  /** Sets when the picked service's waiting calls become callback requests (PUT .../callbacks). */
  async applyCallbacks(): Promise<void> {
    const field = this.state.callbackAfter;
    const problem = field.value.trim() === '' ? null : problemOf(field);
    if (this.service === '' || problem !== null) {
      this.set({ status: `Callback time refused: ${problem ?? 'No service to set.'}` });
      return;
    }
    const rule: ServiceCallbacks = {
      afterSeconds: field.value.trim() === '' ? null : Number(field.value),
    };
    const serviceId = this.service;
    const name = this.queues.find((q) => q.serviceId === serviceId)?.name ?? serviceId;
    try {
      const answer = (await this.request(
        `/workbench/api/services/${encodeURIComponent(serviceId)}/callbacks`,
        { method: 'PUT', body: JSON.stringify(rule) },
      )) as ServiceCallbacks;
      this.callbackEdited = false;
      this.set({
        status:
          answer.afterSeconds === null
            ? `Callback time set: ${name}'s calls keep waiting.`
            : `Callback time set: ${name}'s calls become callback requests after ${answer.afterSeconds} s.`,
      });
    } catch (error) {
      this.set({ status: `Callback time refused: ${messageOf(error)}` });
    }
  }

  /** The rule the form asks for, or what is wrong with it. */
  rule(): { readonly rule: ServiceOverflow } | { readonly problem: string } {
    if (this.service === '') return { problem: 'No service to set.' };
    if (this.target === this.service) return { problem: 'A service cannot overflow to itself.' };
    const problem = problemOf(this.state.after);
    if (problem !== null) return { problem };
    return {
      rule: {
        serviceId: this.target === NEVER ? null : this.target,
        afterSeconds: Number(this.state.after.value),
      },
    };
  }

  /** Sets the picked service's overflow (PUT services/:id/overflow); a bad field sends nothing. */
  async apply(): Promise<void> {
    const asked = this.rule();
    if ('problem' in asked) {
      this.set({ status: `Overflow refused: ${asked.problem}` });
      return;
    }
    const serviceId = this.service;
    this.set({ status: 'Setting the overflow…' });
    try {
      const answer = (await this.request(
        `/workbench/api/services/${encodeURIComponent(serviceId)}/overflow`,
        { method: 'PUT', body: JSON.stringify(asked.rule) },
      )) as ServiceOverflow;
      this.edited = false;
      this.set({ status: `Overflow set: ${this.words(serviceId, answer)}.` });
    } catch (error) {
      this.set({ status: `Overflow refused: ${messageOf(error)}` });
    }
  }

  /** "Support's waiting work moves to Billing after 5 s", or never moves. */
  private words(serviceId: string, rule: ServiceOverflow): string {
    const name = (id: string) => this.queues.find((q) => q.serviceId === id)?.name ?? id;
    return rule.serviceId === null
      ? `${name(serviceId)}'s waiting work never overflows`
      : `${name(serviceId)}'s waiting work moves to ${name(rule.serviceId)} after ${rule.afterSeconds} s`;
  }

  /** The form for the picked service: its rule as pushed unless it is being edited. */
  private show(): void {
    const current = this.queues.find((q) => q.serviceId === this.service);
    let after = this.state.after.value;
    if (!this.edited && current !== undefined) {
      this.target = current.overflow.serviceId ?? NEVER;
      after = String(current.overflow.afterSeconds);
    }
    let callbackAfter = this.state.callbackAfter.value;
    if (!this.callbackEdited && current !== undefined) {
      callbackAfter = String(current.callbacks.afterSeconds ?? '');
    }
    this.set({
      services: this.queues.map((q) => ({
        value: q.serviceId,
        label: q.name,
        selected: q.serviceId === this.service,
      })),
      targets: [
        { value: NEVER, label: 'Never (waits here)', selected: this.target === NEVER },
        ...this.queues
          .filter((q) => q.serviceId !== this.service)
          .map((q) => ({
            value: q.serviceId,
            label: q.name,
            selected: q.serviceId === this.target,
          })),
      ],
      after: { ...this.state.after, value: after },
      callbackAfter: { ...this.state.callbackAfter, value: callbackAfter },
    });
  }
}
