/** The bridge contract and ContactPad's side of it, for the LWC service module. */
export * from './bridgeRecordOpener';
export * from './bus';
export * from './sessionBus';
export * from './chooseRecordOpener';
export * from './errors';
export * from './logger';
export * from './messages';
export { normalisePhoneNumber } from '../protocol/phoneNumbers';
export * from './recordOpener';
export * from './workspaceRecordOpener';
