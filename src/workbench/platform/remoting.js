// @ts-check
/**
 * Workbench stand-in for Visualforce JavaScript Remoting as the softphone page uses it:
 * `Visualforce.remoting.Manager.invokeAction(action, callback, options)` for the one remote action
 * of ContactPadSoftphoneController, answered by the same session stand-in as ContactPad's Apex
 * (apex.js). The callback gets (result, event) with `event.status` and, on failure, `message`, as
 * remoting calls it.
 */
import { getSession } from './apex';

/** The remote actions the workbench answers: the page's name for each, and what answers it. */
const ACTIONS = new Map([['ContactPadSoftphoneController.getSession', getSession]]);

export const Visualforce = Object.freeze({
  remoting: Object.freeze({
    Manager: Object.freeze({
      /**
       * @param {string} action
       * @param {(result: unknown, event: { status: boolean, message?: string }) => void} callback
       */
      invokeAction(action, callback) {
        const run = ACTIONS.get(action);
        const answer = run
          ? run()
          : Promise.reject(new Error(`no remote action ${action} in the workbench`));
        answer.then(
          (result) => setTimeout(() => callback(result, { status: true }), 0),
          (error) => {
            const message = error?.body?.message ?? error?.message ?? String(error);
            setTimeout(() => callback(null, { status: false, message }), 0);
          },
        );
      },
    }),
  }),
});
