/**
 * One agent WebSocket, from `hello` to close: authentication, welcome (fresh or resumed), heartbeats,
 * rate limiting, and each command through the engine to its ack or typed error; or, when another
 * routing process owns the account, relayed to it after `hello` (forward.ts). Independent of the
 * socket library: the ws binding feeds it text and tells it when the socket closes.
 */
import type { ClientMessageOf, Command, ServerMessage, Snapshot } from '../../protocol';
import {
  CLOSE_CODES,
  errorMessage,
  MAX_CLIENT_FRAME_BYTES,
  negotiateVersion,
  parse,
  PROTOCOL_VERSION,
  ProtocolError,
  SUPPORTED_VERSIONS,
  stringify,
  utf8Length,
} from '../../protocol';
import type { AgentSocket, ConnectionLog, ConnectionOptions } from './agentSocket';
import type { Session } from './session';
import type { SessionHub } from './sessions';
import type { Passing, Relay } from './forward';
import { BridgeRelay } from './bridgeRelay';
import { FrameRate } from './frameRate';
import { relay } from './forward';
import type { CommandResult } from '../engine/engine';
import type { Routing, RoutingView } from './routing';
import type { AgentIdentity } from './tokens';

type Phase = 'awaiting-hello' | 'authenticating' | 'welcomed' | 'relaying' | 'closing' | 'closed';

export class AgentConnection {
  private phase: Phase = 'awaiting-hello';
  private session: Session | null = null;
  private identity: AgentIdentity | null = null;
  private lastHeardAt: number;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private helloDeadline: ReturnType<typeof setTimeout> | null = null;
  private readonly rate: FrameRate;
  private nonce = 0;
  /** Answers go out in the order their commands came, each once it is known. */
  private answers: Promise<void> = Promise.resolve();
  /** The relay to the process that owns the account, when another one does. */
  private relayed: Relay | null = null;
  /** Bridge messages between this agent's sessions (bridgeRelay.ts). */
  private readonly bridge: BridgeRelay;

