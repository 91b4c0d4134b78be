/**
 * Everything ContactPad's components import, as one LWC service module (`c/contactPadCore`, built
 * by `npm run build`): the adapter core, the protocol types it speaks, and the record openers.
 */
export * from './adapter';
export * from './connection';
export * from './platform';
export * from './directory';
export * from './events';
export * from './rules';
export * from './setup';
export * from './store';
export * from './supervisor';
export * from '../bridge/index';
export {
  CONSULT_ACTION_NAMES,
  CONSULT_ACTIONS,
  consultActionAllowed,
  AGENT_ACTIONS,
  agentRefusalOf,
  CHANNELS,
  KIND_OF_CHANNEL,
  ProtocolError,
  ERROR_CODES,
  CLOSE_CODES,
  PROTOCOL_VERSION,
  MAX_NOTES_LENGTH,
} from '../protocol';
export type {
  ConsultAction,
  ActionSpec,
  DigitsAction,
  DirectAction,
  ReasonAction,
  TargetAction,
  Agent,
  AgentState,
  Channel,
  Consult,
  DirectoryEntry,
  ErrorCode,
  Interaction,
  InteractionState,
  NextState,
  Kind,
  Presence,
  RecordRef,
  Settings,
  Target,
  ServiceStats,
  AgentStats,
  SupervisedInteraction,
  SupervisorRef,
  CapacityByChannel,
} from '../protocol';
