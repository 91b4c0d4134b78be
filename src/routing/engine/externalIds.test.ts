/** Connector idempotency records: kept per connector, bounded per account, replicated as changes. */
import type { Interaction } from '../../protocol';
import type { ExternalRecord } from '../store/store';
import { TrackedStore } from '../store/trackedStore';
import { DEFAULT_SETTINGS, Engine } from './engine';
import { FakeClock } from './fakeClock';
import { MAX_EXTERNAL_IDS } from './externalIds';

function world() {
  const store = new TrackedStore();
  let ids = 0;
  const engine = new Engine(store, new FakeClock(1_000_000), (kind) => `${kind}-${++ids}`);
  engine.createAccount('acme', 'Acme', DEFAULT_SETTINGS);
  engine.createService('acme', 's', 'S');
  const interaction = engine.arrive('acme', {
    channel: 'chat',
    serviceId: 's',
    customer: { name: 'Dana', phone: null, email: null },
    record: null,
    searchKeys: [],
    subject: null,
    priority: 5,
  });
  return { store, engine, interaction };
}

const record = (interaction: Interaction, externalId: string, connectorId = 'web') =>
  ({
    accountId: 'acme',
    connectorId,
    externalId,
    fingerprint: 'f',
    interaction,
  }) satisfies ExternalRecord;

describe('external ids', () => {
  it('are kept per connector and answer the interaction as it is now, or as created', () => {
    const { engine, interaction } = world();
    const book = engine.connectorBook();
    book.remember(record(interaction, 'e1'));
    expect(book.external('acme', 'web', 'e1')?.interaction.id).toBe(interaction.id);
    expect(book.external('acme', 'app', 'e1')).toBeUndefined();
    const kept = book.external('acme', 'web', 'e1') as ExternalRecord;
    expect(book.isLive(kept)).toBe(true);
    engine.customerLeaves('acme', interaction.id);
    expect(book.isLive(kept)).toBe(false);
    expect(book.current(kept)).toEqual(interaction);
  });

  it(`keeps at most ${MAX_EXTERNAL_IDS} per account, forgetting the oldest`, () => {
    const { engine, interaction } = world();
    const book = engine.connectorBook();
    for (let n = 0; n <= MAX_EXTERNAL_IDS; n += 1) book.remember(record(interaction, `e${n}`));
    expect(book.external('acme', 'web', 'e0')).toBeUndefined();
    expect(book.external('acme', 'web', 'e1')).toBeDefined();
    expect(book.external('acme', 'web', `e${MAX_EXTERNAL_IDS}`)).toBeDefined();
  });

  it('travel as changes to a replica, and a rollback takes them back', () => {
    const { store, engine, interaction } = world();
    const replica = new TrackedStore();
    store.begin();
    engine.connectorBook().remember(record(interaction, 'ext/1 <a@b>'));
    const changes = store.changes();
    store.accept();
    replica.apply(changes);
    expect(replica.external('acme', 'web', 'ext/1 <a@b>')?.interaction.id).toBe(interaction.id);

    store.begin();
    engine.connectorBook().remember(record(interaction, 'e2'));
    store.rollback();
    expect(store.external('acme', 'web', 'e2')).toBeUndefined();
    expect(store.external('acme', 'web', 'ext/1 <a@b>')).toBeDefined();
  });
});
