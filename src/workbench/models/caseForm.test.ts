import { CASE_ORIGINS, CaseFormModel, NO_CUSTOMER, createdText } from './caseForm';

const sent = {
  name: '00001004',
  send: {
    status: 'Sent' as const,
    rule: 'Web_Support',
    serviceId: 'support',
    interactionId: 'i-9',
    code: null,
  },
};

const requests = (answer: unknown = sent) => {
  const calls: { path: string; method?: string | undefined; body?: unknown }[] = [];
  let fail: Error | null = null;
  return {
    calls,
    failWith: (error: Error) => (fail = error),
    request: async (path: string, init?: { method?: string; body?: string }) => {
      calls.push({
        path,
        method: init?.method,
        ...(init?.body === undefined ? {} : { body: JSON.parse(init.body) }),
      });
      if (fail !== null) throw fail;
      return answer;
    },
  };
};

describe('workbench New Case form', () => {
  it('offers the origins and the customers, the first picked, and none', () => {
    const model = new CaseFormModel(requests().request);
    model.sources([{ key: 'maria', name: 'Maria Garcia' }]);
    expect(model.state.origins.map((o) => o.value)).toEqual([...CASE_ORIGINS]);
    expect(model.state.origin).toBe('Web');
    expect(model.state.customers).toEqual([
      { value: 'maria', label: 'Maria Garcia' },
      { value: NO_CUSTOMER, label: 'None' },
    ]);
    expect(model.state.customer).toBe('maria');
  });

  it('creates the Case with what was picked and says where it went', async () => {
    const server = requests();
    const model = new CaseFormModel(server.request);
    model.sources([{ key: 'maria', name: 'Maria Garcia' }]);
    model.edit({ subject: '  Printer on fire ', origin: 'Email', customer: NO_CUSTOMER });
    model.edit({ origin: 'Fax' }); // not an origin: ignored
    await model.create();
    expect(server.calls).toEqual([
      {
        path: '/workbench/api/cases',
        method: 'POST',
        body: { subject: 'Printer on fire', origin: 'Email', customer: null },
      },
    ]);
    expect(model.state).toMatchObject({
      subject: '',
      busy: false,
      status: 'Case 00001004 created and sent to support by rule Web_Support (i-9).',
    });
  });

  it('refuses a blank or too long subject before sending anything', async () => {
    const server = requests();
    const model = new CaseFormModel(server.request);
    model.edit({ subject: '   ' });
    await model.create();
    model.edit({ subject: 'x'.repeat(256) });
    await model.create();
    expect(server.calls).toEqual([]);
    expect(model.state.status).toBe('A subject of 1 to 255 characters, please.');
  });

  it('says a failure of the server in its words and keeps the subject', async () => {
    const server = requests();
    server.failWith(new Error('origin must be one of Web, Email, Phone'));
    const model = new CaseFormModel(server.request);
    model.edit({ subject: 'Keep me' });
    await model.create();
    expect(model.state).toMatchObject({
      subject: 'Keep me',
      busy: false,
      status: 'Creating the case failed: origin must be one of Web, Email, Phone',
    });
  });

  it('tells a Case no rule routes and one whose send failed', () => {
    expect(createdText({ ...sent, send: { ...sent.send, status: 'Not routed' } })).toBe(
      'Case 00001004 created; no rule routes it.',
    );
    expect(
      createdText({ ...sent, send: { ...sent.send, status: 'Failed', code: 'forbidden' } }),
    ).toBe('Case 00001004 created; sending it failed (forbidden).');
  });
});
