/**
 * Types of the Salesforce platform modules ContactPad's LWC JavaScript imports, for
 * `tsc -p tsconfig.lwc.json` (the platform serves them in an org; nothing here is shipped). `lwc`
 * itself is typed by the `lwc` npm package, `c/contactPadCore` by src/adapter/index.ts.
 */

/** A Custom Label (`labels/CustomLabels.labels-meta.xml`): its value in the user's language. */
declare module '@salesforce/label/c.*' {
  const label: string;
  export default label;
}

/** What ContactPadSessionController.getSession answers (its inner class Session). */
declare module '@salesforce/apex/ContactPadSessionController.getSession' {
  /** The routing service's WebSocket URL and a token for the agent; Apex strings may be null. */
  export interface ContactPadSession {
    readonly routingUrl: string;
    readonly token: string;
    /** ISO date; null when the token does not say. */
    readonly expiresAt: string | null;
  }
  export default function getSession(): Promise<ContactPadSession>;
}

declare module '@salesforce/apex/ContactPadSupervisorController.getSupervisorSession' {
  /** The running user's supervisor session as JSON: `{ routingUrl, token, expiresAt }`. */
  export default function getSupervisorSession(): Promise<string>;
}

/**
 * ContactPadSetupController's Setup methods: the admin API's answers pass through as JSON text
 * (the Setup components read them with the core's readServices, readAgents...), users as a list.
 */
declare module '@salesforce/apex/ContactPadSetupController.listServices' {
  export default function listServices(): Promise<string>;
}
declare module '@salesforce/apex/ContactPadSetupController.createService' {
  export default function createService(params: { name: string }): Promise<string>;
}
declare module '@salesforce/apex/ContactPadSetupController.renameService' {
  export default function renameService(params: {
    serviceId: string;
    name: string;
  }): Promise<string>;
}
declare module '@salesforce/apex/ContactPadSetupController.removeService' {
  export default function removeService(params: { serviceId: string }): Promise<void>;
}
declare module '@salesforce/apex/ContactPadSetupController.listAgents' {
  export default function listAgents(): Promise<string>;
}
declare module '@salesforce/apex/ContactPadSetupController.saveAgent' {
  /** `{ id, name, services, weights }` as JSON: creates the agent or changes them. */
  export default function saveAgent(params: { agentJson: string }): Promise<string>;
}
declare module '@salesforce/apex/ContactPadSetupController.removeAgent' {
  export default function removeAgent(params: { agentId: string }): Promise<void>;
}
declare module '@salesforce/apex/ContactPadSetupController.searchUsers' {
  /** At most 20 active Users by name: `{ userId, name, username, agentId }` each. */
  export default function searchUsers(params: { term: string }): Promise<unknown[]>;
}
declare module '@salesforce/apex/ContactPadSetupController.getSettings' {
  export default function getSettings(): Promise<string>;
}
declare module '@salesforce/apex/ContactPadSetupController.saveSettings' {
  /** The whole settings as JSON (PUT: applied all at once or not at all). */
  export default function saveSettings(params: { settingsJson: string }): Promise<string>;
}

declare module '@salesforce/apex/ContactPadSessionController.saveCallLog' {
  /** Saves the CallLog (src/bridge/recordOpener.ts) as a Task; resolves with the Task's id. */
  export default function saveCallLog(params: { callLogJson: string }): Promise<string>;
}

declare module '@salesforce/apex/ContactPadCaseController.takeCase' {
  /** Makes the running user the Case's owner; resolves with false when they owned it already. */
  export default function takeCase(params: { caseId: string }): Promise<boolean>;
}

declare module '@salesforce/apex/ContactPadCaseController.releaseCase' {
  /** Sets the status on release the admin chose; resolves with false when nothing changed. */
  export default function releaseCase(params: { caseId: string }): Promise<boolean>;
}

/** The console's Workspace API (API 59.0+; the parts ContactPad uses). */
declare module 'lightning/platformWorkspaceApi' {
  export interface TabInfo {
    readonly tabId: string;
    readonly recordId?: string;
    readonly url?: string;
    readonly title?: string;
    readonly focused?: boolean;
  }
  export function openTab(args: {
    readonly recordId?: string;
    readonly url?: string;
    readonly pageReference?: object;
    readonly focus?: boolean;
    readonly label?: string;
  }): Promise<string>;
  export function getFocusedTabInfo(): Promise<TabInfo>;
}

/** The console's Utility Bar API (the parts ContactPad uses). */
declare module 'lightning/platformUtilityBarApi' {
  import type { WireAdapterConstructor } from 'lwc';

  /** `@wire(EnclosingUtilityId)`: the id of the utility item around the component, if any. */
  export const EnclosingUtilityId: WireAdapterConstructor<
    Record<string, never>,
    string | undefined
  >;
  export function open(
    utilityId: string,
    options?: { readonly autoFocus?: boolean },
  ): Promise<boolean>;
  export function updateUtility(
    utilityId: string,
    attributes: {
      readonly label?: string;
      readonly icon?: string;
      readonly iconVariant?: string;
      readonly highlighted?: boolean;
    },
  ): Promise<boolean>;
}

declare module 'lightning/modal' {
  import { LightningElement } from 'lwc';
  /** A console modal: `open()` resolves with what `close()` was given (undefined: dismissed). */
  export default class LightningModal extends LightningElement {
    static open(props?: Record<string, unknown>): Promise<unknown>;
    size: 'small' | 'medium' | 'large' | 'full';
    label: string;
    description: string;
    disableClose: boolean;
    close(result?: unknown): void;
  }
}
