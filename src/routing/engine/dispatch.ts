/**
 * One agent command to the function that applies it: the engine's command switch, exhaustive at
 * compile time. Each function checks everything first and throws a typed ProtocolError before
 * changing anything.
 */
import type { Command } from '../../protocol';
import type { AgentRecord } from '../store/store';
import * as callbacks from './callbacks';
import * as commands from './commands';
import * as conference from './conference';
import type { CommandResult, EngineCore } from './core';
import { NONE } from './core';
import { error } from './errors';
import * as offers from './offers';
import * as presence from './presence';

export function dispatch(core: EngineCore, agent: AgentRecord, command: Command): CommandResult {
  switch (command.type) {
    case 'presence.set':
      presence.setPresence(core, agent, command.state, command.reason);
      break;
    case 'presence.next':
      presence.chooseNext(core, agent, command.next);
      break;
    case 'wrap.extend':
      presence.extendWrap(core, agent);
      break;
    case 'release':
      commands.release(core, agent, core.mine(agent, command));
      break;
    case 'abandon':
      commands.abandon(core, agent, core.mine(agent, command));
      break;
    case 'mute':
    case 'unmute':
      commands.mute(core, agent, core.mine(agent, command), command.type);
      break;
    case 'recording.pause':
    case 'recording.resume':
      commands.recording(core, agent, core.mine(agent, command), command.type);
      break;
    case 'offer.accept':
      offers.accept(core, agent, core.mine(agent, command));
      break;
    case 'offer.decline':
      offers.decline(core, agent, core.mine(agent, command), command.reason);
      break;
    case 'callback.dial':
      return callbacks.callBack(core, agent, core.mine(agent, command));
    case 'digits.send':
      commands.sendDigits(core, agent, core.mine(agent, command), command.digits);
      break;
    case 'conference.leave':
      conference.leaveConference(core, agent, core.mine(agent, command));
      break;
    case 'party.release':
      conference.releaseParty(core, agent, core.mine(agent, command));
      break;
    case 'hold':
    case 'retrieve':
      commands.hold(core, agent, core.mine(agent, command), command.type);
      break;
    case 'transfer':
      commands.transfer(core, agent, core.mine(agent, command), command.target);
      break;
    case 'consult.start':
      return commands.consultStart(core, agent, core.mine(agent, command), command.target);
    case 'consult.cancel':
    case 'consult.accept':
    case 'consult.decline':
    case 'consult.transfer':
    case 'consult.conference':
      commands.consultAction(core, agent, command.type, command.consultId);
      break;
    case 'dial':
      return commands.dial(core, agent, command.number, command.record);
    case 'log.submit':
      commands.submitLog(core, agent, command.interactionId, command.disposition);
      break;
    case 'directory.subscribe':
    case 'directory.unsubscribe':
    case 'resync':
    case 'bridge.send':
      // Session matters, answered by the server; nothing changes here.
      break;
    case 'supervisor.presence.set':
      // A supervisor's command (Engine.supervise), never an agent's.
      throw error('not-allowed', 'only a supervisor session sets an agent state', command.type);
    default: {
      // Compile-time check only: a command type added to the protocol and not handled above
      // fails tsc here. Commands are validated at the edge, so this branch is never reached.
      const unhandled: never = command;
      void unhandled;
    }
  }
  return NONE;
}
