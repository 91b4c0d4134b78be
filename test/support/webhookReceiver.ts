/**
 * A webhook receiver on 127.0.0.1 on a free port, as a connector would run one (CONNECTORS.md):
 * it reads each request's body, checks its signature with the secret it is given, and hands the
 * events to `take`, which says the status to answer. The tests and the benchmark use it.
 */
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutcomeEvent } from '../../src/routing/server/connectorPort';
import { SIGNATURE_HEADER, verifySignature } from '../../src/routing/server/webhookSignature';

export interface Batch {
  readonly events: OutcomeEvent[];
  /** Whether the signature is right for the secret and within the replay window. */
  readonly signed: boolean;
}

export interface WebhookReceiver {
  readonly url: string;
  /** The signing secret the service gave when the webhook was set. */
  secret: string;
  close(): Promise<void>;
}

/** `take` answers the status for each batch (it sees the request too, e.g. its connection). */
export async function webhookReceiver(
  take: (batch: Batch, request: IncomingMessage) => number,
): Promise<WebhookReceiver> {
  const receiver = { secret: '' };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = request.headers[SIGNATURE_HEADER];
      const signed = verifySignature(
        receiver.secret,
        typeof header === 'string' ? header : undefined,
        body,
        Math.floor(Date.now() / 1000),
      );
      const { events } = JSON.parse(body) as { events: OutcomeEvent[] };
      response.writeHead(take({ events, signed }, request)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
