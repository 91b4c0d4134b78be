// @ts-check
/**
 * What ContactPad does to a routed Salesforce Case (a plain class, no template): when a case
 * interaction whose record is a Case reaches the agent (assigned: in their list and no longer only
 * offered), Apex makes the agent's User the Case owner (ContactPadCaseController.takeCase, as the
 * agent, permissions enforced); when the agent releases it, Apex sets the status the admin chose
 * for release (releaseCase; blank: unchanged). Each Case is taken once per interaction; a refusal
 * is shown as an alert, never thrown.
 */
import takeCase from '@salesforce/apex/ContactPadCaseController.takeCase';
import releaseCase from '@salesforce/apex/ContactPadCaseController.releaseCase';

/** @import { ContactPadAdapter, Interaction } from 'c/contactPadCore' */

/**
 * The Case an interaction is routed work for, or null.
 * @param {Interaction | undefined} interaction
 * @returns {string | null}
 */
export function routedCaseOf(interaction) {
  if (interaction === undefined || interaction.channel !== 'case') return null;
  return interaction.record?.objectType === 'Case' ? interaction.record.id : null;
}

/**
 * An Apex refusal (`{ body: { message: 'code: words' } }`) as `{ code, message }`, so the alert
 * shows the words with the code apart; anything else as it is.
 * @param {any} error
 * @returns {unknown}
 */
export function refusalOf(error) {
  const said = error?.body?.message;
  const match = typeof said === 'string' ? /^([a-z][a-z0-9-]*): (.+)$/s.exec(said) : null;
  return match === null ? error : { code: match[1], message: match[2] };
}

export class CaseOwnership {
  /**
   * `fail(error, code)` shows a failure (an Apex refusal as `{ code, message }`, else `code`).
   * @param {(error: unknown, code: string) => void} fail
   */
  constructor(fail) {
    this.fail = fail;
    /**
     * The Cases taken, by interaction id, until the interaction leaves the list.
     * @type {Map<string, string>}
     */
    this.taken = new Map();
  }

  /**
   * Follows `adapter`'s interactions; returns the unsubscribers.
   * @param {ContactPadAdapter} adapter
   * @returns {(() => void)[]}
   */
  follow(adapter) {
    const seen = (/** @type {{ detail: { interactionId: string } }} */ event) =>
      this.seen(adapter.store.interaction(event.detail.interactionId));
    return [
      adapter.on('interactionadd', seen),
      adapter.on('interactionchange', seen),
      adapter.on('statereset', () => adapter.store.interactions.forEach((i) => this.seen(i))),
      adapter.on('interactionremove', (event) =>
        this.removed(event.detail.interactionId, event.detail.reason),
      ),
    ];
  }

  /**
   * An interaction in the agent's list: its Case is taken once it is assigned (not only offered).
   * @param {Interaction | undefined} interaction
   * @returns {Promise<void>}
   */
  async seen(interaction) {
    const caseId = routedCaseOf(interaction);
    if (interaction === undefined || caseId === null) return;
    if (interaction.state === 'offered' || this.taken.has(interaction.id)) return;
    this.taken.set(interaction.id, caseId);
    try {
      await takeCase({ caseId });
    } catch (error) {
      this.fail(refusalOf(error), 'case-owner-failed');
    }
  }

  /**
   * An interaction left the list: a released Case takes the status on release.
   * @param {string} interactionId
   * @param {string} reason why it left (the protocol's remove reason)
   * @returns {Promise<void>}
   */
  async removed(interactionId, reason) {
    const caseId = this.taken.get(interactionId);
    this.taken.delete(interactionId);
    if (caseId === undefined || reason !== 'released') return;
    try {
      await releaseCase({ caseId });
    } catch (error) {
      this.fail(refusalOf(error), 'case-release-failed');
    }
  }
}
