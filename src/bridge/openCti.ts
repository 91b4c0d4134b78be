/**
 * Types for the part of Salesforce's Open CTI for Lightning Experience that the bridge uses.
 * No npm package ships them, so they are declared here from the Open CTI developer guide
 * ("Methods for Lightning Experience"; developer.salesforce.com/docs/service/api-cti/guide).
 * Open CTI lives only in the softphone page (`/support/api/<version>/lightning/opencti_min.js`);
 * an LWC can never reach `sforce`. Each member names the API version it needs.
 */

/** One entry of a failed call's `errors` array. */
export interface OpenCtiError {
  /** INVALID_PARAM, GENERIC_ERROR, SERVER_ERROR or SOFTPHONE_CONTAINER_ERROR, per the guide. */
  readonly code: string;
  readonly description: string;
  /** Usually absent; saveLog puts field-level details here. */
  readonly details?: unknown;
}

/** What every Open CTI callback receives (API 38.0). */
export interface OpenCtiResponse<T = unknown> {
  readonly success: boolean;
  readonly returnValue: T | null;
  readonly errors: readonly OpenCtiError[] | null;
}

export type OpenCtiCallback<T = unknown> = (response: OpenCtiResponse<T>) => void;

/** The key names of `sforce.opencti.SCREENPOP_TYPE` (SOBJECT and URL since 38.0; the rest later). */
export const SCREENPOP_TYPE_KEYS = [
  'SOBJECT',
  'URL',
  'OBJECTHOME',
  'LIST',
  'SEARCH',
  'NEW_RECORD_MODAL',
  'FLOW',
] as const;
export type ScreenPopTypeKey = (typeof SCREENPOP_TYPE_KEYS)[number];

/** The key names of `sforce.opencti.CALL_TYPE` (API 38.0). */
export const CALL_TYPE_KEYS = ['INBOUND', 'OUTBOUND', 'INTERNAL'] as const;
export type CallTypeKey = (typeof CALL_TYPE_KEYS)[number];

/**
 * The constant records Open CTI defines. Their values are not documented (only the keys are), so
 * the bridge always passes the value it reads from the live object, never a literal of its own.
 */
export type ScreenPopTypes = Readonly<Record<ScreenPopTypeKey, string>>;
export type CallTypes = Readonly<Record<CallTypeKey, string>>;

/** `params` of screenPop, by type (SOBJECT: `{ recordId }`; URL: a relative `{ url }`; ...). */
export type ScreenPopParams =
  | { readonly recordId: string }
  | { readonly url: string }
  | { readonly scope: string }
  | { readonly listViewId: string; readonly scope: string }
  | { readonly searchString: string }
  | { readonly entityName: string }
  | {
      readonly flowDevName: string;
      readonly flowArgs: readonly { name: string; type: string; value: unknown }[];
    };

export interface ScreenPopArgs {
  /** A value of `SCREENPOP_TYPE`. */
  readonly type: string;
  readonly params: ScreenPopParams;
  readonly defaultFieldValues?: Readonly<Record<string, unknown>>;
  readonly callback?: OpenCtiCallback;
}

export interface SearchAndScreenPopArgs {
  readonly searchParams: string;
  readonly queryParams?: string;
  readonly defaultFieldValues?: Readonly<Record<string, unknown>>;
  /** A value of `CALL_TYPE`; with the softphone layout it decides which objects are searched. */
  readonly callType: string;
  /** True: search only, and hand `returnValue.SCREEN_POP_DATA` to screenPop later. */
  readonly deferred?: boolean;
  /** returnValue: the matches keyed by record id (plus SCREEN_POP_DATA when deferred). */
  readonly callback?: OpenCtiCallback<Readonly<Record<string, unknown>>>;
}

/** saveLog's `value`: `entityApiName` to create, `Id` to update, plus the record's fields. */
export interface SaveLogValue {
  readonly entityApiName?: string;
  readonly Id?: string;
  readonly [field: string]: unknown;
}

export interface SaveLogArgs {
  readonly value: SaveLogValue;
  /** returnValue: the saved record's id, in a shape the guide does not pin down (see openCtiCall.ts). */
  readonly callback?: OpenCtiCallback;
}

