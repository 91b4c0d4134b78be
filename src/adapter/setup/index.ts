/** The Setup page's rules (ContactPadSetup components): answers read, limits, typed errors. */
export { SetupError, setupErrorOf } from './errors';
export {
  agentSave,
  isValidName,
  isValidWeight,
  readAgent,
  readAgents,
  readService,
  readServices,
  readSettings,
  readUsers,
  settingsFailure,
  SETUP_KINDS,
  SETUP_LIMITS,
} from './setup';
export type { AgentSave, Range, SetupAgent, SetupService, UserOption } from './setup';
