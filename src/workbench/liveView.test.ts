/**
 * Pushed updates on a real workbench (127.0.0.1, free ports): a page listening to
 * GET /workbench/api/updates gets every topic at once, then each change without asking: a customer
 * contact placed, routed and gone, a Task saved, settings changed, the routing service restarting.
 */
import { request } from 'node:http';
import { contactsOf, whereOf } from './liveView';
import type { Topic, WorkbenchUpdates } from './models/updates';
import { UPDATES_PATH } from './models/updates';
import { useTestWorkbench } from './testing';

/** A listener on the stream that queues what arrives, by topic. */
function listen(url: string) {
  const frames: { topic: Topic; value: unknown }[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  const req = request(url, { headers: { accept: 'text/event-stream' } });
  const opened = new Promise<number>((resolve, reject) => {
    req.on('response', (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const topic = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (topic !== undefined && data !== undefined) {
            frames.push({ topic: topic as Topic, value: JSON.parse(data) });
            for (const wake of waiters.splice(0)) wake();
          }
        }
      });
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  req.end();
  /** The first frame of `topic` from the `from`th on that `test` accepts. */
  const next = async <T extends Topic>(
    topic: T,
    test: (value: WorkbenchUpdates[T]) => boolean,
    from = 0,
  ): Promise<WorkbenchUpdates[T]> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = frames
        .slice(from)
        .find((f) => f.topic === topic && test(f.value as WorkbenchUpdates[T]));
      if (found !== undefined) return found.value as WorkbenchUpdates[T];
      if (Date.now() > deadline) throw new Error(`no ${topic} frame as expected`);
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 100);
      });
    }
  };
  return { opened, frames, next, close: () => req.destroy() };
}

