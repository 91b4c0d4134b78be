/**
 * The Setup page's removals and renames across a restart of the routing service on a shared store:
 * they are store changes committed like any other, so what was removed stays removed and a new name
 * stays. With the in-memory store a restart keeps nothing, so this runs on the shared stores only.
 */
import type { Restartable } from './restartable';
import { startRestartable } from './restartable';
import { CONFORMANCE_STORE, fullSettings } from './harness';

(CONFORMANCE_STORE === 'memory' ? describe.skip : describe)('admin API for Setup: restart', () => {
  let service: Restartable;
  beforeAll(async () => {
    service = await startRestartable();
  });
  afterAll(() => service.dispose());

  it('keeps a renamed service, and forgets a removed service and a removed agent', async () => {
    const a = 'setup-restart';
    const ok = async (method: string, path: string, body?: unknown) => {
      const result = await service.send(method, path, body);
      expect(result.status).toBeLessThan(300);
      return result;
    };
    await ok('POST', '/admin/accounts', { id: a, name: 'Acme', settings: fullSettings() });
    for (const id of ['sales', 'old']) {
      await ok('POST', `/admin/accounts/${a}/services`, { id, name: id });
    }
    const agent = { services: ['sales'], weights: null, state: null };
    await ok('POST', `/admin/accounts/${a}/agents`, { id: 'ann', name: 'Ann', ...agent });
    await ok('POST', `/admin/accounts/${a}/agents`, { id: 'bob', name: 'Bob', ...agent });
    await ok('PATCH', `/admin/accounts/${a}/services/sales`, { name: 'Sales EMEA' });
    await ok('DELETE', `/admin/accounts/${a}/services/old`);
    await ok('DELETE', `/admin/accounts/${a}/agents/bob`);

    await service.restart();

    const services = await ok('GET', `/admin/accounts/${a}/services`);
    expect(
      (services.body as unknown as { id: string; name: string }[]).map((s) => [s.id, s.name]),
    ).toEqual([['sales', 'Sales EMEA']]);
    const agents = await ok('GET', `/admin/accounts/${a}/agents`);
    expect((agents.body as unknown as { id: string }[]).map((s) => s.id)).toEqual(['ann']);
    expect((await service.send('GET', `/admin/accounts/${a}/agents/bob`)).status).toBe(404);
    // And the removed ids may be used again.
    await ok('POST', `/admin/accounts/${a}/services`, { id: 'old', name: 'Old again' });
    await ok('POST', `/admin/accounts/${a}/agents`, { id: 'bob', name: 'Bob', ...agent });
    // A restart of the service: past jest's 5 s on a busy machine (as the other restart tests).
  }, 30_000);
});
