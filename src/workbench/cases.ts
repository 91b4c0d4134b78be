/**
 * The workbench's Salesforce Cases, standing in for the org's side of the case connector: a Case
 * created in the record store is matched against the package's ContactPad Case Rules
 * (caseRules.ts, the same records the Apex reads) and, when a rule takes it, sent to the routing
 * service through the real connector API (`POST /connector/accounts/:id/interactions`, external id
 * = the Case Id, the request the Apex builds) with a connector credential of the workbench's own
 * (id `salesforce-cases`, the case channel and the rules' services; made through the admin API on
 * first use, made again after the routing service restarted empty). The Apex stand-ins change the
 * Case as ContactPadCaseController does: the agent becomes its owner; on release its status
 * follows the setting (read from the Default record; blank: unchanged).
 */
import { HttpError } from '../http/errors';
import { DEMO_ACCOUNT } from '../routing/demo';
import type { RoutingApiParts } from './api';
import { routingApiOf } from './api';
import { record } from './apiBodies';
import type { CaseRule } from './caseRules';
import {
  activated,
  loadCaseRules,
  loadStatusOnRelease,
  ruleFor,
  WORKBENCH_ACTIVE_RULES,
} from './caseRules';
import type { Customer, FixtureRecord, RecordStore } from './fixtures';
import { CASE_OWNER } from './fixtures';
import type { CaseOrigin } from './models/caseForm';

/** The queue a new Case belongs to until an agent takes it. */
export const NEW_CASE_OWNER = 'Support Queue';

/** The workbench's connector in the routing service. */
const CASE_CONNECTOR_ID = 'salesforce-cases';

/** What became of a Case's send (a ContactPad Case Send's status, or none taken by a rule). */
export interface CaseSend {
  readonly status: 'Sent' | 'Failed' | 'Not routed';
  readonly rule: string | null;
  readonly serviceId: string | null;
  readonly interactionId: string | null;
  readonly code: string | null;
  readonly message: string | null;
}

/** A new Case as the form gives it. */
export interface NewCase {
  readonly subject: string;
  readonly origin: CaseOrigin;
  readonly customer: Customer | null;
}

/** What the desk works on: the record store, the routing service now running and its admin key. */
export interface CaseDeskParts extends RoutingApiParts {
  readonly records: RecordStore;
  /** The rules (default: the package's records). */
  readonly rules?: readonly CaseRule[];
  /** The status on release (default: the package's Default setting). */
  readonly statusOnRelease?: string | null;
}

const CASE_STATUS = 'Status';
const SEND_FIELD = 'ContactPad Send';

export class CaseDesk {
  private readonly rules: readonly CaseRule[];
  private statusOnReleaseNow: string | null;
  private token: string | null = null;

  constructor(private readonly parts: CaseDeskParts) {
    this.rules = parts.rules ?? activated(loadCaseRules(), WORKBENCH_ACTIVE_RULES);
    this.statusOnReleaseNow =
      parts.statusOnRelease === undefined ? loadStatusOnRelease() : parts.statusOnRelease;
  }

  /** The Case Status on Release (null: unchanged). */
  get statusOnRelease(): string | null {
    return this.statusOnReleaseNow;
  }

  set statusOnRelease(status: string | null) {
    this.statusOnReleaseNow = status === null || status.trim() === '' ? null : status.trim();
  }

  /** Creates the Case and, when a rule takes it, sends it to routing. */
  async create(given: NewCase): Promise<{ record: FixtureRecord; send: CaseSend }> {
    const { records } = this.parts;
    const created = records.addCase([
      { label: 'Subject', value: given.subject },
      { label: 'Contact Name', value: given.customer?.name ?? '' },
      { label: CASE_STATUS, value: 'New' },
      { label: 'Priority', value: 'Medium' },
      { label: 'Case Origin', value: given.origin },
      { label: CASE_OWNER, value: NEW_CASE_OWNER },
    ]);
    const rule = ruleFor(this.rules, { origin: given.origin, recordType: null, ownerQueue: null });
    const send =
      rule === null
        ? notRouted()
        : await this.send(rule, this.requestOf(created.id, rule, given)).catch(
            (error: unknown): CaseSend => ({
              ...sendBy(rule),
              status: 'Failed',
              code: 'unreachable',
              message: error instanceof Error ? error.message : String(error),
            }),
          );
    const shown =
      send.status === 'Sent'
        ? `Sent to ${send.serviceId ?? ''} (${send.interactionId ?? ''})`
        : send.status === 'Failed'
          ? `Failed: ${send.code ?? ''}`
          : 'Not routed (no rule takes it)';
    return { record: records.setField(created.id, SEND_FIELD, shown) ?? created, send };
  }