describe('workbench server: pushed updates', () => {
  const running = useTestWorkbench();

  const post = (path: string, body: unknown) =>
    fetch(`${running.base}${path}`, {
      method: path.endsWith('settings') ? 'PATCH' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));

  test('every topic at once, then a contact placed and leaving, a Task, settings', async () => {
    const page = listen(`${running.base}${UPDATES_PATH}`);
    expect(await page.opened).toBe(200);
    await page.next('routing', (v) => v.up);
    await page.next('contacts', (v) => v.length === 0);
    await page.next('calls', (v) => v.length === 0);
    const settings = await page.next('settings', (v) => v !== null);
    const records = await page.next('records', (v) => v.length > 0);

    const placed = await post('/workbench/api/simulate/arrive', {
      channel: 'chat',
      serviceId: 'support',
      customer: 'maria',
    });
    expect(placed.status).toBe(201);
    const id = (placed.body as { id: string }).id;
    const [contact] = await page.next('contacts', (v) => v.some((c) => c.id === id));
    expect(contact).toEqual({
      id,
      channel: 'chat',
      who: 'Maria Garcia',
      where: 'waiting at support',
    });

    const before = page.frames.length;
    await post(`/workbench/api/simulate/interactions/${id}/leave`, {});
    await page.next('contacts', (v) => v.length === 0, before);

    const recordId = records[0]!.id;
    await post('/workbench/api/tasks', {
      source: 'apex',
      log: { subject: 'Call', record: { id: recordId, objectType: records[0]!.objectType } },
    });
    await page.next('records', (v) => v.find((r) => r.id === recordId)?.tasks.length === 1);

    await post('/workbench/api/settings', { wrapSeconds: settings!.wrapSeconds + 1 });
    await page.next('settings', (v) => v?.wrapSeconds === settings!.wrapSeconds + 1);
    page.close();
  });

  test('the queues: an overflow set through the proxy, work waiting, then moved on', async () => {
    const put = (path: string, body: unknown) =>
      fetch(`${running.base}${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
    const page = listen(`${running.base}${UPDATES_PATH}`);
    const first = await page.next('queues', (v) => v.length > 0);
    expect(first.map((q) => q.serviceId)).toEqual(['sales', 'support', 'billing', 'returns']);
    expect(first.find((q) => q.serviceId === 'support')).toEqual({
      serviceId: 'support',
      name: 'Support',
      overflow: { serviceId: null, afterSeconds: 60 },
      callbacks: { afterSeconds: null },
      waiting: [],
    });

    // The routing service's refusal comes back as it is: a service never overflows to itself.
    const self = await put('/workbench/api/services/support/overflow', {
      serviceId: 'support',
      afterSeconds: 5,
    });
    expect(self.status).toBe(400);
    expect(self.body).toMatchObject({ error: { code: 'bad-field', field: 'serviceId' } });

    const rule = { serviceId: 'billing', afterSeconds: 1 };
    expect(await put('/workbench/api/services/support/overflow', rule)).toEqual({
      status: 200,
      body: rule,
    });
    await page.next(
      'queues',
      (v) => v.find((q) => q.serviceId === 'support')?.overflow.afterSeconds === 1,
    );
    const placed = await post('/workbench/api/simulate/arrive', {
      channel: 'chat',
      serviceId: 'support',
      customer: 'maria',
    });
    const id = (placed.body as { id: string }).id;
    const waiting = await page.next('queues', (v) =>
      v.some((q) => q.serviceId === 'support' && q.waiting.some((w) => w.id === id)),
    );
    const work = waiting.find((q) => q.serviceId === 'support')!.waiting[0]!;
    expect(work).toEqual({
      id,
      channel: 'chat',
      who: 'Maria Garcia',
      enqueuedAt: expect.any(Number),
    });
    const moved = await page.next('queues', (v) =>
      v.some((q) => q.serviceId === 'billing' && q.waiting.some((w) => w.id === id)),
    );
    expect(moved.find((q) => q.serviceId === 'billing')!.waiting[0]!.enqueuedAt).toBe(
      work.enqueuedAt,
    );
    expect(moved.find((q) => q.serviceId === 'support')!.waiting).toEqual([]);
    page.close();
  });

  test('a restart is pushed: down, then up with the account seeded again', async () => {
    const page = listen(`${running.base}${UPDATES_PATH}`);
    await page.next('routing', (v) => v.up);
    const before = page.frames.length;
    const restarted = running.workbench.restartRouting(200);
    await page.next('routing', (v) => !v.up, before);
    const down = page.frames.findIndex((f, n) => n >= before && f.topic === 'routing');
    await restarted;
    await page.next('routing', (v) => v.up, down + 1);
    page.close();
  });

  test('nothing is read while no page listens; a page that leaves is forgotten', async () => {
    const page = listen(`${running.base}${UPDATES_PATH}`);
    await page.next('routing', (v) => v.up);
    page.close();
    await new Promise((done) => setTimeout(done, 100));
    // A change with nobody listening: no read, no write to a closed stream.
    const placed = await post('/workbench/api/simulate/arrive', {
      channel: 'email',
      serviceId: 'billing',
      customer: 'john',
    });
    expect(placed.status).toBe(201);
  });
});

describe('contactsOf', () => {
  const listing = {
    id: 'i-1',
    channel: 'voice' as const,
    consultId: null,
    customer: { name: null, phone: '+14155550101', email: null },
    place: { kind: 'assigned' as const },
    agentIds: ['ann-lee', 'ann-lee'],
  };

  test('customers by name, else number; consult legs left out; each agent once', () => {
    const listings = [listing, { ...listing, id: 'i-2', consultId: 'c-1' }];
    expect(contactsOf(listings as never)).toEqual([
      { id: 'i-1', channel: 'voice', who: '+14155550101', where: 'with ann-lee' },
    ]);
    expect(
      whereOf({ place: { kind: 'queued', serviceId: 'support' } as never, agentIds: [] }),
    ).toBe('waiting at support');
    expect(
      whereOf({ place: { kind: 'personal', agentId: 'bob-lee' } as never, agentIds: [] }),
    ).toBe("in bob-lee's personal queue");
  });
});
