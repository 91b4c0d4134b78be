/** The supervisor client, for the supervisor page (exported with the adapter core). */
export { createSupervisorClient, supervisorUrl } from './client';
export type {
  SupervisorClient,
  SupervisorClientOptions,
  SupervisorClientParts,
  SupervisorView,
} from './client';
export { SupervisorFigures } from './figures';
