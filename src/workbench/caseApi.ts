/**
 * The workbench API's Case rows (cases.ts): create a Case (sent to routing when a rule takes it),
 * the Apex stand-ins' owner change and status on release, and the status on release itself (the
 * admin's setting, here changeable for a demo or a test).
 */
import { HttpError } from '../http/errors';
import type { Route } from '../http/routeTable';
import { param } from '../http/routeTable';
import { DEMO_ACCOUNT } from '../routing/demo';
import type { RunningService } from '../routing/start';
import type { CaseDesk } from './cases';
import { CUSTOMERS } from './fixtures';
import { CASE_ORIGINS, MAX_CASE_STATUS_LENGTH, MAX_CASE_SUBJECT_LENGTH } from './models/caseForm';
import type { CaseOrigin } from './models/caseForm';
import type { WorkbenchHandler } from './routes';
import { json, jsonAlways } from './routes';

const API = '/workbench/api';
const CASE_ID = '([A-Za-z0-9]{15,18})';

const bad = (message: string) => new HttpError(400, 'bad-request', message);

export function caseRoutes(
  cases: CaseDesk,
  routing: () => RunningService,
): Route<WorkbenchHandler>[] {
  return [
    {
      method: 'POST',
      path: `${API}/cases`,
      handler: json(async (call) => {
        const body = await call.body();
        const subject = typeof body['subject'] === 'string' ? body['subject'].trim() : '';
        if (subject === '' || subject.length > MAX_CASE_SUBJECT_LENGTH) {
          throw bad(`subject must be 1 to ${MAX_CASE_SUBJECT_LENGTH} characters`);
        }
        const origin = body['origin'];
        if (!(CASE_ORIGINS as readonly unknown[]).includes(origin)) {
          throw bad(`origin must be one of ${CASE_ORIGINS.join(', ')}`);
        }
        const customer = CUSTOMERS.find((c) => c.key === body['customer']) ?? null;
        if (customer === null && body['customer'] !== null && body['customer'] !== undefined) {
          throw bad('no such customer');
        }
        const { record, send } = await cases.create({
          subject,
          origin: origin as CaseOrigin,
          customer,
        });
        return [201, { id: record.id, name: record.name, send }];
      }),
    },
    {
      method: 'POST',
      path: `${API}/cases/:id${CASE_ID}/take`,
      handler: json(async (call) => {
        const agentId = (await call.body())['agentId'];
        if (typeof agentId !== 'string') throw bad('agentId must be an agent id');
        const agent = await routing().routing.agent(DEMO_ACCOUNT, agentId);
        return [200, { changed: cases.take(param(call.params, 'id'), agent.name) }];
      }),
    },
    {
      method: 'POST',
      path: `${API}/cases/:id${CASE_ID}/release`,
      handler: jsonAlways((call) => [200, { changed: cases.release(param(call.params, 'id')) }]),
    },
    {
      method: 'GET',
      path: `${API}/case-connector`,
      handler: jsonAlways(() => [200, { statusOnRelease: cases.statusOnRelease }]),
    },
    {
      method: 'PUT',
      path: `${API}/case-connector`,
      handler: jsonAlways(async (call) => {
        const status = (await call.body())['statusOnRelease'];
        if (
          status !== null &&
          (typeof status !== 'string' || status.length > MAX_CASE_STATUS_LENGTH)
        ) {
          throw bad(`statusOnRelease must be null or at most ${MAX_CASE_STATUS_LENGTH} characters`);
        }
        cases.statusOnRelease = status;
        return [200, { statusOnRelease: cases.statusOnRelease }];
      }),
    },
  ];
}
