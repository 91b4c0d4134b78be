/**
 * Starts the routing service: `npm run routing` (empty, configured by environment variables) or
 * `npm start` (`--demo`: with the demo account seeded and sign-in details printed).
 * Ctrl-C or SIGTERM stops it cleanly: agents are told with the shutdown close code.
 */
import pino from 'pino';
import { stopOnSignals } from './signals';
import { ConfigError, loadConfig } from './config';
import { DEMO_ACCOUNT, demoAgents, seedDemo } from './demo';
import { startRoutingService } from './start';
import { StoreUnavailableError } from './store/sharedLog';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, base: { service: 'routing' } });
  const service = await startRoutingService({
    host: config.host,
    port: config.port,
    adminKey: config.adminKey,
    signingKey: config.signingKey,
    tokenTtlSeconds: config.tokenTtlSeconds,
    tokenMaxTtlSeconds: config.tokenMaxTtlSeconds,
    logger,
    store: config.store,
    storePrefix: config.storePrefix,
    leaseMs: config.leaseMs,
    stallMs: config.stallMs,
    ...(config.advertiseUrl === null ? {} : { advertiseUrl: config.advertiseUrl }),
    connection: config.limits.connection,
    sessions: config.limits.sessions,
    admission: config.limits.admission,
    allowPrivateWebhooks: config.allowPrivateWebhooks,
  });
  const lines = [
    `ContactPad routing service: ${service.url}`,
    `  agent WebSocket: ${service.agentUrl}`,
    // The key itself is never printed: terminals and their logs are read by others.
    `  admin key:       ${config.adminKeyFrom === 'ROUTING_ADMIN_KEY' ? 'from ROUTING_ADMIN_KEY' : `in ${config.adminKeyFrom}`}`,
    `  store:           ${service.routing.storeHealth().where}`,
  ];
  if (process.argv.includes('--demo')) {
    // A shared store may hold the demo account already (another process, or before a restart).
    const seeded = (await service.routing.accounts()).some(({ id }) => id === DEMO_ACCOUNT);
    if (!seeded)
      await service.routing.run(DEMO_ACCOUNT, (engine) => seedDemo(engine), undefined, 'create');
    // Nobody signs in as the colleagues: the simulator drives them.
    service.routing.simulator.drive(
      DEMO_ACCOUNT,
      demoAgents()
        .slice(4)
        .map((agent) => agent.id),
    );
    lines.push(
      `  demo account:    ${DEMO_ACCOUNT} (services sales, support, billing, returns; 40 agents)`,
    );
    for (const agent of demoAgents().slice(0, 2)) {
      const { token } = await service.routing.issueToken(DEMO_ACCOUNT, agent.id);
      lines.push(`  token for ${agent.name}: ${token}`);
    }
  }
  lines.push('Press Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);

  stopOnSignals(() => service.stop(), logger);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError || err instanceof StoreUnavailableError ? err.message : String((err as Error)?.stack ?? err)}\n`,
  );
  process.exit(1);
});
