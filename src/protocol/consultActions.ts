/**
 * The catalogue's answers to a consult (B5): for each, who may give it (the agent who started the
 * consult or the one it rings for), in which consult states, whether it needs the original live
 * call, and its label. The engine's checks and the consult panel's buttons derive from it.
 */
import type { CommandType, Consult } from './messages';

export interface ConsultActionSpec {
  readonly command: CommandType;
  /** Who may give it: the agent who started the consult, or the one it rings for. */
  readonly by: 'initiator' | 'target';
  /** The consult states it needs. */
  readonly states: readonly Consult['state'][];
  /** Whether it needs the original interaction to be a live call the agent still holds. */
  readonly live: boolean;
  /** The refusal's text, after the command's name. */
  readonly needs: string;
  readonly label: string;
}

export const CONSULT_ACTIONS = {
  'consult.cancel': {
    command: 'consult.cancel',
    by: 'initiator',
    states: ['ringing'],
    live: false,
    needs: 'needs a ringing consult that you started',
    label: 'ContactPad_Cancel',
  },
  'consult.accept': {
    command: 'consult.accept',
    by: 'target',
    states: ['ringing'],
    live: false,
    needs: 'needs a consult ringing for you',
    label: 'ContactPad_Accept',
  },
  'consult.decline': {
    command: 'consult.decline',
    by: 'target',
    states: ['ringing'],
    live: false,
    needs: 'needs a consult ringing for you',
    label: 'ContactPad_Decline',
  },
  'consult.transfer': {
    command: 'consult.transfer',
    by: 'initiator',
    states: ['connected'],
    live: true,
    needs: 'needs a connected consult that you started on a call you still hold',
    label: 'ContactPad_CompleteTransfer',
  },
  'consult.conference': {
    command: 'consult.conference',
    by: 'initiator',
    states: ['connected'],
    live: true,
    needs: 'needs a connected consult that you started on a call you still hold',
    label: 'ContactPad_Conference',
  },
} as const satisfies Record<string, ConsultActionSpec>;

export type ConsultAction = keyof typeof CONSULT_ACTIONS;
export const CONSULT_ACTION_NAMES = Object.keys(CONSULT_ACTIONS) as readonly ConsultAction[];

/** Where the agent stands in a consult. */
export interface ConsultStanding {
  readonly role: 'initiator' | 'target';
  readonly state: Consult['state'];
  /** Whether the consult's original interaction is a live call the agent holds. */
  readonly live: boolean;
}

/** Whether the agent may give this answer to the consult now. */
export function consultActionAllowed(action: ConsultAction, standing: ConsultStanding): boolean {
  const spec: ConsultActionSpec = CONSULT_ACTIONS[action];
  return (
    spec.by === standing.role &&
    spec.states.includes(standing.state) &&
    (!spec.live || standing.live)
  );
}