/** What onClickToDial's listener receives (API 38.0). */
export interface ClickToDialPayload {
  /** Typed `number` in the guide; seen as a formatted string in practice. */
  readonly number?: number | string;
  readonly recordId?: string;
  readonly recordName?: string;
  readonly objectType?: string;
  readonly accountId?: string;
  readonly contactId?: string;
  readonly personAccount?: boolean;
  readonly params?: string;
}

/** What onNavigationChange's listener receives (API 38.0); record fields are blank off a record. */
export interface NavigationPayload {
  readonly url?: string;
  readonly recordId?: string;
  readonly recordName?: string;
  readonly objectType?: string;
  readonly accountId?: string;
  readonly contactId?: string;
  readonly personAccount?: boolean;
}

/** `sforce.opencti`, the subset the bridge uses. */
export interface OpenCti {
  /** API 38.0. */
  readonly SCREENPOP_TYPE: ScreenPopTypes;
  /** API 38.0. */
  readonly CALL_TYPE: CallTypes;
  /** Opens a record, URL, list, search, new-record modal or flow in the console (API 38.0). */
  screenPop(args: ScreenPopArgs): void;
  /** Searches the softphone layout's objects and pops the match(es) (API 38.0). */
  searchAndScreenPop(args: SearchAndScreenPopArgs): void;
  /** Creates (`entityApiName`) or updates (`Id`) a record (API 38.0). */
  saveLog(args: SaveLogArgs): void;
  /** The softphone's utility bar item label (API 38.0). */
  setSoftphoneItemLabel(args: {
    readonly label: string;
    readonly callback?: OpenCtiCallback;
  }): void;
  /** The softphone's utility bar item icon, an SLDS icon key such as "call" (API 38.0). */
  setSoftphoneItemIcon(args: { readonly key: string; readonly callback?: OpenCtiCallback }): void;
  /** Opens or minimises the softphone panel (API 38.0). */
  setSoftphonePanelVisibility(args: {
    readonly visible: boolean;
    readonly callback?: OpenCtiCallback;
  }): void;
  /** Makes phone fields clickable (API 38.0). */
  enableClickToDial(args: { readonly callback?: OpenCtiCallback }): void;
  /** API 38.0. */
  disableClickToDial(args: { readonly callback?: OpenCtiCallback }): void;
  /** Registers the click-to-dial listener; there is no way to remove it (API 38.0). */
  onClickToDial(args: { readonly listener: (payload: ClickToDialPayload) => void }): void;
  /** Registers the navigation listener; there is no way to remove it (API 38.0). */
  onNavigationChange(args: { readonly listener: (payload: NavigationPayload) => void }): void;
}

const METHODS = [
  'screenPop',
  'searchAndScreenPop',
  'saveLog',
  'setSoftphoneItemLabel',
  'setSoftphoneItemIcon',
  'setSoftphonePanelVisibility',
  'enableClickToDial',
  'disableClickToDial',
  'onClickToDial',
  'onNavigationChange',
] as const satisfies readonly (keyof OpenCti)[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null;

const hasKeys = (value: unknown, keys: readonly string[]): boolean =>
  isObject(value) && keys.every((key) => value[key] !== undefined && value[key] !== null);

/** Finds `sforce.opencti` on a global object, or null when it is absent or lacks what we use. */
export function openCtiOf(globalObject: unknown): OpenCti | null {
  try {
    if (!isObject(globalObject)) return null;
    const sforce = globalObject['sforce'];
    if (!isObject(sforce)) return null;
    const openCti = sforce['opencti'];
    if (!isObject(openCti)) return null;
    if (!METHODS.every((method) => typeof openCti[method] === 'function')) return null;
    if (!hasKeys(openCti['SCREENPOP_TYPE'], ['SOBJECT'])) return null;
    if (!hasKeys(openCti['CALL_TYPE'], CALL_TYPE_KEYS)) return null;
    return openCti as unknown as OpenCti;
  } catch {
    // A hostile or half-built global (a getter that throws) means no Open CTI.
    return null;
  }
}