  /** takeCase: the agent becomes the Case's owner; false when they owned it already. */
  take(caseId: string, agentName: string): boolean {
    const found = this.caseOf(caseId);
    if (found.fields.find((field) => field.label === CASE_OWNER)?.value === agentName) return false;
    this.parts.records.setField(found.id, CASE_OWNER, agentName);
    return true;
  }

  /** releaseCase: the status on release, when one is set; false when nothing changed. */
  release(caseId: string): boolean {
    const found = this.caseOf(caseId);
    const status = this.statusOnReleaseNow;
    if (status === null) return false;
    if (found.fields.find((field) => field.label === CASE_STATUS)?.value === status) return false;
    this.parts.records.setField(found.id, CASE_STATUS, status);
    return true;
  }

  private caseOf(caseId: string): FixtureRecord {
    const found = this.parts.records.record(caseId);
    if (found === undefined || found.objectType !== 'Case') {
      throw new HttpError(404, 'case-not-found', 'The case is not there, or you cannot see it.');
    }
    return found;
  }

  /** The create request, as ContactPadCaseSender builds it. */
  private requestOf(caseId: string, rule: CaseRule, given: NewCase): Record<string, unknown> {
    const customer = given.customer;
    return {
      externalId: caseId,
      channel: 'case',
      serviceId: rule.serviceId,
      customer: {
        name: customer?.name ?? null,
        phone: customer?.phone ?? null,
        email: customer?.email ?? null,
      },
      record: { id: caseId, objectType: 'Case' },
      subject: given.subject,
      priority: rule.priority,
    };
  }

  /** Sends once; a refused token (the routing service restarted empty) makes the connector again. */
  private async send(rule: CaseRule, body: Record<string, unknown>): Promise<CaseSend> {
    for (let attempt = 0; ; attempt += 1) {
      const token = this.token ?? (await this.enrol());
      const [status, answer] = await routingApiOf(this.parts, token)(
        'POST',
        `/connector/accounts/${DEMO_ACCOUNT}/interactions`,
        body,
      );
      if (status === 401 && attempt === 0) {
        this.token = null;
        continue;
      }
      const error = record(record(answer)['error']);
      const ok = status >= 200 && status <= 299;
      return {
        ...sendBy(rule),
        status: ok ? 'Sent' : 'Failed',
        interactionId: ok ? String(record(answer)['id']) : null,
        code: ok ? null : typeof error['code'] === 'string' ? error['code'] : `http-${status}`,
        message: ok ? null : typeof error['message'] === 'string' ? error['message'] : null,
      };
    }
  }

  /** The workbench's connector credential: made, or rotated when the id is taken. */
  private async enrol(): Promise<string> {
    const admin = `/admin/accounts/${DEMO_ACCOUNT}/connectors`;
    const services = [
      ...new Set(this.rules.flatMap((rule) => (rule.serviceId === null ? [] : [rule.serviceId]))),
    ];
    const routingApi = routingApiOf(this.parts);
    let [status, answer] = await routingApi('POST', admin, {
      id: CASE_CONNECTOR_ID,
      name: 'Salesforce cases (workbench)',
      channels: ['case'],
      services,
    });
    if (status === 409) {
      [status, answer] = await routingApi('POST', `${admin}/${CASE_CONNECTOR_ID}/rotate`);
    }
    const token = record(answer)['token'];
    if (typeof token !== 'string') {
      throw new Error(`the routing service made no connector (HTTP ${status})`);
    }
    this.token = token;
    return token;
  }
}

const sendBy = (rule: CaseRule) => ({
  rule: rule.name,
  serviceId: rule.serviceId,
  interactionId: null,
  code: null,
  message: null,
});

const notRouted = (): CaseSend => ({
  status: 'Not routed',
  rule: null,
  serviceId: null,
  interactionId: null,
  code: null,
  message: null,
});
