/**
 * Test support: valid protocol values to build tests from, each changed by its argument. The only
 * copy: the LWC jest tests import it too (directly, or from force-app/test/jest-mocks/c/
 * contactPadAdapter.js, which re-exports it).
 */
import type {
  Agent,
  Consult,
  Interaction,
  PendingLog,
  ServerMessageOf,
  Settings,
  Snapshot,
} from './messages';

export const settingsFixture = (change: Partial<Settings> = {}): Settings => ({
  consultTimeoutSeconds: 30,
  wrapSeconds: 20,
  releaseTimeoutSeconds: 10,
  dispositions: ['Resolved'],
  offers: { kinds: [], timeoutSeconds: 20, reofferAfterSeconds: 60, declineReasons: [] },
  awayReasons: [],
  wrapExtensionSeconds: 0,
  ...change,
  features: {
    multiInteraction: true,
    crossMediaConsult: true,
    transferToService: true,
    callLogging: false,
    recording: true,
    ...change.features,
  },
  weights: { live: 100, 'semi-live': 25, 'non-live': 20, ...change.weights },
});

export const agentFixture = (change: Partial<Agent> = {}): Agent => ({
  id: 'ann',
  name: 'Ann Lee',
  state: 'ready',
  stateSince: 1_795_000_000_000,
  weights: { live: 100, 'semi-live': 25, 'non-live': 20 },
  capacityUsed: 0,
  draining: false,
  wrapEndsAt: null,
  wrapExtended: false,
  awayReason: null,
  setBy: null,
  next: null,
  pendingLogs: [],
  ...change,
});

export const interactionFixture = (change: Partial<Interaction> = {}): Interaction => ({
  id: 'i-1',
  version: 1,
  kind: 'live',
  channel: 'voice',
  direction: 'inbound',
  state: 'active',
  stateSince: 1_795_000_000_000,
  customer: { name: 'John Smith', phone: '+14155550100', email: null },
  record: null,
  searchKeys: ['+14155550100'],
  subject: null,
  serviceId: 'sales',
  serviceName: 'Sales',
  priority: 5,
  enqueuedAt: 1_795_000_000_000,
  assignedAt: 1_795_000_000_000,
  consultId: null,
  releaseFailure: null,
  offerEndsAt: null,
  muted: false,
  recording: 'on',
  conference: null,
  ...change,
});

export const consultFixture = (change: Partial<Consult> = {}): Consult => ({
  id: 'k-1',
  interactionId: 'i-1',
  initiatorId: 'ann',
  initiatorName: 'Ann Lee',
  target: { type: 'agent', id: 'bob' },
  targetName: 'Bob Stone',
  state: 'ringing',
  ringingUntil: 1_795_000_030_000,
  legId: null,
  endReason: null,
  ...change,
});

/** The call of `interactionFixture`, released 90 s after it was assigned and owing its log. */
export const pendingLogFixture = (change: Partial<PendingLog> = {}): PendingLog => ({
  interactionId: 'i-1',
  kind: 'live',
  channel: 'voice',
  direction: 'inbound',
  customer: { name: 'John Smith', phone: '+14155550100', email: null },
  record: null,
  assignedAt: 1_795_000_000_000,
  releasedAt: 1_795_000_090_000,
  ...change,
});

export const snapshotFixture = (change: Partial<Snapshot> = {}): Snapshot => ({
  agent: agentFixture(),
  settings: settingsFixture(),
  interactions: [],
  consults: [],
  ...change,
});

export const welcomeFixture = (
  change: Partial<ServerMessageOf<'welcome'>> = {},
  interactions: Interaction[] = [],
): ServerMessageOf<'welcome'> => ({
  v: 1,
  type: 'welcome',
  sessionId: 's-1',
  resumed: false,
  seq: 0,
  now: 1_795_000_000_000,
  heartbeatSeconds: 15,
  snapshot: snapshotFixture({ interactions }),
  ...change,
});
