/**
 * The adapter core ContactPad's components use: one connection, one store, the action rules, and
 * commands as promises. It "translates the routing service protocol into LWC events": every change
 * the store applies becomes one typed event (events.ts).
 */
import type {
  Action,
  Agent,
  ConsultAction,
  DigitsAction,
  DirectAction,
  ReasonAction,
  Interaction,
  NextState,
  RecordRef,
  Target,
  TargetAction,
} from '../protocol';
import { INTERACTION_ACTIONS, ProtocolError, REASONS } from '../protocol';
import type { BridgeLink } from '../bridge/sessionBus';
import type { ConnectionOptions, ConnectionState } from './connection';
import { Connection } from './connection';
import { AdapterEvents, eventOf } from './events';
import type { ActionSet, Unconfirmed } from './rules';
import { allowedActions, isUnconfirmed, REASON_TEXT, unconfirmedReason } from './rules';
import type { Change, LostReport } from './store';
import { AdapterStore } from './store';

/** What a command returns when the service acknowledged it. */
export interface Done {
  readonly interactionId: string | null;
  readonly consultId: string | null;
}

export class ContactPadAdapter extends AdapterEvents {
  readonly store = new AdapterStore();
  private readonly connection: Connection;

  constructor(options: ConnectionOptions) {
    super();
    this.connection = new Connection(options, {
      welcome: (welcome) => {
        // A fresh session after holding state is a refused resume: the store says what it lost.
        if (welcome.snapshot !== null) this.announce(this.store.loadFresh(welcome.snapshot));
      },
      event: (event) => this.announce(this.store.apply(event)),
      state: (state) => this.emit('connectionchange', { state }),
      problem: (error) => this.emit('adaptererror', { error }),
      bridge: (message) => this.emit('bridgemessage', { message }),
    });
  }

  get connectionState(): ConnectionState {
    return this.connection.state;
  }

  /**
   * Why the state held is not confirmed by the routing service now (reconnecting, disconnected,
   * replaced by another session); null once welcomed. Follows `connectionchange`.
   */
  get unconfirmed(): Unconfirmed | null {
    return unconfirmedReason(this.connection.state);
  }

  /** What the last refused resume lost, until `dismissLost()`; follows `lostchange`. */
  get lost(): LostReport | null {
    return this.store.lost;
  }

  get agent(): Agent | null {
    return this.store.agent;
  }

  /** The interaction that is current (B4), if any. */
  get current(): Interaction | null {
    const id = this.store.currentId;
    return id === null ? null : (this.store.interaction(id) ?? null);
  }

  connect(): void {
    this.connection.start();
  }

  disconnect(): void {
    this.connection.stop();
  }

  /** Makes an interaction current; the record opener follows the `selectionchange` event. */
  select(interactionId: string): void {
    if (this.store.interaction(interactionId) === undefined) {
      throw new ProtocolError('not-found', `no interaction ${interactionId}`, null, null, {
        interactionId,
      });
    }
    this.announce([this.store.select(interactionId)]);
  }

  /** What the agent may do with an interaction now, each with why not. */
  actions(interactionId: string): ActionSet {
    const interaction = this.known(interactionId);
    const settings = this.store.settings;
    if (settings === null) throw new ProtocolError('unavailable', 'not connected yet');
    const agent = this.store.agent;
    const load =
      agent === null
        ? null
        : { weights: agent.weights, held: this.store.interactions.map((i) => i.kind) };
    return allowedActions(
      interaction,
      settings.features,
      this.store.consultsOf(interactionId),
      this.unconfirmed,
      load,
    );
  }

  /** The agent's state; Away with one of the account's `awayReasons`, or none. */
  setPresence(state: 'ready' | 'away' | 'logged-out', reason: string | null = null): Promise<Done> {
    return this.run({ type: 'presence.set', state, reason });
  }

  /** What the agent becomes once their work and its wrap are over (null: Ready, as always). */
  chooseNext(next: NextState | null): Promise<Done> {
    return this.run({ type: 'presence.next', next });
  }

