/**
 * `npm start` (= `npm run workbench`): the page that stands in for the Salesforce console, hosting
 * the real ContactPad components, and the routing service with the demo account. Ctrl-C stops both.
 * PORT (default 4280) is the page's port; ROUTING_PORT (default PORT + 1) the routing service's.
 * COLLEAGUE_SHIFTS: how often each simulated colleague changes presence, `<min>-<max>` seconds
 * (default 30-120), or `off`.
 */
import pino from 'pino';
import { stopOnSignals } from '../routing/signals';
import { parseShiftTiming } from '../routing/simulator/shifts';
import { SIGN_IN_AGENTS, startWorkbench } from './server';

function portOf(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const port = portOf('PORT', 4280);
  const routingPort = portOf('ROUTING_PORT', port === 0 ? 0 : port + 1);
  const shifts = parseShiftTiming(process.env['COLLEAGUE_SHIFTS'], 'COLLEAGUE_SHIFTS');
  const logger = pino({
    level: process.env['LOG_LEVEL'] ?? 'warn',
    base: { service: 'workbench' },
  });
  const workbench = await startWorkbench({
    host: process.env['ROUTING_HOST'] ?? '127.0.0.1',
    routingPort,
    port,
    logger,
    colleagueShifts: shifts === null ? null : { timing: shifts },
  });
  const lines = [
    `ContactPad workbench: ${workbench.url}?agent=${SIGN_IN_AGENTS[0]}`,
    `  agents to sign in as: ${SIGN_IN_AGENTS.join(', ')} (open several tabs side by side)`,
    `  routing service:      ${workbench.routing.url} (agent WebSocket ${workbench.routing.agentUrl})`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  stopOnSignals(() => workbench.stop(), logger);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
