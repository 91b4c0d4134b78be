/** The demo account `npm start` seeds: services, and agents in mixed presences. */
import type { Engine } from './engine/engine';
import { DEFAULT_SETTINGS } from './engine/engine';
import type { ChosenState } from './store/store';

export const DEMO_ACCOUNT = 'demo';

export const DEMO_SERVICES = [
  { id: 'sales', name: 'Sales' },
  { id: 'support', name: 'Support' },
  { id: 'billing', name: 'Billing' },
  { id: 'returns', name: 'Returns' },
] as const;

const FIRST = ['Ann', 'Bob', 'Cho', 'Dev', 'Eva', 'Finn', 'Gita', 'Hugo', 'Ines', 'Jon'];
const LAST = ['Lee', 'Stone', 'Park', 'Patel'];

/** Forty agents; the first four are for people to sign in as, the rest fill the directory. */
export function demoAgents(): {
  id: string;
  name: string;
  services: string[];
  state: ChosenState;
}[] {
  const states: ChosenState[] = ['ready', 'away', 'logged-out', 'logged-out'];
  return Array.from({ length: 40 }, (_, n) => {
    const first = FIRST[n % FIRST.length] as string;
    const last = LAST[Math.floor(n / FIRST.length) % LAST.length] as string;
    const services = DEMO_SERVICES.filter((_, i) => (n + i) % 3 !== 0).map((service) => service.id);
    return {
      id: `${first}-${last}`.toLowerCase(),
      name: `${first} ${last}`,
      services,
      state: n < 4 ? 'logged-out' : (states[n % states.length] as ChosenState),
    };
  });
}

export function seedDemo(engine: Engine): void {
  engine.createAccount(DEMO_ACCOUNT, 'Demo Contact Centre', {
    ...DEFAULT_SETTINGS,
    features: { ...DEFAULT_SETTINGS.features, callLogging: true },
  });
  for (const service of DEMO_SERVICES) engine.createService(DEMO_ACCOUNT, service.id, service.name);
  for (const agent of demoAgents()) engine.createAgent(DEMO_ACCOUNT, agent);
}
