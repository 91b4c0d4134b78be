/** Connector credentials in the account record: create, rotate, revoke, limits, bad input. */
import { MAX_CONNECTORS } from './connectors';
import type { ConnectorSpec } from './connectors';
import { ACCOUNT, expectCode, harness } from './testing';

const spec = (id = 'web', services = ['s']): ConnectorSpec => ({
  id,
  name: 'Web chat',
  channels: ['chat', 'chat'],
  services,
});

describe('connector credentials', () => {
  it('keeps the scope (once each) and the hash, and rotation replaces the hash only', () => {
    const h = harness();
    h.service('s');
    const book = h.engine.connectorBook();
    const made = book.create(ACCOUNT, spec(), 'aa');
    expect(made).toMatchObject({
      id: 'web',
      channels: ['chat'],
      services: ['s'],
      secretHash: 'aa',
    });
    h.clock.advance(5000);
    const rotated = book.rotate(ACCOUNT, 'web', 'bb');
    expect(rotated).toMatchObject({ secretHash: 'bb', createdAt: made.createdAt });
    expect(rotated.rotatedAt).toBe(made.createdAt + 5000);
    expect(h.store.account(ACCOUNT)?.connectors).toEqual([rotated]);
    book.revoke(ACCOUNT, 'web');
    expect(book.list(ACCOUNT)).toEqual([]);
    expect(book.find(ACCOUNT, 'web')).toBeUndefined();
  });

  it('finds nothing, without throwing, in an account that does not exist', () => {
    expect(harness().engine.connectorBook().find('nowhere', 'web')).toBeUndefined();
  });

  it('refuses a taken id, an unknown service, an unknown connector and too many, changing nothing', () => {
    const h = harness();
    h.service('s');
    const book = h.engine.connectorBook();
    book.create(ACCOUNT, spec(), 'aa');
    expect(expectCode(() => book.create(ACCOUNT, spec(), 'bb'), 'conflict').field).toBe('id');
    expect(
      expectCode(() => book.create(ACCOUNT, spec('x', ['s', 'nope']), 'bb'), 'not-found').field,
    ).toBe('services.1');
    expectCode(() => book.rotate(ACCOUNT, 'nope', 'bb'), 'not-found');
    expectCode(() => book.revoke(ACCOUNT, 'nope'), 'not-found');
    for (let n = 1; n < MAX_CONNECTORS; n += 1) book.create(ACCOUNT, spec(`c${n}`), 'cc');
    expectCode(() => book.create(ACCOUNT, spec('over'), 'dd'), 'not-allowed');
    expect(book.list(ACCOUNT)).toHaveLength(MAX_CONNECTORS);
    expect(book.find(ACCOUNT, 'web')?.secretHash).toBe('aa');
  });
});
