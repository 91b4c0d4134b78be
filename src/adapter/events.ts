/**
 * The adapter's LWC event API: typed CustomEvents with lowercase names and small details (ids, not
 * object graphs); components read the state itself from the adapter. README.md has the table.
 */
import type { ProtocolError, RemoveReason } from '../protocol';
import type { ConnectionState } from './connection';
import type { Change } from './store';

export interface AdapterEventDetails {
  /** The whole state was replaced (fresh session or resync): re-read everything. */
  statereset: null;
  agentchange: null;
  settingschange: null;
  interactionadd: { readonly interactionId: string };
  interactionchange: { readonly interactionId: string };
  interactionremove: { readonly interactionId: string; readonly reason: RemoveReason };
  /** The current interaction changed (B4); null when there is none. */
  selectionchange: { readonly interactionId: string | null };
  consultchange: { readonly consultId: string };
  directorychange: null;
  connectionchange: { readonly state: ConnectionState };
  /**
   * A refused resume lost interactions or changed the agent's state, or the report was dismissed:
   * read `adapter.store.lost`.
   */
  lostchange: null;
  /** Something went wrong that no promise reports: a bad frame from the service, a failed record tab. */
  adaptererror: { readonly error: ProtocolError };
  /** Another session of the agent (the Open CTI softphone page) sent a bridge message (JSON text). */
  bridgemessage: { readonly message: string };
}

export type AdapterEventName = keyof AdapterEventDetails;

export const ADAPTER_EVENTS: readonly AdapterEventName[] = [
  'statereset',
  'agentchange',
  'settingschange',
  'interactionadd',
  'interactionchange',
  'interactionremove',
  'selectionchange',
  'consultchange',
  'directorychange',
  'connectionchange',
  'lostchange',
  'adaptererror',
  'bridgemessage',
];

export type AdapterEvent<N extends AdapterEventName> = CustomEvent<AdapterEventDetails[N]>;

/** An EventTarget whose events are typed by name. */
export class AdapterEvents extends EventTarget {
  emit<N extends AdapterEventName>(name: N, detail: AdapterEventDetails[N]): void {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }

  on<N extends AdapterEventName>(name: N, listener: (event: AdapterEvent<N>) => void): () => void {
    const wrapped = (event: Event) => listener(event as AdapterEvent<N>);
    this.addEventListener(name, wrapped);
    return () => this.removeEventListener(name, wrapped);
  }
}

/** The LWC event that announces one store change. */
export function eventOf(change: Change): CustomEvent {
  switch (change.type) {
    case 'reset':
      return new CustomEvent('statereset', { detail: null });
    case 'agent':
      return new CustomEvent('agentchange', { detail: null });
    case 'settings':
      return new CustomEvent('settingschange', { detail: null });
    case 'interaction-added':
      return new CustomEvent('interactionadd', { detail: { interactionId: change.interactionId } });
    case 'interaction-changed':
      return new CustomEvent('interactionchange', {
        detail: { interactionId: change.interactionId },
      });
    case 'interaction-removed':
      return new CustomEvent('interactionremove', {
        detail: { interactionId: change.interactionId, reason: change.reason },
      });
    case 'consult':
      return new CustomEvent('consultchange', { detail: { consultId: change.consultId } });
    case 'directory':
      return new CustomEvent('directorychange', { detail: null });
    case 'selection':
      return new CustomEvent('selectionchange', {
        detail: { interactionId: change.interactionId },
      });
    case 'lost':
      return new CustomEvent('lostchange', { detail: null });
  }
}
