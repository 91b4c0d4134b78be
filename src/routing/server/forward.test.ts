import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { FORWARDED_HEADER, accountHintOf, tunnel } from './forward';

const listen = (server: Server) =>
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
      tunnel(request, socket, head, owner),
    );
    return `ws://127.0.0.1:${await listen(server)}`;
  };

  it("joins the client to the owner's WebSocket: the upgrade marked forwarded, frames both ways, closes passed on", async () => {
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
    // The client's own copy of the header is not passed on: the tunnel's alone arrives.
    expect(upgrades[0]?.rawHeaders.filter((name) => name === FORWARDED_HEADER)).toHaveLength(1);
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
