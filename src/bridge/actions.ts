/**
 * What the bridge does for each ContactPad request, in Open CTI calls: `select` pops the record
 * (or searches), `log` saves a Task, `panel` sets the utility item. Each resolves with the
 * outcome to put in the `result` message and never rejects.
 */
import { BridgeError } from './errors';
import type { CallType, FromContactPadOf } from './messages';
import type { CallTypeKey, OpenCti, SaveLogValue } from './openCti';
import type { OpenCtiOutcome } from './openCtiCall';
import { callOpenCti, matchedRecordIdOf, savedRecordIdOf } from './openCtiCall';

/** What a request came to: the `result` message is made from it. */
export type ActionOutcome =
  | { readonly ok: true; readonly recordId: string | null }
  | { readonly ok: false; readonly error: BridgeError };

const CALL_TYPE_KEY: Readonly<Record<CallType, CallTypeKey>> = {
  inbound: 'INBOUND',
  outbound: 'OUTBOUND',
  internal: 'INTERNAL',
};

/** Task.CallType picklist values. */
const TASK_CALL_TYPE: Readonly<Record<CallType, string>> = {
  inbound: 'Inbound',
  outbound: 'Outbound',
  internal: 'Internal',
};

/** Objects whose records go in Task.WhoId (people); every other record goes in WhatId. */
const WHO_OBJECTS: ReadonlySet<string> = new Set(['Contact', 'Lead']);

/** Opens the interaction's record, or searches on its first search key (screenPop / searchAndScreenPop). */
export async function selectRecord(
  openCti: OpenCti,
  select: FromContactPadOf<'select'>,
): Promise<ActionOutcome> {
  if (select.record !== null) {
    const target = select.record.id;
    const outcome = await callOpenCti('screenPop', (callback) =>
      openCti.screenPop({
        type: openCti.SCREENPOP_TYPE.SOBJECT,
        params: { recordId: target },
        callback,
      }),
    );
    return outcome.ok ? { ok: true, recordId: target } : outcome;
  }
  const key = select.searchKeys[0];
  if (key === undefined) {
    return {
      ok: false,
      error: new BridgeError(
        'no-record',
        `interaction ${select.interactionId} has no record and no search key`,
      ),
    };
  }
  const outcome = await callOpenCti<Readonly<Record<string, unknown>>>(
    'searchAndScreenPop',
    (callback) =>
      openCti.searchAndScreenPop({
        searchParams: key,
        callType: openCti.CALL_TYPE[CALL_TYPE_KEY[select.callType]],
        deferred: false,
        callback,
      }),
  );
  return outcome.ok ? { ok: true, recordId: matchedRecordIdOf(outcome.value) } : outcome;
}

/** The Task a `log` message becomes: a completed call, linked to its person and/or record. */
export function taskOf(log: FromContactPadOf<'log'>): SaveLogValue {
  const recordIsWho = log.record !== null && WHO_OBJECTS.has(log.record.objectType);
  const whoId = log.whoId ?? (recordIsWho ? (log.record?.id ?? null) : null);
  const whatId = log.whatId ?? (!recordIsWho ? (log.record?.id ?? null) : null);
  const task: Record<string, unknown> = {
    entityApiName: 'Task',
    Subject: log.subject,
    TaskSubtype: 'Call',
    Status: 'Completed',
    ActivityDate: log.activityDate,
    CallType: TASK_CALL_TYPE[log.callType],
    CallDurationInSeconds: log.durationSeconds,
    // The interaction id, so a Task can be traced back to the routing service's records.
    CallObject: log.interactionId,
    Description: log.notes,
  };
  if (log.disposition !== null) task['CallDisposition'] = log.disposition;
  if (whoId !== null) task['WhoId'] = whoId;
  if (whatId !== null) task['WhatId'] = whatId;
  return task;
}

/** Saves the call log as a Task through saveLog. */
export async function saveCallLog(
  openCti: OpenCti,
  log: FromContactPadOf<'log'>,
): Promise<ActionOutcome> {
  const outcome = await callOpenCti('saveLog', (callback) =>
    openCti.saveLog({ value: taskOf(log), callback }),
  );
  return outcome.ok ? { ok: true, recordId: savedRecordIdOf(outcome.value) } : outcome;
}

/** The utility item label: the presence, with the interaction count when there is work. */
export function panelLabelOf(panel: FromContactPadOf<'panel'>): string {
  return panel.interactions === 0 ? panel.presence : `${panel.presence} (${panel.interactions})`;
}

/** Shows the panel state on the softphone's utility item (label, then icon when given). */
export async function showPanel(
  openCti: OpenCti,
  panel: FromContactPadOf<'panel'>,
): Promise<ActionOutcome> {
  const label = panelLabelOf(panel);
  const labelled = await callOpenCti('setSoftphoneItemLabel', (callback) =>
    openCti.setSoftphoneItemLabel({ label, callback }),
  );
  if (!labelled.ok) return labelled;
  const icon = panel.icon;
  if (icon === null) return { ok: true, recordId: null };
  const iconed: OpenCtiOutcome<unknown> = await callOpenCti('setSoftphoneItemIcon', (callback) =>
    openCti.setSoftphoneItemIcon({ key: icon, callback }),
  );
  return iconed.ok ? { ok: true, recordId: null } : iconed;
}
