// @ts-check
/**
 * Workbench implementation of the Open CTI subset the bridge uses (src/bridge/openCti.ts), so the
 * real bridge script (the ContactPadBridge static resource) runs unchanged in the page: screenPop
 * and searchAndScreenPop open the page's record tabs, saveLog stores a Task on the workbench
 * server, the softphone item label and icon show on the page's "Phone" utility item,
 * and click-to-dial makes phone fields clickable. Callbacks get { success, returnValue, errors }, a
 * task later, as Open CTI calls them. (The bridge reaches ContactPad over the routing service,
 * not through Open CTI.)
 */
import { fetchJson, whenConsole } from './host';

/**
 * @import { ClickToDialPayload, NavigationPayload, OpenCtiCallback } from '../../bridge/openCti'
 * @import { SearchMatch } from './host'
 */

/**
 * What a method of the stand-in reads: its callback, if any (the bridge's arguments are typed in
 * src/bridge/openCti.ts; the stand-in takes whatever a page script passes).
 * @template {object} T
 * @typedef {T & { callback?: OpenCtiCallback<any> }} Args
 */

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

/**
 * Calls `callback` with Open CTI's { success, returnValue, errors } for `promise`, a task later.
 * @param {OpenCtiCallback<any> | undefined} callback
 * @param {Promise<unknown>} promise
 */
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

/**
 * @param {string} code
 * @param {string} description
 */
const failure = (code, description) => Object.assign(new Error(description), { code });

/**
 * Builds `sforce.opencti`; `onEvent` hears every call (for the page's bridge log).
 * @param {(method: string, args: unknown) => void} [onEvent]
 */
export function createOpenCti(onEvent = () => {}) {
  /** @type {((payload: ClickToDialPayload) => void)[]} */
  const clickListeners = [];
  /** @type {((payload: NavigationPayload) => void)[]} */
  const navigationListeners = [];
  let clickToDial = false;

  const api = {
    SCREENPOP_TYPE,
    CALL_TYPE,

    /** @param {Args<{ type?: string, params?: Readonly<Record<string, unknown>> }>} [args] */
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

    /** @param {Args<{ searchParams?: string, callType?: string, deferred?: boolean }>} [args] */
    searchAndScreenPop({ searchParams, callType, deferred, callback } = {}) {
      onEvent('searchAndScreenPop', { searchParams, callType });
      answer(
        callback,
        (async () => {
          /** @type {SearchMatch[]} */
          const matches = await fetchJson(
            `/workbench/api/search?q=${encodeURIComponent(searchParams ?? '')}`,
          );
          /** @type {Record<string, { Id: string, Name: string, RecordType: string }>} */
          const result = {};
          for (const record of matches) {
            result[record.id] = { Id: record.id, Name: record.name, RecordType: record.objectType };
          }
          // One match pops its record, as the softphone layout's "pop to record" setting does;
          // none or several pop the search page (the layout's "pop to search page").
          if (!deferred) {
            const console = await whenConsole();
            const [match] = matches;
            if (matches.length === 1 && match) await console.openRecordTab(match.id, true);
            else console.openSearchTab(searchParams ?? '', matches);
          }
          return result;
        })(),
      );
    },

    /** @param {Args<{ value?: { entityApiName?: string, Id?: string } }>} [args] */
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
          return saved.id;
        })(),
      );
    },

    /** @param {Args<{ label?: string }>} [args] */
    setSoftphoneItemLabel({ label, callback } = {}) {
      onEvent('setSoftphoneItemLabel', { label });
      answer(
        callback,
        whenConsole().then((console) => console.utility('utility-phone').update({ label })),
      );
    },

    /** @param {Args<{ key?: string }>} [args] */
    setSoftphoneItemIcon({ key, callback } = {}) {
      onEvent('setSoftphoneItemIcon', { key });
      answer(
        callback,
        whenConsole().then((console) => console.utility('utility-phone').update({ icon: key })),
      );
    },

    /** @param {Args<{ visible?: boolean }>} [args] */
    setSoftphonePanelVisibility({ visible, callback } = {}) {
      answer(
        callback,
        whenConsole().then((console) => {
          const utility = console.utility('utility-phone');
          return visible ? utility.open() : utility.minimize();
        }),
      );
    },

    /** @param {Args<{}>} [args] */
    enableClickToDial({ callback } = {}) {
      clickToDial = true;
      answer(
        callback,
        whenConsole().then((console) => console.setClickToDial(true)),
      );
    },

    /** @param {Args<{}>} [args] */
    disableClickToDial({ callback } = {}) {
      clickToDial = false;
      answer(
        callback,
        whenConsole().then((console) => console.setClickToDial(false)),
      );
    },

    /** @param {{ listener?: (payload: ClickToDialPayload) => void }} [args] */
    onClickToDial({ listener } = {}) {
      if (typeof listener === 'function') clickListeners.push(listener);
    },

    /** @param {{ listener?: (payload: NavigationPayload) => void }} [args] */
    onNavigationChange({ listener } = {}) {
      if (typeof listener === 'function') navigationListeners.push(listener);
    },
  };

  /** What the page calls: a phone field clicked, or a tab focused. */
  const page = {
    get clickToDial() {
      return clickToDial;
    },
    /** @param {ClickToDialPayload} payload */
    dial(payload) {
      for (const listener of clickListeners) listener(payload);
    },
    /** @param {NavigationPayload} payload */
    navigated(payload) {
      for (const listener of navigationListeners) listener(payload);
    },
  };
  return { api, page };
}
