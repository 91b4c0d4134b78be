/**
 * The workbench's Cases on a real workbench and routing service (127.0.0.1, free ports): a Case the
 * package's rule takes reaches the routing service through the connector API with the
 * workbench's own connector credential (made again after a restart), one it does not take stays
 * put, the Apex stand-ins change its owner and status, and bad input changes nothing.
 */
import { DEMO_ACCOUNT } from '../routing/demo';
import { NEW_CASE_OWNER } from './cases';
import { useTestWorkbench } from './testing';

const field = (record: { fields: readonly { label: string; value: string }[] }, label: string) =>
  record.fields.find((f) => f.label === label)?.value;

/** A JSON answer, read field by field. */
interface Answer {
  readonly [key: string]: unknown;
  readonly id?: string;
  readonly send?: { readonly interactionId: string | null };
}

describe('workbench Cases through the connector', () => {
  const running = useTestWorkbench();

  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${running.base}/workbench/api/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  const caseCount = () =>
    running.workbench.records.records.filter((r) => r.objectType === 'Case').length;

  it('sends a web Case to Support as a case interaction carrying the record', async () => {
    const made = await send('POST', 'cases', {
      subject: 'Printer on fire',
      origin: 'Web',
      customer: 'maria',
    });
    expect(made.status).toBe(201);
    expect(made.body['send']).toMatchObject({
      status: 'Sent',
      rule: 'Web_Support',
      serviceId: 'support',
      code: null,
    });
    const caseId = String(made.body.id);
    const interactions = (await send('GET', 'interactions')).body as unknown as {
      id: string;
    }[];
    const routed = interactions.find((i) => i.id === made.body.send?.interactionId);
    expect(routed).toMatchObject({
      channel: 'case',
      serviceId: 'support',
      record: { id: caseId, objectType: 'Case' },
      subject: 'Printer on fire',
      priority: 5,
      customer: { name: 'Maria Garcia' },
    });
    const stored = running.workbench.records.record(caseId)!;
    expect(field(stored, 'Case Owner')).toBe(NEW_CASE_OWNER);
    expect(field(stored, 'ContactPad Send')).toMatch(/^Sent to support \(/);
  });

  it('leaves a Case no rule takes in its queue', async () => {
    const made = await send('POST', 'cases', {
      subject: 'Call me',
      origin: 'Phone',
      customer: null,
    });
    expect(made.status).toBe(201);
    expect(made.body['send']).toMatchObject({ status: 'Not routed', interactionId: null });
  });

  it('sends again after the routing service restarted empty (a new connector credential)', async () => {
    await running.workbench.restartRouting(0);
    const made = await send('POST', 'cases', { subject: 'After restart', origin: 'Web' });
    expect(made.body['send']).toMatchObject({ status: 'Sent' });
  });

  it('makes the agent the owner and sets the status on release as the setting says', async () => {
    const made = await send('POST', 'cases', { subject: 'Owner', origin: 'Web' });
    const caseId = String(made.body.id);
    expect(await send('POST', `cases/${caseId}/take`, { agentId: 'ann-lee' })).toEqual({
      status: 200,
      body: { changed: true },
    });
    expect((await send('POST', `cases/${caseId}/take`, { agentId: 'ann-lee' })).body).toEqual({
      changed: false,
    });
    const agentName = (await running.workbench.routing.routing.agent(DEMO_ACCOUNT, 'ann-lee')).name;
    expect(field(running.workbench.records.record(caseId)!, 'Case Owner')).toBe(agentName);

    expect((await send('GET', 'case-connector')).body).toEqual({ statusOnRelease: null });
    expect((await send('POST', `cases/${caseId}/release`)).body).toEqual({ changed: false });
    expect(field(running.workbench.records.record(caseId)!, 'Status')).toBe('New');
    await send('PUT', 'case-connector', { statusOnRelease: 'Closed' });
    expect((await send('POST', `cases/${caseId}/release`)).body).toEqual({ changed: true });
    expect(field(running.workbench.records.record(caseId)!, 'Status')).toBe('Closed');
    await send('PUT', 'case-connector', { statusOnRelease: null });
  });

  it.each([
    ['no subject', 'POST', 'cases', { origin: 'Web' }, 400, 'bad-request'],
    [
      'a subject too long',
      'POST',
      'cases',
      { subject: 'x'.repeat(256), origin: 'Web' },
      400,
      'bad-request',
    ],
    ['an unknown origin', 'POST', 'cases', { subject: 'x', origin: 'Fax' }, 400, 'bad-request'],
    [
      'an unknown customer',
      'POST',
      'cases',
      { subject: 'x', origin: 'Web', customer: 'zed' },
      400,
      'bad-request',
    ],
    [
      'taking a Case that is not there',
      'POST',
      'cases/500WB0000009999AAA/take',
      { agentId: 'ann-lee' },
      404,
      'case-not-found',
    ],
    [
      'taking a Contact',
      'POST',
      `cases/003WB0000000001AAA/take`,
      { agentId: 'ann-lee' },
      404,
      'case-not-found',
    ],
    [
      'taking as nobody',
      'POST',
      `cases/500WB0000000001AAA/take`,
      { agentId: 'nobody' },
      404,
      'not-found',
    ],
    [
      'a status too long',
      'PUT',
      'case-connector',
      { statusOnRelease: 'x'.repeat(41) },
      400,
      'bad-request',
    ],
  ])('%s is refused and changes nothing', async (_label, method, path, body, status, code) => {
    const before = JSON.stringify(running.workbench.records.records);
    const count = caseCount();
    const answer = await send(method, path, body);
    expect(answer).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    expect(caseCount()).toBe(count);
    expect(JSON.stringify(running.workbench.records.records)).toBe(before);
  });
});
