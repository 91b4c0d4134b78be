import getSession from '@salesforce/apex/ContactPadSessionController.getSession';
import { SessionTokens, adapterFor } from '../session';

jest.mock(
  '@salesforce/apex/ContactPadSessionController.getSession',
  () => ({ default: jest.fn() }),
  { virtual: true },
);

const NOW = 1795000000000;
const session = (token, expiresAt = null) => ({
  routingUrl: 'wss://routing.example.com/v1/agent',
  token,
  expiresAt,
});

describe('c-contact-pad session', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(NOW);
    getSession.mockResolvedValue(session('fresh'));
  });

  afterEach(() => {
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('gives the first session’s token once, then a fresh one from Apex each time', async () => {
    const tokens = new SessionTokens(session('first'));
    await expect(tokens.next()).resolves.toBe('first');
    expect(getSession).not.toHaveBeenCalled();
    await expect(tokens.next()).resolves.toBe('fresh');
    await expect(tokens.next()).resolves.toBe('fresh');
    expect(getSession).toHaveBeenCalledTimes(2);
  });

  it('uses a first token that is not about to expire (ms or an ISO date)', async () => {
    await expect(new SessionTokens(session('ms', NOW + 60000)).next()).resolves.toBe('ms');
    const iso = new Date(NOW + 60000).toISOString();
    await expect(new SessionTokens(session('iso', iso)).next()).resolves.toBe('iso');
    await expect(new SessionTokens(session('odd', 'not a date')).next()).resolves.toBe('odd');
    expect(getSession).not.toHaveBeenCalled();
  });

  it('does not use a first token within 5 s of its expiry', async () => {
    await expect(new SessionTokens(session('late', NOW + 5000)).next()).resolves.toBe('fresh');
    expect(getSession).toHaveBeenCalledTimes(1);
  });

  it('rejects with the Apex error’s words when no token can be had (a removed agent)', async () => {
    const words =
      'routing-unknown-agent: The routing service does not know you as an agent; ask your ContactPad admin.';
    getSession.mockRejectedValue({ status: 500, body: { message: words } });
    const tokens = new SessionTokens(session('first', NOW + 1000));
    await expect(tokens.next()).rejects.toThrow(new Error(words));
  });

  it('builds an adapter for the routing URL that is not connected yet', async () => {
    const adapter = adapterFor(session('first'));
    expect(adapter.connectionState.status).toBe('idle');
    adapter.disconnect();
  });
});
