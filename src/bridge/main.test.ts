import { welcomeFixture } from '../protocol/fixtures';
import { FakeOpenCti, flush } from './fakeOpenCti';
import { main } from './main';
import { remoteSessionOf, routingSessionOf } from './remoteSession';

const SESSION = { routingUrl: 'wss://routing.test/v1/agent', token: 'a.b.c', expiresAt: null };

type Handler = (event: { data?: unknown; code?: number; reason?: string }) => void;

/** A WebSocket whose server welcomes the hello and acks every command. */
class FakeWebSocket {
  static readonly all: FakeWebSocket[] = [];
  readonly sent: Record<string, unknown>[] = [];
  private readonly handlers = new Map<string, Handler[]>();

  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
    setTimeout(() => this.fire('open', {}), 0);
  }
  addEventListener(type: string, handler: Handler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  send(text: string): void {
    const frame = JSON.parse(text) as Record<string, unknown>;
    this.sent.push(frame);
    const answer =
      frame['type'] === 'hello'
        ? welcomeFixture()
        : { v: 1, type: 'ack', id: frame['id'], seq: 0, interactionId: null, consultId: null };
    setTimeout(() => this.fire('message', { data: JSON.stringify(answer) }), 0);
  }
  close(): void {}
  fire(type: string, event: Parameters<Handler>[0]): void {
    for (const handler of this.handlers.get(type) ?? []) handler(event);
  }
}

/** A page global with Open CTI, the remote action and the fake WebSocket. */
function page(answer: (callback: (result: unknown, event: object) => void) => void) {
  return {
    sforce: { opencti: new FakeOpenCti() },
    ContactPadBridge: { sessionAction: 'ContactPadSoftphoneController.getSession' },
    Visualforce: {
      remoting: { Manager: { invokeAction: (_: string, callback: never) => answer(callback) } },
    },
    WebSocket: FakeWebSocket,
  };
}

describe('softphone page entry', () => {
  afterEach(() => jest.useRealTimers());

  it('opens its own session with the remote action and announces the bridge over it', async () => {
    jest.useFakeTimers();
    const warn = jest.fn();
    const softphone = main(
      page((callback) => callback(SESSION, { status: true })),
      { info: () => undefined, warn },
    );
    expect(softphone).not.toBeNull();
    await jest.advanceTimersByTimeAsync(10);
    const socket = FakeWebSocket.all.at(-1) as FakeWebSocket;
    expect(socket.url).toBe(SESSION.routingUrl);
    expect(socket.sent[0]).toMatchObject({ type: 'hello', token: 'a.b.c', resume: null });
    const relayed = socket.sent.filter((frame) => frame['type'] === 'bridge.send');
    expect(JSON.parse(relayed[0]?.['message'] as string)).toMatchObject({ type: 'announce' });
    expect(softphone?.bridge()).not.toBeNull();
    // Sent once welcomed, so not taken for a command of a lost connection.
    expect(warn).not.toHaveBeenCalled();
    softphone?.stop();
  });

  it('tries the remote action again, doubling the wait, until it answers', async () => {
    jest.useFakeTimers();
    const warn = jest.fn();
    let calls = 0;
    const softphone = main(
      page((callback) => {
        calls += 1;
        if (calls < 3) callback(null, { status: false, message: 'routing-timeout: ...' });
        else callback(SESSION, { status: true });
      }),
      { info: () => undefined, warn },
    );
    await jest.advanceTimersByTimeAsync(999);
    expect(calls).toBe(2 - 1);
    await jest.advanceTimersByTimeAsync(1 + 2000);
    expect(calls).toBe(3);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('in 1000 ms'), expect.any(Error));
    await jest.advanceTimersByTimeAsync(10);
    expect(softphone?.bridge()).not.toBeNull();
    softphone?.stop();
  });

  it('warns and starts nothing without Open CTI or without the remote action', async () => {
    const warn = jest.fn();
    expect(main({}, { info: () => undefined, warn })).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('opencti_min.js'));
    const { ContactPadBridge: _, ...withoutAction } = page(() => undefined);
    expect(main(withoutAction, { info: () => undefined, warn })).toBeNull();
    expect(warn).toHaveBeenLastCalledWith(expect.stringContaining('remote action'));
    await flush();
  });

  it('checks what the remote action answers', async () => {
    expect(routingSessionOf(SESSION)).toEqual(SESSION);
    expect(routingSessionOf({ ...SESSION, routingUrl: 'https://x' })).toBeNull();
    expect(routingSessionOf({ ...SESSION, token: '' })).toBeNull();
    expect(routingSessionOf({ ...SESSION, expiresAt: {} })).toBeNull();
    expect(routingSessionOf(null)).toBeNull();
    expect(remoteSessionOf({ ContactPadBridge: { sessionAction: 'x y' } })).toBeNull();
    const failing = remoteSessionOf(page((callback) => callback({}, { status: true })));
    await expect(failing?.()).rejects.toThrow('no routing session');
  });
});
