import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Server as TcpServer } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { FORWARDED_HEADER, ForwardedMark, HttpForwarder, accountHintOf, tunnel } from './forward';
import { PeerOpenings } from './peerOpenings';

const mark = new ForwardedMark(randomBytes(32));
const passing = { mark, openings: new PeerOpenings(4) };

const listen = (server: Server | TcpServer) =>
  new Promise<number>((done) =>
    server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)),
  );
const close = (server: Server) =>
  new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });

describe('accountHintOf', () => {
  it('reads the account a WebSocket URL names, and nothing else', () => {
    expect(accountHintOf('/v1/agent?account=acme')).toBe('acme');
    expect(accountHintOf('/v1/agent?x=1&account=caf%C3%A9')).toBe('café');
    expect(accountHintOf('/v1/agent')).toBeNull();
    expect(accountHintOf('/v1/agent?account=')).toBeNull();
    expect(accountHintOf(undefined)).toBeNull();
    expect(accountHintOf(`/v1/agent?account=${'a'.repeat(201)}`)).toBeNull();
  });
});

describe('ForwardedMark', () => {
  it("knows its own service's mark, and no other", () => {
    const key = randomBytes(32);
    const own = new ForwardedMark(key);
    expect(new ForwardedMark(Uint8Array.from(key)).value).toBe(own.value);
    expect(own.carriedBy({ [FORWARDED_HEADER]: own.value })).toBe(true);
    // A client's header, another service's mark, a mark cut short or sent twice: not forwarded.
    for (const given of [
      '1',
      '',
      new ForwardedMark(randomBytes(32)).value,
      own.value.slice(1),
      [own.value, own.value],
      undefined,
    ]) {
      expect(own.carriedBy({ [FORWARDED_HEADER]: given })).toBe(false);
    }
  });
});

describe('tunnel', () => {
  const servers: Server[] = [];
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await Promise.all(servers.splice(0).map(close));
  });

  /** A process that tunnels every upgrade to `owner` (a ws: URL). */
  const forwarderTo = async (owner: string) => {
    const server = createServer();
    servers.push(server);
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      tunnel(request, socket, head, owner, passing),
    );
    return `ws://127.0.0.1:${await listen(server)}`;
  };

  it("joins the client to the owner's WebSocket: the upgrade marked, frames both ways, closes passed on", async () => {
    const owner = createServer();
    servers.push(owner);
    const wss = new WebSocketServer({ server: owner });
    const upgrades: IncomingMessage[] = [];
    wss.on('connection', (ws, request) => {
      upgrades.push(request);
      ws.on('message', (data) => {
        const text = String(data);
        if (text === 'bye') ws.close(4503, 'moving');
        else ws.send(`echo ${text}`);
      });
    });
    const base = await forwarderTo(`ws://127.0.0.1:${await listen(owner)}/v1/agent`);
    const client = new WebSocket(`${base}/v1/agent?account=acme`, {
      headers: { [FORWARDED_HEADER]: '1', 'x-trace': 't1' },
    });
    sockets.push(client);
    const messages: string[] = [];
    client.on('message', (data) => messages.push(String(data)));
    await new Promise((done) => client.once('open', done));
    client.send('one');
    client.send('two');
    await new Promise<void>((done) => {
      const check = () => (messages.length === 2 ? done() : setTimeout(check, 5));
      check();
    });
    expect(messages).toEqual(['echo one', 'echo two']);
    expect(upgrades).toHaveLength(1);
    expect(upgrades[0]?.url).toBe('/v1/agent?account=acme');
    expect(upgrades[0]?.headers['x-trace']).toBe('t1');
    // The client's own copy of the header is not passed on: the tunnel's mark alone arrives.
    expect(upgrades[0]?.rawHeaders.filter((name) => name === FORWARDED_HEADER)).toHaveLength(1);
    expect(upgrades[0]?.headers[FORWARDED_HEADER]).toBe(mark.value);
    const closed = new Promise<[number, string]>((done) =>
      client.once('close', (code, reason) => done([code, String(reason)])),
    );
    client.send('bye');
    expect(await closed).toEqual([4503, 'moving']);
  });

  it('answers 503 when the owner cannot be reached, so the client connects again', async () => {
    const gone = createServer();
    const port = await listen(gone);
    await close(gone);
    const base = await forwarderTo(`ws://127.0.0.1:${port}/v1/agent`);
    const client = new WebSocket(`${base}/v1/agent?account=acme`);
    sockets.push(client);
    const status = await new Promise<number | undefined>((done) => {
      client.once('unexpected-response', (_request, response) => done(response.statusCode));
      client.once('error', () => done(undefined));
    });
    expect(status).toBe(503);
  });

  it('closes the owner side when the client goes away', async () => {
    const owner = createServer();
    servers.push(owner);
    const wss = new WebSocketServer({ server: owner });
    const ownerClosed = new Promise<void>((done) =>
      wss.on('connection', (ws) => ws.once('close', () => done())),
    );
    const base = await forwarderTo(`ws://127.0.0.1:${await listen(owner)}/v1/agent`);
    const client = new WebSocket(`${base}/v1/agent?account=acme`);
    sockets.push(client);
    await new Promise((done) => client.once('open', done));
    client.terminate();
    await ownerClosed;
  });
});

