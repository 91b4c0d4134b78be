/**
 * The probe agent and the `/health` poller in a process of their own (run.ts forks it), so that the
 * fleet's work in the bench process does not show in their figures.
 *   argv: agent URL, probe token, service URL
 *   parent -> child: 'start' (measure from now), 'stop'
 *   child -> parent: { type: 'ready' } once welcomed, then { type: 'done', acks, health }
 */
import { jsonClient } from '../jsonClient';
import { healthTimes, probeAcks } from './measure';

export type ProbeMessage =
  | { readonly type: 'ready' }
  | {
      readonly type: 'done';
      readonly acks: number[];
      readonly health: { readonly samples: number[]; readonly failed: number };
    };

async function main(): Promise<void> {
  const [agentUrl, token, url] = process.argv.slice(2) as [string, string, string];
  const tell = (message: ProbeMessage) =>
    new Promise<void>((resolve) => process.send?.(message, () => resolve()));
  let running = true;
  // Gone with the bench, whatever happened to it.
  process.on('disconnect', () => process.exit(0));
  const started = new Promise<void>((resolve) =>
    process.on('message', (message) => {
      if (message === 'start') resolve();
      if (message === 'stop') running = false;
    }),
  );
  const api = jsonClient(url, '', { timeoutMs: 10_000 });
  const acks = probeAcks(
    agentUrl,
    token,
    () => running,
    async () => {
      await tell({ type: 'ready' });
      await started;
    },
  );
  await started;
  const health = await healthTimes(api.call, () => running);
  await tell({ type: 'done', acks: await acks, health });
  api.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