  constructor(
    private readonly socket: AgentSocket,
    private readonly hub: SessionHub,
    private readonly routing: Routing,
    private readonly log: ConnectionLog,
    private readonly options: ConnectionOptions,
    /** How a socket is relayed to the routing process that owns its account. */
    private readonly passing: Passing,
    /** The socket was passed here by another routing process (never relayed again). */
    private readonly forwarded: boolean,
  ) {
    this.lastHeardAt = routing.now();
    this.rate = new FrameRate(options.commandsPerSecond, options.commandBurst, this.lastHeardAt);
    this.bridge = new BridgeRelay(hub, () => routing.now());
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatSeconds * 1000);
    this.heartbeat.unref?.();
    this.helloDeadline = setTimeout(() => {
      if (this.phase === 'awaiting-hello') {
        this.close(CLOSE_CODES.heartbeatTimeout, `no hello within ${options.helloSeconds} s`);
      }
    }, options.helloSeconds * 1000);
    this.helloDeadline.unref?.();
  }

  /** A text frame arrived. */
  receive(text: string): void {
    if (this.phase === 'closed' || this.phase === 'closing') return;
    this.lastHeardAt = this.routing.now();
    if (text.length > MAX_CLIENT_FRAME_BYTES || utf8Length(text) > MAX_CLIENT_FRAME_BYTES) {
      this.close(CLOSE_CODES.tooLarge, `frames are limited to ${MAX_CLIENT_FRAME_BYTES} bytes`);
      return;
    }
    if (this.relayed !== null) {
      this.relayed.send(text);
      return;
    }
    const parsed = parse(text, 'client');
    if (this.phase === 'awaiting-hello') {
      if (!parsed.ok || parsed.message.type !== 'hello') {
        const why = parsed.ok
          ? `the first frame must be hello, not ${parsed.message.type}`
          : parsed.error.message;
        this.close(CLOSE_CODES.badRequest, why);
        return;
      }
      void this.hello(parsed.message, text);
      return;
    }
    if (!parsed.ok) {
      if (this.rateLimited(parsed.id)) return;
      this.refuse(parsed.error, parsed.id);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'hello':
        this.close(CLOSE_CODES.badRequest, 'hello was already sent');
        return;
      case 'ping':
        // Pings cost as much as commands to answer: they count against the same rate.
        if (this.rateLimited(null, false)) return;
        this.reply({
          v: PROTOCOL_VERSION,
          type: 'pong',
          nonce: message.nonce,
          now: this.routing.now(),
        });
        return;
      case 'pong':
        this.rateLimited(null, false);
        return;
      default:
        if (this.rateLimited(message.id)) return;
        if (this.phase !== 'welcomed') {
          this.reply(
            errorMessage(
              new ProtocolError(
                'not-welcomed',
                'wait for welcome before sending commands',
                message.type,
              ),
              message.id,
            ),
          );
          return;
        }
        this.command(message);
    }
  }

  /** A binary frame arrived: not part of the protocol. */
  receiveBinary(): void {
    this.close(CLOSE_CODES.badRequest, 'frames must be text');
  }

  /** The socket closed, from either side. */
  closed(): void {
    this.phase = 'closed';
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    if (this.helloDeadline !== null) clearTimeout(this.helloDeadline);
    this.heartbeat = null;
    this.helloDeadline = null;
    this.relayed?.close();
    if (this.session !== null) this.hub.detach(this.session, this.socket);
  }

  close(code: number, reason: string): void {
    if (this.phase === 'closed') return;
    this.log.info({ code, reason, session: this.session?.id }, 'closing agent connection');
    this.socket.close(code, reason.slice(0, 120));
    this.closed();
  }

  private async hello(hello: ClientMessageOf<'hello'>, text: string): Promise<void> {
    this.phase = 'authenticating';
    if (negotiateVersion(hello) === null) {
      this.close(
        CLOSE_CODES.unsupportedVersion,
        `this service speaks versions ${SUPPORTED_VERSIONS.join(', ')}`,
      );
      return;
    }
    const identity = await this.routing.verify(hello.token);
    if (this.phase !== 'authenticating') return;
    if (identity === null) {
      this.close(CLOSE_CODES.unauthorised, 'unauthorised');
      return;
    }
    try {
      const owner = await this.routing.locate(identity.accountId, this.forwarded);
      if (this.phase !== 'authenticating') return;
      if (owner !== null) {
        this.phase = 'relaying';
        this.socket.welcomed(true);
        this.relayed = relay(owner, text, this.socket, this.passing);
        return;
      }
      if (hello.resume !== null) await this.routing.recall(hello.resume.sessionId);
      if (this.phase !== 'authenticating') return;
      // The welcome goes out before any event that follows the snapshot.
      await this.routing.snapshot(identity, (snapshot, opened) =>
        this.welcome(hello, identity, snapshot, opened),
      );
    } catch (err) {
      if (err instanceof ProtocolError && err.code === 'unavailable') {
        this.close(CLOSE_CODES.shuttingDown, 'the routing store is unreachable; try again');
      } else {
        this.close(CLOSE_CODES.unauthorised, 'unauthorised');
      }
    }
  }

  private welcome(
    hello: ClientMessageOf<'hello'>,
    identity: AgentIdentity,
    snapshot: Snapshot | null,
    opened?: (session: Session) => void,
  ) {
    if (this.phase !== 'authenticating') return;
    this.identity = identity;
    const resumed =
      hello.resume === null
        ? null
        : this.hub.resume(
            hello.resume.sessionId,
            hello.resume.lastSeq,
            identity.accountId,
            identity.agentId,
            this.socket,
          );
    const welcome = (session: Session, isResumed: boolean): ServerMessage => ({
      v: PROTOCOL_VERSION,
      type: 'welcome',
      sessionId: session.id,
      resumed: isResumed,
      seq: isResumed ? (hello.resume?.lastSeq ?? 0) : session.seq,
      now: this.routing.now(),
      heartbeatSeconds: this.options.heartbeatSeconds,
      snapshot: isResumed ? null : snapshot,
    });
    if (resumed !== null && hello.resume !== null) {
      this.session = resumed;
      this.phase = 'welcomed';
      this.socket.welcomed();
      this.socket.send(stringify(welcome(resumed, true), 'server'));
      for (const text of this.hub.missed(resumed, hello.resume.lastSeq)) this.socket.send(text);
      this.socket.backlogSent();
      this.log.info(
        { session: resumed.id, agent: identity.agentId, lastSeq: hello.resume.lastSeq },
        'session resumed',
      );
      return;
    }
    const session = this.hub.open(identity.accountId, identity.agentId, this.socket);
    this.session = session;
    this.phase = 'welcomed';
    this.socket.welcomed();
    // Once the session is kept (with a journal): a process that dies after the welcome leaves a
    // session the agent can resume on another. Its first events follow it.
    this.hub.sendAnswer(session, stringify(welcome(session, false), 'server'), null);
    opened?.(session);
    this.log.info(
      { session: session.id, agent: identity.agentId, account: identity.accountId },
      'session opened',
    );
  }

  private command(command: Command): void {
    const session = this.session as Session;
    const identity = this.identity as AgentIdentity;
    const earlier = this.hub.answered(session, command.id);
    if (earlier !== undefined) {
      this.answerInOrder(earlier);
      return;
    }
    const answer = this.answer(session, identity, command).then((message) =>
      stringify(message, 'server'),
    );
    this.hub.remember(session, command.id, answer);
    this.answerInOrder(answer, command.id);
  }

  /** Answers a frame with a typed error, in order with the other answers. */
  private refuse(error: ProtocolError, id: string | null): void {
    this.answerInOrder(Promise.resolve(stringify(errorMessage(error, id), 'server')));
  }

  /** Sends answers in the order of their commands; `commandId` for a command's first answer. */
  private answerInOrder(answer: Promise<string>, commandId: string | null = null): void {
    this.answers = this.answers
      .then(() => answer)
      .then((text) => {
        if (this.phase === 'closed') return;
        // After the events before it (a session's frames may wait for its journal).
        if (this.session === null) this.socket.send(text);
        else this.hub.sendAnswer(this.session, text, commandId);
      });
  }

  /** What a command does once applied, on the state it left, before any later event is sent. */
  private readsAfter(
    session: Session,
    identity: AgentIdentity,
    command: Command,
  ): ((result: CommandResult, view: RoutingView) => void) | undefined {
    switch (command.type) {
      case 'directory.subscribe':
        return (_result, view) => {
          session.directory = true;
          this.hub.sendDirectory(session, () => view.directory(identity.accountId));
        };
      case 'directory.unsubscribe':
        return () => {
          session.directory = false;
        };
      case 'resync':
        return (_result, view) => {
          for (const body of view.resync(identity)) this.hub.sendEvent(session, body);
        };
      default:
        return undefined;
    }
  }

  /** Applies a command; its events are sent before the answer, which is an ack or a typed error. */
  private async answer(
    session: Session,
    identity: AgentIdentity,
    command: Command,
  ): Promise<ServerMessage> {
    try {
      this.routing.check?.(command);
      // Between the agent's own sessions only: the engine has no part in it.
      if (command.type === 'bridge.send') return this.bridge.send(session, command);
      // Only the commands that read the state they left pass an `after`: the others let the
      // account's next batch run while their own waits for the store (replicatedRunner.ts).
      const after = this.readsAfter(session, identity, command);
      const result = await this.routing.command(identity, command, after);
      return {
        v: PROTOCOL_VERSION,
        type: 'ack',
        id: command.id,
        seq: session.seq,
        interactionId: result.interactionId,
        consultId: result.consultId,
      };
    } catch (caught) {
      const failure =
        caught instanceof ProtocolError
          ? caught
          : new ProtocolError(
              'internal',
              'the routing service failed; nothing was changed',
              command.type,
            );
      if (!(caught instanceof ProtocolError)) {
        this.log.error(
          { err: caught, command: command.type, session: session.id },
          'command failed',
        );
      }
      return errorMessage(failure, command.id);
    }
  }

  /**
   * Token bucket per connection; a connection that keeps pushing past it is closed. A refused
   * command is answered with `rate-limited` (`answer`); a refused ping or pong is dropped.
   */
  private rateLimited(id: string | null, answer = true): boolean {
    const verdict = this.rate.take(this.routing.now());
    if (verdict === 'allowed') return false;
    if (verdict === 'abusive') {
      // Answer what was accepted first, then close.
      this.phase = 'closing';
      this.socket.stopReading();
      void this.answers
        .then(() => this.session?.outbox)
        .then(() => this.close(CLOSE_CODES.rateLimited, 'too many frames'));
    } else if (answer) {
      const refusal = new ProtocolError(
        'rate-limited',
        `more than ${this.options.commandsPerSecond} commands per second`,
      );
      this.refuse(refusal, id);
    }
    return true;
  }

  private beat(): void {
    const now = this.routing.now();
    if (now - this.lastHeardAt > 2 * this.options.heartbeatSeconds * 1000) {
      this.close(
        CLOSE_CODES.heartbeatTimeout,
        this.phase === 'awaiting-hello' ? 'no hello' : 'no frame for two heartbeat periods',
      );
      return;
    }
    if (this.phase === 'welcomed') {
      this.nonce = (this.nonce + 1) % 4_294_967_296;
      this.reply({ v: PROTOCOL_VERSION, type: 'ping', nonce: this.nonce, now });
    }
  }

  private reply(message: ServerMessage): void {
    this.socket.send(stringify(message, 'server'));
  }
}