describe('HttpForwarder', () => {
  /**
   * An owner speaking just enough HTTP: each connection answers its first request and stays open;
   * with `closeReused`, a second request on a connection closes it unanswered (as a server whose
   * idle timeout ends as the request is written); without it, every request closes its connection.
   */
  async function owner(closeReused: boolean) {
    const seen = { connections: 0, answered: 0 };
    const server = createTcpServer((socket) => {
      seen.connections += 1;
      let requests = 0;
      socket.on('data', (chunk: Buffer) => {
        requests += (chunk.toString().match(/ HTTP\/1\.1\r\n/g) ?? []).length;
        if (requests > 1 || !closeReused) {
          socket.destroy();
          return;
        }
        seen.answered += 1;
        const body = JSON.stringify({ answered: seen.answered });
        socket.write(
          `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n` +
            `content-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`,
        );
      });
    });
    const port = await listen(server);
    return { seen, base: `http://127.0.0.1:${port}`, close: () => server.close() };
  }

  /** The process a client reached, forwarding everything to `base`. */
  async function front(forwarder: HttpForwarder, base: string) {
    const server = createServer((_request, response) => {
      forwarder
        .forward(base, { method: 'POST', path: '/x', authorization: 'Bearer key' }, '{}', response)
        .catch((err: unknown) => {
          response.writeHead(503);
          response.end(String(err));
        });
    });
    return { url: `http://127.0.0.1:${await listen(server)}/x`, close: () => close(server) };
  }

  it('sends a request again, once, when the kept-alive connection it reused was closed under it', async () => {
    const target = await owner(true);
    const forwarder = new HttpForwarder(mark);
    const client = await front(forwarder, target.base);
    try {
      const answers = [];
      for (let n = 0; n < 3; n++) {
        const answer = await fetch(client.url, { method: 'POST', body: '{}' });
        answers.push([answer.status, await answer.json()]);
      }
      expect(answers).toEqual([
        [200, { answered: 1 }],
        [200, { answered: 2 }],
        [200, { answered: 3 }],
      ]);
      // The second and third each found the last connection closed and took a new one.
      expect(target.seen.connections).toBe(3);
    } finally {
      forwarder.close();
      await client.close();
      target.close();
    }
  });

  it('answers unavailable, without sending again, when a new connection is closed under it', async () => {
    const target = await owner(false);
    const forwarder = new HttpForwarder(mark);
    const client = await front(forwarder, target.base);
    try {
      const answer = await fetch(client.url, { method: 'POST', body: '{}' });
      expect(answer.status).toBe(503);
      expect(await answer.text()).toMatch(/did not answer/);
      expect(target.seen).toEqual({ connections: 1, answered: 0 });
    } finally {
      forwarder.close();
      await client.close();
      target.close();
    }
  });
});
