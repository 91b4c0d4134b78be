// @ts-check
/**
 * What the directory dialog shows (pure): its heading, status and buttons from the model, and how
 * each row reads: the name, the kind (Agent, Service) and the state (presence, waiting count, why
 * it cannot be chosen), each its own text so a screen reader says them apart.
 */
import { format, presenceLabel } from 'c/contactPadText';
import { listStyles, rowStyle, windowAt } from './virtualWindow';
import LABEL_CONSULT from '@salesforce/label/c.ContactPad_Consult';
import LABEL_TRANSFER from '@salesforce/label/c.ContactPad_Transfer';
import LABEL_DIAL from '@salesforce/label/c.ContactPad_Dial';
import LABEL_DIAL_NUMBER from '@salesforce/label/c.ContactPad_DialNumber';
import LABEL_DIRECTORY_HELP from '@salesforce/label/c.ContactPad_DirectoryHelp';
import LABEL_NO_MATCHES from '@salesforce/label/c.ContactPad_NoMatchesFound';
import LABEL_SELECTED from '@salesforce/label/c.ContactPad_Selected';
import LABEL_AGENT from '@salesforce/label/c.ContactPad_Agent';
import LABEL_SERVICE from '@salesforce/label/c.ContactPad_Service';
import LABEL_WAITING from '@salesforce/label/c.ContactPad_Waiting';
import LABEL_CANNOT_CONSULT from '@salesforce/label/c.ContactPad_CannotConsultAgent';
import LABEL_NOBODY_CAN_TAKE_CONSULT from '@salesforce/label/c.ContactPad_NobodyCanTakeConsult';
import LABEL_YOU from '@salesforce/label/c.ContactPad_CannotChooseYourself';
import LABEL_HANDLED_NOW from '@salesforce/label/c.ContactPad_HandledNow';
import LABEL_HANDLED_WHEN_AVAILABLE from '@salesforce/label/c.ContactPad_HandledWhenAvailable';
import LABEL_HANDLED_AT_NEXT_LOG_IN from '@salesforce/label/c.ContactPad_HandledAtNextLogIn';

/** @import { ListingMode, ListingRow, Presence } from 'c/contactPadCore' */
/** @import { DirectoryModel } from './directoryModel' */

/**
 * B6: when a transferred interaction is handled (interruptible agents count as logged in).
 * @type {Readonly<Record<Presence, string>>}
 */
const TRANSFER_NOTE = {
  'available-now': LABEL_HANDLED_NOW,
  interruptible: LABEL_HANDLED_WHEN_AVAILABLE,
  'logged-in': LABEL_HANDLED_WHEN_AVAILABLE,
  'logged-out': LABEL_HANDLED_AT_NEXT_LOG_IN,
};

/**
 * The row's state: an agent's presence, a service's waiting count, then the note or the reason it
 * cannot be chosen.
 * @param {ListingRow} row
 * @returns {string[]}
 */
export function stateParts(row) {
  const { entry } = row;
  if (entry.type === 'service') {
    const waiting = format(LABEL_WAITING, entry.waiting);
    return row.selectable ? [waiting] : [waiting, LABEL_NOBODY_CAN_TAKE_CONSULT];
  }
  const presence = presenceLabel(entry.presence);
  if (row.self) return [presence, LABEL_YOU];
  if (!row.selectable) return [presence, LABEL_CANNOT_CONSULT];
  if (row.note !== null) return [presence, TRANSFER_NOTE[entry.presence]];
  return [presence];
}

/**
 * One row as the template renders it.
 * @param {ListingRow} row
 * @param {number} index
 * @param {{ active: number | null, chosen: number | null }} marks
 */
export function rowView(row, index, marks) {
  const active = index === marks.active;
  const chosen = index === marks.chosen;
  const parts = stateParts(row);
  let className = 'slds-media slds-listbox__option slds-listbox__option_plain row';
  if (active) className += ' slds-has-focus';
  if (chosen) className += ' slds-is-selected';
  if (!row.selectable) className += ' row_unselectable';
  return {
    key: row.key,
    id: `option-${index}`,
    index,
    name: row.entry.name,
    kind: row.entry.type === 'service' ? LABEL_SERVICE : LABEL_AGENT,
    state: parts.join(' · '),
    // Each shown after a middle dot, spoken after a comma (the dots are hidden from screen readers).
    parts: parts.map((text, at) => ({ key: `${at}`, text })),
    chosen,
    selected: chosen ? 'true' : 'false',
    disabled: row.selectable ? null : 'true',
    className,
    nameClass: row.selectable ? 'slds-truncate name' : 'slds-truncate slds-text-color_weak name',
    style: rowStyle(index),
    posinset: index + 1,
  };
}

/**
 * Only the rows in view plus the overscan, and the highlighted and selected rows wherever they are.
 * @param {DirectoryModel} model
 * @param {number} scrollTop
 */
export function rowsInView(model, scrollTop) {
  const { listing, active, chosen } = model;
  if (listing === null || listing.length === 0) return [];
  const marks = { active: active.index, chosen: chosen.index };
  const { from, to } = windowAt(scrollTop, listing.length);
  const rows = listing.slice(from, to).map((row, offset) => rowView(row, from + offset, marks));
  for (const index of new Set([active.index, chosen.index])) {
    if (index === null || (index >= from && index < to)) continue;
    const row = listing.at(index);
    if (row) rows.push(rowView(row, index, marks));
  }
  return rows;
}

/**
 * Everything the dialog's template shows.
 * @param {DirectoryModel} model
 * @param {readonly ListingMode[]} modes the modes offered
 * @param {number} scrollTop
 */
export function directoryView(model, modes, scrollTop) {
  const { length } = model;
  const transfer = model.mode === 'transfer';
  const connectLabel = transfer ? LABEL_TRANSFER : LABEL_DIAL;
  const chosen = model.chosenRow;
  const { index } = model.active;
  let status = '';
  // B5: "No matches found" (expected when a number was typed), else who is selected.
  if (model.noMatches) status = LABEL_NO_MATCHES;
  else if (chosen !== null) status = format(LABEL_SELECTED, chosen.entry.name);
  return {
    heading: transfer ? LABEL_TRANSFER : LABEL_CONSULT,
    showSwitch: modes.includes('consult') && modes.includes('transfer'),
    consultChecked: !transfer,
    transferChecked: transfer,
    query: model.query,
    rowCount: length,
    status,
    help: format(LABEL_DIRECTORY_HELP, connectLabel),
    activeId: index === null ? null : `option-${index}`,
    chooseDisabled: model.target() === null,
    chooseLabel:
      !transfer && chosen === null && model.number !== null
        ? format(LABEL_DIAL_NUMBER, model.number)
        : connectLabel,
    styles: listStyles(length),
    rows: rowsInView(model, scrollTop),
  };
}
