// @ts-check
/**
 * The workbench's pages, in the order of the navigation bar: the console (Home and its record
 * tabs) and the Lightning tabs of the ContactPad console app. One list, read by the header (the
 * navigation items) and the console (which page shows).
 */

/** @typedef {{ id: string, label: string }} WorkbenchPage */

export const CONSOLE_PAGE = 'console';

/** @type {readonly WorkbenchPage[]} */
export const WORKBENCH_PAGES = [
  { id: CONSOLE_PAGE, label: 'Home' },
  { id: 'supervisor', label: 'Supervisor' },
  { id: 'setup', label: 'Setup' },
];