  /** Wrap (Auto) extended by the account's `wrapExtensionSeconds`, once per wrap. */
  extendWrap(): Promise<Done> {
    return this.run({ type: 'wrap.extend' });
  }

  /**
   * Does an action of the catalogue (src/protocol/actions.ts) on an interaction: consult and
   * transfer with the target picked in the directory, the keypad with its digits, Decline with a
   * reason from the account's list (or null). The rules are
   * checked first, so a refused action fails at once with the reason (and digits that are not
   * keypad keys with `bad-field`).
   */
  act(action: DirectAction, interactionId: string): Promise<Done>;
  act(action: TargetAction, interactionId: string, target: Target): Promise<Done>;
  act(action: DigitsAction, interactionId: string, digits: string): Promise<Done>;
  act(action: ReasonAction, interactionId: string, reason: string | null): Promise<Done>;
  act(action: Action, interactionId: string, input?: Target | string | null): Promise<Done> {
    let interaction: Interaction;
    try {
      interaction = this.known(interactionId);
      const { allowed, reason } = this.actions(interactionId)[action];
      if (!allowed && reason !== null) {
        // Refused for the connection's sake: the same code as a command sent while it is down.
        throw new ProtocolError(
          isUnconfirmed(reason) ? 'unavailable' : REASONS[reason].code,
          REASON_TEXT[reason],
          INTERACTION_ACTIONS[action].command,
          null,
          { interactionId },
        );
      }
    } catch (caught) {
      return Promise.reject(caught);
    }
    const on = { interactionId, version: interaction.version };
    const command = INTERACTION_ACTIONS[action].command;
    if (command === 'consult.start' || command === 'transfer') {
      return this.run({ type: command, ...on, target: input as Target });
    }
    if (command === 'digits.send')
      return this.run({ type: command, ...on, digits: input as string });
    if (command === 'offer.decline')
      return this.run({ type: command, ...on, reason: (input as string | null) ?? null });
    return this.run({ type: command, ...on });
  }

  /** Answers a consult: cancel, accept or decline it, complete it as a transfer or a conference. */
  answerConsult(action: ConsultAction, consultId: string): Promise<Done> {
    return this.run({ type: action, consultId });
  }

  dial(number: string, record: RecordRef | null = null): Promise<Done> {
    return this.run({ type: 'dial', number, record });
  }

  submitLog(interactionId: string, disposition: string | null, notes: string): Promise<Done> {
    return this.run({ type: 'log.submit', interactionId, disposition, notes });
  }

  subscribeDirectory(): Promise<Done> {
    return this.run({ type: 'directory.subscribe' });
  }

  unsubscribeDirectory(): Promise<Done> {
    return this.run({ type: 'directory.unsubscribe' });
  }

  /**
   * The Open CTI bridge's link over this session: bridge messages (JSON text) to and from the
   * agent's other sessions, relayed by the routing service (`bridge.send`, `bridge.message`).
   */
  bridgeLink(): BridgeLink {
    return {
      send: (message) => this.run({ type: 'bridge.send', message }),
      listen: (listener) => this.on('bridgemessage', (event) => listener(event.detail.message)),
    };
  }

  /** Forgets an ended consult whose outcome the panel has shown. */
  dismissConsult(consultId: string): void {
    if (this.store.dismissConsult(consultId)) this.emit('consultchange', { consultId });
  }

  /** Forgets the lost report once the agent has read it. */
  dismissLost(): void {
    if (this.store.dismissLost()) this.emit('lostchange', null);
  }

  private async run(body: Parameters<Connection['send']>[0]): Promise<Done> {
    const ack = await this.connection.send(body);
    return { interactionId: ack.interactionId, consultId: ack.consultId };
  }

  private known(interactionId: string): Interaction {
    const interaction = this.store.interaction(interactionId);
    if (interaction === undefined) {
      throw new ProtocolError('not-found', `no interaction ${interactionId}`, null, null, {
        interactionId,
      });
    }
    return interaction;
  }

  private announce(changes: readonly Change[]): void {
    for (const change of changes) this.dispatchEvent(eventOf(change));
  }
}
