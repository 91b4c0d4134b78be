/**
 * A server for the routing benchmark to measure from outside its process:
 *   tsx scripts/bench/serve.ts echo      a WebSocket echo server (the loopback floor), which also
 *                                        answers an HTTP request with its body
 *   tsx scripts/bench/serve.ts routing   the routing service (admin key from BENCH_ADMIN_KEY,
 *                                        signing key from BENCH_SIGNING_KEY, store BENCH_STORE)
 * Listens on 127.0.0.1 on a free port and prints one JSON line: { url, pid }.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { WebSocketServer } from 'ws';
import { startRoutingService } from '../../src/routing/start';

async function echo(): Promise<string> {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    request.pipe(response);
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) =>
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function routing(): Promise<string> {
  const signingKey = process.env['BENCH_SIGNING_KEY'];
  const store = process.env['BENCH_STORE'];
  const service = await startRoutingService({
    host: '127.0.0.1',
    port: 0,
    adminKey: process.env['BENCH_ADMIN_KEY'] ?? randomBytes(16).toString('hex'),
    // Several processes on one store verify each other's tokens: one key for all.
    signingKey: signingKey === undefined ? randomBytes(32) : new TextEncoder().encode(signingKey),
    tokenTtlSeconds: 3600,
    logger: pino({ level: 'silent' }),
    // The benchmarks' webhook receivers listen on 127.0.0.1.
    allowPrivateWebhooks: true,
    ...(store === undefined
      ? {}
      : { store, storePrefix: process.env['BENCH_STORE_PREFIX'] ?? 'bench' }),
  });
  return service.url;
}

const mode = process.argv[2];
(mode === 'echo'
  ? echo()
  : mode === 'routing'
    ? routing()
    : Promise.reject(new Error('mode: echo | routing'))
).then(
  (url) => process.stdout.write(`${JSON.stringify({ url, pid: process.pid })}\n`),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
// Stop with the parent.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
