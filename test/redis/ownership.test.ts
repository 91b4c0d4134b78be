/**
 * Ownership of accounts among routing processes on one Redis: each account served by exactly one
 * process, the one placement picks; a process joining takes only what belongs to it, and gives it
 * back at once when it stops; requests reach the owner through any process, and a forwarded
 * request is never forwarded again.
 */
import pino from 'pino';
import { placeAccounts } from '../../src/routing/partitions/placement';
import type { RunningService } from '../../src/routing/start';
import { startRoutingService } from '../../src/routing/start';
import { FORWARDED_HEADER, ForwardedMark } from '../../src/routing/server/forward';
import { waitFor } from '../conformance/harness';
import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';
import { Admin, KEYS, SETTINGS } from './world';

jest.setTimeout(60_000);

// Enough accounts that placement has something to balance: 8 each on three processes, 6 on four.
const ACCOUNTS = Array.from({ length: 24 }, (_, n) => `tenant-${String(n).padStart(2, '0')}`);

describe('accounts partitioned among routing processes', () => {
  let redis: RedisServer;
  const services: RunningService[] = [];
  const start = async () => {
    const service = await startRoutingService({
      host: '127.0.0.1',
      port: 0,
      adminKey: KEYS.adminKey,
      signingKey: new TextEncoder().encode(KEYS.signingKey),
      tokenTtlSeconds: 600,
      logger: pino({ level: 'silent' }),
      store: redis.url,
      leaseMs: 900,
    });
    services.push(service);
    return service;
  };
  /** Which process serves each account now. */
  const owners = (among: readonly RunningService[]) =>
    Object.fromEntries(
      ACCOUNTS.map((id) => [
        id,
        among.filter((s) => s.routing.partitions.local(id) !== undefined).map((s) => s.url),
      ]),
    );
  const placed = (among: readonly RunningService[]) => {
    const members = among.map((s) => ({ id: s.routing.origin, url: s.url }));
    const placement = placeAccounts(ACCOUNTS, members);
    return Object.fromEntries(ACCOUNTS.map((id) => [id, [placement.get(id)!.url]]));
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await redis?.dispose();
  });

  it('serves each account on exactly one process, where placement puts it, and forwards once', async () => {
    const three = [await start(), await start(), await start()];
    // Accounts created through any process land where they belong.
    for (const [n, id] of ACCOUNTS.entries()) {
      await new Admin(three[n % 3]!.url).ok('POST', '/admin/accounts', {
        id,
        name: id,
        settings: SETTINGS,
      });
      await new Admin(three[(n + 1) % 3]!.url).ok('POST', `/admin/accounts/${id}/services`, {
        id: 'sales',
        name: 'Sales',
      });
    }
    await waitFor(() => JSON.stringify(owners(three)) === JSON.stringify(placed(three)), 5000);
    // Every process lists every account, and reads any of them.
    for (const service of three) {
      const listed = await new Admin(service.url).ok<{ id: string }[]>('GET', '/admin/accounts');
      expect(listed.map(({ id }) => id)).toEqual(ACCOUNTS);
      expect(
        await new Admin(service.url).ok('GET', `/admin/accounts/${ACCOUNTS[0]}/services`),
      ).toEqual([{ accountId: ACCOUNTS[0], id: 'sales', name: 'Sales' }]);
    }

    // A fourth process joins: it takes its share (a quarter), the others keep theirs.
    const before = owners(three);
    const fourth = await start();
    const four = [...three, fourth];
    await waitFor(() => JSON.stringify(owners(four)) === JSON.stringify(placed(four)), 5000);
    const after = owners(four);
    const share = (among: typeof after, url: string) =>
      ACCOUNTS.filter((id) => among[id]![0] === url).length;
    for (const service of four) expect(share(after, service.url)).toBe(ACCOUNTS.length / 4);
    const moved = ACCOUNTS.filter((id) => after[id]![0] !== before[id]![0]);
    expect(moved.length).toBeLessThan(ACCOUNTS.length / 2);

    // A request forwarded to a process that does not own the account is refused, not sent on;
    // one that only says it was forwarded, without the service's mark, is sent on.
    const owner = after[ACCOUNTS[0]!]![0];
    const other = four.find((s) => s.url !== owner)!;
    const mark = new ForwardedMark(new TextEncoder().encode(KEYS.signingKey));
    const through = (header: string) =>
      fetch(`${other.url}/admin/accounts/${ACCOUNTS[0]}`, {
        headers: { authorization: `Bearer ${KEYS.adminKey}`, [FORWARDED_HEADER]: header },
      });
    const response = await through(mark.value);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect((await through('1')).status).toBe(200);

    // It stops: what it held goes back where it was, at once.
    await fourth.stop();
    services.splice(services.indexOf(fourth), 1);
    for (const id of ACCOUNTS) {
      await new Admin(three[0]!.url).ok('GET', `/admin/accounts/${id}`);
    }
    await waitFor(() => JSON.stringify(owners(three)) === JSON.stringify(before), 5000);
  });
});
