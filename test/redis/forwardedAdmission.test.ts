/**
 * Connections one routing process passes to another are counted where the client first arrived,
 * by the client's own address: after a process dies, its agents reconnect through any process at
 * once, and the owner of their account must not take them all for one address and drop them
 * (admission.ts). A client that only claims to be forwarded is still counted by its address.
 */
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { FORWARDED_HEADER } from '../../src/routing/server/forward';
import { TestClient } from '../conformance/client';
import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';
import type { RoutingProcess } from '../support/routingProcess';
import { startRoutingProcess } from '../support/routingProcess';
import { ACCOUNT, Admin, agentId, KEYS, ownershipSettled } from './world';

jest.setTimeout(60_000);

/** Connections not yet welcomed, per remote address, on each process of this file. */
const PER_ADDRESS = 4;
/** Agents reconnecting through each process at once: three times the cap. */
const AGENTS_EACH = 3 * PER_ADDRESS;

async function refusedPerAddress(process: RoutingProcess): Promise<number> {
  const response = await fetch(`${process.url}/metrics`, {
    headers: { authorization: `Bearer ${KEYS.adminKey}` },
  });
  const line = /^contactpad_connections_refused_total\{reason="pending-per-address"\} (\d+)/m;
  return Number(line.exec(await response.text())?.[1] ?? 0);
}

describe('connections passed between routing processes', () => {
  let redis: RedisServer;
  let processes: RoutingProcess[] = [];
  let admin: Admin;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { ROUTING_MAX_PENDING_PER_ADDRESS: String(PER_ADDRESS) };
    processes = await Promise.all([
      startRoutingProcess({ store: redis.url, ...KEYS, env }),
      startRoutingProcess({ store: redis.url, ...KEYS, env }),
    ]);
    admin = new Admin(processes[0]!.url);
    await admin.seed(2 * AGENTS_EACH);
    await ownershipSettled(
      processes.map((each) => each.url),
      1,
    );
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(processes.map((each) => each.stop()));
    await redis?.dispose();
  });

  it('welcomes every agent reconnecting through the process that does not own the account, at once', async () => {
    // One at a time: the admin's own connections count against the cap too.
    const tokens: string[] = [];
    for (let n = 0; n < 2 * AGENTS_EACH; n++) tokens.push(await admin.token(agentId(n)));
    const before = await Promise.all(processes.map(refusedPerAddress));
    // Half through each process (so half through the one that does not own the account), each
    // agent from a loopback address of its own, half of them naming the account in the URL (the
    // socket is joined to the owner) and half not (it is relayed after hello).
    const welcomed = await Promise.allSettled(
      tokens.map(async (token, n) => {
        const through = processes[n % 2]!;
        const query = n % 4 < 2 ? `?account=${encodeURIComponent(ACCOUNT)}` : '';
        const { client } = await TestClient.connect(
          `${through.agentUrl}${query}`,
          token,
          null,
          `127.0.0.${2 + n}`,
        );
        clients.push(client);
        return client;
      }),
    );
    expect(welcomed.filter((each) => each.status === 'rejected')).toEqual([]);
    for (const client of clients) {
      await client.ok({ type: 'presence.set', state: 'away', reason: null });
    }
    expect(await Promise.all(processes.map(refusedPerAddress))).toEqual(before);
  });

  it('still counts by its own address a client that claims to be forwarded', async () => {
    const target = processes[0]!;
    const before = await refusedPerAddress(target);
    const { port } = new URL(target.url);
    // Upgrades that say they were forwarded, from one address, each answered before the next
    // and none saying hello: the cap counts them all, so the two past it drop the oldest.
    const sockets: Socket[] = [];
    for (let n = 0; n < PER_ADDRESS + 2; n++) {
      const socket = connect({
        host: '127.0.0.1',
        port: Number(port),
        localAddress: '127.0.0.200',
      });
      sockets.push(socket);
      socket.on('error', () => undefined);
      const answered = new Promise<string>((done) =>
        socket.once('data', (chunk: Buffer) => done(chunk.toString())),
      );
      socket.write(
        [
          'GET /v1/agent HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Connection: Upgrade',
          'Upgrade: websocket',
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          `${FORWARDED_HEADER}: 1`,
          '',
          '',
        ].join('\r\n'),
      );
      expect(await answered).toMatch(/^HTTP\/1\.1 101 /);
    }
    try {
      const deadline = Date.now() + 10_000;
      while ((await refusedPerAddress(target)) < before + 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await refusedPerAddress(target)).toBe(before + 2);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
