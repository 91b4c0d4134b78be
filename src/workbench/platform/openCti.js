/**
 * Workbench implementation of the Open CTI subset the bridge uses (src/bridge/openCti.ts), so the
 * real bridge script (the ContactPadBridge static resource) runs unchanged in the page: screenPop
 * and searchAndScreenPop open the page's record tabs, saveLog stores a Task on the workbench
 * server, the softphone item label and icon show on the page's "Phone" utility item,
 * click-to-dial makes phone fields clickable, and publish / subscribe use the page's message bus
 * (shared with `lightning/messageService`). Callbacks get { success, returnValue, errors }, a task
 * later, as Open CTI calls them.
 */
import { busPublish, busSubscribe, fetchJson, whenConsole } from './host';

const SCREENPOP_TYPE = Object.freeze({
  SOBJECT: 'sobject',
  URL: 'url',
  OBJECTHOME: 'objecthome',
  LIST: 'list',
  SEARCH: 'search',
  NEW_RECORD_MODAL: 'newRecord',
  FLOW: 'flow',
});

const CALL_TYPE = Object.freeze({ INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' });

const answer = (callback, promise) => {
  Promise.resolve()
    .then(() => promise)
    .then(
      (returnValue) => ({ success: true, returnValue: returnValue ?? null, errors: null }),
      (error) => ({
        success: false,
        returnValue: null,
        errors: [
          { code: error?.code ?? 'GENERIC_ERROR', description: String(error?.message ?? error) },
        ],
      }),
    )
    .then((response) => {
      if (typeof callback === 'function') setTimeout(() => callback(response), 0);
    });
};

const failure = (code, description) => Object.assign(new Error(description), { code });

/** Builds `sforce.opencti`; `onEvent` hears every call (for the page's bridge log). */
export function createOpenCti(onEvent = () => {}) {
  const clickListeners = [];
  const navigationListeners = [];
  let clickToDial = false;
  const subscriptions = new Map();
  let nextSubscription = 1;

  const api = {
    SCREENPOP_TYPE,
    CALL_TYPE,

    screenPop({ type, params = {}, callback } = {}) {
      onEvent('screenPop', { type, params });
      answer(
        callback,
        whenConsole().then(async (console) => {
          if (type !== SCREENPOP_TYPE.SOBJECT || typeof params.recordId !== 'string') {
            throw failure('INVALID_PARAM', `the workbench pops SOBJECT records only (got ${type})`);
          }
          await console.openRecordTab(params.recordId, true);
          return { recordId: params.recordId };
        }),
      );
    },

    searchAndScreenPop({ searchParams, callType, deferred, callback } = {}) {
      onEvent('searchAndScreenPop', { searchParams, callType });
      answer(
        callback,
        (async () => {
          const matches = await fetchJson(
            `/workbench/api/search?q=${encodeURIComponent(searchParams ?? '')}`,
          );
          const result = {};
          for (const record of matches) {
            result[record.id] = { Id: record.id, Name: record.name, RecordType: record.objectType };
          }
          // One match pops its record, as the softphone layout's "pop to record" setting does;
          // none or several pop the search page (the layout's "pop to search page").
          if (!deferred) {
            const console = await whenConsole();
            if (matches.length === 1) await console.openRecordTab(matches[0].id, true);
            else console.openSearchTab(searchParams ?? '', matches);
          }
          return result;
        })(),
      );
    },

    saveLog({ value = {}, callback } = {}) {
      onEvent('saveLog', value);
      answer(
        callback,
        (async () => {
          if (value.entityApiName !== 'Task' && value.Id === undefined) {
            throw failure('INVALID_PARAM', 'the workbench saves Tasks only');
          }
          const saved = await fetchJson('/workbench/api/tasks', {
            method: 'POST',
            body: JSON.stringify({ source: 'opencti', task: value }),
          });
          whenConsole().then((console) => console.tasksChanged());
          return saved.id;
        })(),
      );
    },

    setSoftphoneItemLabel({ label, callback } = {}) {
      onEvent('setSoftphoneItemLabel', { label });
      answer(
        callback,
        whenConsole().then((console) => console.utility('utility-phone').update({ label })),
      );
    },

    setSoftphoneItemIcon({ key, callback } = {}) {
      onEvent('setSoftphoneItemIcon', { key });
      answer(
        callback,
        whenConsole().then((console) => console.utility('utility-phone').update({ icon: key })),
      );
    },

    setSoftphonePanelVisibility({ visible, callback } = {}) {
      answer(
        callback,
        whenConsole().then((console) => {
          const utility = console.utility('utility-phone');
          return visible ? utility.open() : utility.minimize();
        }),
      );
    },

    enableClickToDial({ callback } = {}) {
      clickToDial = true;
      answer(
        callback,
        whenConsole().then((console) => console.setClickToDial(true)),
      );
    },

    disableClickToDial({ callback } = {}) {
      clickToDial = false;
      answer(
        callback,
        whenConsole().then((console) => console.setClickToDial(false)),
      );
    },

    onClickToDial({ listener } = {}) {
      if (typeof listener === 'function') clickListeners.push(listener);
    },

    onNavigationChange({ listener } = {}) {
      if (typeof listener === 'function') navigationListeners.push(listener);
    },

    publish({ channelName, message, callback } = {}) {
      answer(
        callback,
        Promise.resolve().then(() => {
          busPublish(channelName, message);
          return true;
        }),
      );
    },

    subscribe({ channelName, listener, callback } = {}) {
      const id = `opencti-subscription-${nextSubscription++}`;
      subscriptions.set(
        id,
        busSubscribe(channelName, (payload) => listener(payload)),
      );
      if (typeof callback === 'function') {
        setTimeout(
          () =>
            callback({ success: true, returnValue: { id }, errors: null, subscription: { id } }),
          0,
        );
      }
    },

    unsubscribe({ subscription, callback } = {}) {
      const remove = subscriptions.get(subscription?.id);
      if (remove) remove();
      subscriptions.delete(subscription?.id);
      answer(callback, Promise.resolve(true));
    },
  };

  /** What the page calls: a phone field clicked, or a tab focused. */
  const page = {
    get clickToDial() {
      return clickToDial;
    },
    dial(payload) {
      for (const listener of clickListeners) listener(payload);
    },
    navigated(payload) {
      for (const listener of navigationListeners) listener(payload);
    },
  };
  return { api, page };
}
