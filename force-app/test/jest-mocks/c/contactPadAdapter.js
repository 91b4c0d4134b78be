/**
 * A stand-in for `ContactPadAdapter` from c/contactPadCore, for container tests: the real store,
 * rules and event names, no socket. Commands are jest.fns resolving with an ack-like `Done`; the
 * controls load a snapshot, apply protocol events, set the connection state (drop, resume, refuse
 * a resume) and make a command fail, each emitting the events the real adapter would. Use it with
 *
 *   jest.mock('c/contactPadCore', () => ({
 *       ...jest.requireActual('c/contactPadCore'),
 *       ContactPadAdapter: require('../../../../../test/jest-mocks/c/contactPadAdapter').MockAdapter,
 *   }));
 *
 * and reach the instance the component built with `adapterControl.latest()`.
 */
const core = jest.requireActual('c/contactPadCore');

/**
 * The adapter's commands; the catalogue's actions go through `act` and `answerConsult`, the
 * agent's own through `setPresence`, `chooseNext` and `extendWrap`.
 */
const COMMANDS = [
  'setPresence',
  'chooseNext',
  'extendWrap',
  'act',
  'answerConsult',
  'dial',
  'submitLog',
  'subscribeDirectory',
  'unsubscribeDirectory',
];

const done = () => Promise.resolve({ interactionId: null, consultId: null });

let instances = [];

export class MockAdapter extends core.AdapterEvents {
  constructor(options) {
    super();
    this.options = options;
    this.store = new core.AdapterStore();
    this.connectionState = { status: 'idle' };
    this.connect = jest.fn();
    this.disconnect = jest.fn();
    this.dismissConsult = jest.fn();
    this.dismissLost = jest.fn(() => {
      if (this.store.dismissLost()) this.emit('lostchange', null);
    });
    for (const command of COMMANDS) this[command] = jest.fn(done);
    this.select = jest.fn((interactionId) => {
      if (this.store.interaction(interactionId) === undefined) {
        throw new core.ProtocolError('not-found', `no interaction ${interactionId}`);
      }
      this.announce([this.store.select(interactionId)]);
    });
    /** Bridge messages sent (parsed), in order. */
    this.bridgeSent = [];
    instances.push(this);
  }

  /** As the real adapter's: bridge messages out through `bridge.send`, in as `bridgemessage`. */
  bridgeLink() {
    return {
      send: (text) => {
        if (this.connectionState.status !== 'connected') {
          return Promise.reject(new core.ProtocolError('unavailable', 'not connected'));
        }
        this.bridgeSent.push(JSON.parse(text));
        return done();
      },
      listen: (listener) => this.on('bridgemessage', (event) => listener(event.detail.message)),
    };
  }

  /** The bridge messages of one type sent so far. */
  bridgeSentOf(type) {
    return this.bridgeSent.filter((message) => message.type === type);
  }

  /** A bridge message arrives from the softphone's session (a value, or raw text). */
  fromBridge(message) {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    this.emit('bridgemessage', { message: text });
  }

  get agent() {
    return this.store.agent;
  }

  get unconfirmed() {
    return core.unconfirmedReason(this.connectionState);
  }

  get lost() {
    return this.store.lost;
  }

  get current() {
    const id = this.store.currentId;
    return id === null ? null : (this.store.interaction(id) ?? null);
  }

  actions(interactionId) {
    const interaction = this.store.interaction(interactionId);
    if (interaction === undefined || this.store.settings === null) {
      throw new core.ProtocolError('unavailable', 'not connected yet');
    }
    return core.allowedActions(
      interaction,
      this.store.settings.features,
      this.store.consultsOf(interactionId),
      this.unconfirmed,
    );
  }

  // ---- test controls ----

  /** A fresh session: loads the snapshot and reports the connection as connected. */
  welcome(snapshot) {
    this.setConnection({ status: 'connected', sessionId: 's-1' });
    this.announce(this.store.load(snapshot));
  }

  /** The connection drops: reconnecting, the state held no longer confirmed. */
  drop(reason = 'the connection dropped') {
    this.setConnection({ status: 'reconnecting', attempt: 1, nextTryAt: Date.now() + 500, reason });
  }

  /** A resumed session: connected again, nothing reloaded. */
  resume() {
    this.setConnection({ status: 'connected', sessionId: 's-1' });
  }

  /** A refused resume: the fresh snapshot loads (the store says what was lost), then connected. */
  refuseResume(snapshot) {
    this.announce(this.store.loadFresh(snapshot));
    this.setConnection({ status: 'connected', sessionId: 's-2' });
  }

  /** Applies one protocol event (without v/seq) as the real adapter would. */
  apply(event) {
    this.announce(this.store.apply({ v: 1, seq: 1, ...event }));
  }

  setConnection(state) {
    this.connectionState = state;
    this.emit('connectionchange', { state });
  }

  /** The next call of `command` rejects with a ProtocolError of this code and message. */
  fail(command, code, message) {
    this[command].mockImplementationOnce(() =>
      Promise.reject(new core.ProtocolError(code, message)),
    );
  }

  announce(changes) {
    for (const change of changes) this.dispatchEvent(core.eventOf(change));
  }
}

/** Test controls over the adapters components built. */
export const adapterControl = {
  latest() {
    return instances[instances.length - 1];
  },
  get count() {
    return instances.length;
  },
  reset() {
    instances = [];
  },
};

// ---- protocol values to build tests from: the TypeScript fixtures themselves ----

export {
  agentFixture,
  consultFixture,
  interactionFixture,
  pendingLogFixture,
  settingsFixture,
  snapshotFixture,
} from '../../../../src/protocol/fixtures';
