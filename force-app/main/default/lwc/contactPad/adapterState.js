// @ts-check
/**
 * Adapter events -> ContactPad's fields: on each event of the adapter, which fields the container
 * copies from `adapter.store` (references, never changed here) and what follows (the actions, the
 * utility item, the current interaction's record tab). The state stays in the component's fields,
 * since those are what LWC re-renders on; these functions write them.
 */
import { hasRecordToOpen } from 'c/contactPadCore';
import { actionsOf } from './padView';

/**
 * @import { AdapterEvent, AdapterEventName, ContactPadAdapter } from 'c/contactPadCore'
 * @import ContactPad from './contactPad'
 */

/**
 * Follows the adapter's events into the pad's fields; returns the unsubscribers.
 * @param {ContactPad} pad
 * @param {ContactPadAdapter} adapter
 * @returns {(() => void)[]}
 */
export function followAdapter(pad, adapter) {
  /** @type {(() => void)[]} */
  const unsubscribers = [];
  /** @type {<N extends AdapterEventName>(name: N, handler: (event: AdapterEvent<N>) => void) => unknown} */
  const on = (name, handler) => unsubscribers.push(adapter.on(name, handler));
  on('statereset', () => resetState(pad, adapter));
  on('agentchange', () => {
    pad.agent = adapter.store.agent;
    pad.updateUtilityItem();
  });
  on('settingschange', () => {
    pad.settings = adapter.store.settings;
    refreshActions(pad, adapter);
  });
  on('interactionadd', (event) => {
    refreshInteractions(pad, adapter);
    const added = adapter.store.interaction(event.detail.interactionId);
    if (added?.kind === 'live') pad.openUtility();
  });
  on('interactionchange', () => refreshInteractions(pad, adapter));
  on('interactionremove', () => refreshInteractions(pad, adapter));
  on('selectionchange', (event) => selectionChanged(pad, adapter, event.detail.interactionId));
  on('consultchange', () => {
    pad.consults = adapter.store.consults;
    refreshActions(pad, adapter);
  });
  on('directorychange', () => {
    pad.directory = adapter.store.directory;
    pad.directoryVersion += 1;
  });
  on('connectionchange', (event) => {
    pad.connectionState = event.detail.state;
    // The actions follow: nothing may be done while the state is not confirmed.
    pad.unconfirmed = adapter.unconfirmed;
    refreshActions(pad, adapter);
    pad.updateUtilityItem();
  });
  on('lostchange', () => {
    pad.lost = adapter.lost;
  });
  on('adaptererror', (event) => pad.commands.fail(null, event.detail.error, 'error'));
  unsubscribers.push(...pad.cases.follow(adapter));
  return unsubscribers;
}

/**
 * The whole state was replaced (fresh session, resync): every field again.
 * @param {ContactPad} pad
 * @param {ContactPadAdapter} adapter
 */
function resetState(pad, adapter) {
  const { store } = adapter;
  pad.agent = store.agent;
  pad.settings = store.settings;
  pad.consults = store.consults;
  pad.directory = store.directory;
  pad.directoryVersion += 1;
  // A fresh session has no directory subscription: take it again if the dialog is open.
  pad.commands.forgetDirectory();
  if (pad.directoryOpen) pad.subscribeDirectory();
  refreshInteractions(pad, adapter);
}

/**
 * @param {ContactPad} pad
 * @param {ContactPadAdapter} adapter
 */
function refreshInteractions(pad, adapter) {
  const { store } = adapter;
  pad.interactions = store.interactions;
  pad.currentId = store.currentId;
  pad.current = pad.currentId === null ? null : (store.interaction(pad.currentId) ?? null);
  refreshActions(pad, adapter);
  pad.updateUtilityItem();
}

/**
 * @param {ContactPad} pad
 * @param {ContactPadAdapter} adapter
 */
function refreshActions(pad, adapter) {
  pad.actions = actionsOf(adapter, pad.currentId);
}

/**
 * B4: the current interaction changed; open (or focus) its record's tab.
 * @param {ContactPad} pad
 * @param {ContactPadAdapter} adapter
 * @param {string | null} interactionId
 */
function selectionChanged(pad, adapter, interactionId) {
  refreshInteractions(pad, adapter);
  if (interactionId === null) return;
  const interaction = adapter.store.interaction(interactionId);
  // A consult call has no record and nothing to search on: nothing to open.
  if (interaction === undefined || !hasRecordToOpen(interaction)) return;
  pad.commands.openRecord(interactionId, interaction);
}
