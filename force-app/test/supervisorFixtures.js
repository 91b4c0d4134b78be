/**
 * Supervisor session values for the Supervisor page's tests (PROTOCOL.md `supervisor.snapshot`:
 * ServiceStats, AgentStats) and a fake supervisor client: `push(view)` hands a SupervisorView to
 * the page as the real client would, `setPresence` is a jest.fn resolving by default.
 */
export const NOW = 1795000000000;

export const serviceStats = (change = {}) => ({
  id: 'support',
  name: 'Support',
  waiting: 0,
  oldestWaitingSince: null,
  inProgress: 0,
  assignedToday: 0,
  abandonedToday: 0,
  ...change,
});

export const agentStats = (change = {}) => ({
  id: 'ann-lee',
  name: 'Ann Lee',
  state: 'ready',
  presence: 'available-now',
  stateSince: NOW - 65_000,
  awayReason: null,
  setBy: null,
  services: ['support'],
  capacityUsed: { call: 0, video: 0, chat: 0, email: 0, case: 0 },
  interactions: [],
  ...change,
});

export const supervisorView = (change = {}) => ({
  connection: 'live',
  at: NOW,
  services: [serviceStats()],
  agents: [agentStats()],
  awayReasons: ['Break', 'Training'],
  ...change,
});

/** A client as createSupervisorClient returns it, driven by the test. */
export function fakeSupervisorClient() {
  const listeners = new Set();
  return {
    options: null,
    subscribe: jest.fn((listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    setPresence: jest.fn(() => Promise.resolve()),
    close: jest.fn(),
    listeners,
    push(view) {
      for (const listener of [...listeners]) listener(view);
    },
  };
}
