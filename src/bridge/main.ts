/**
 * Entry of the softphone page's script (a static resource loaded after opencti_min.js): finds
 * `sforce.opencti`, opens the bus on the package's message channel and starts the bridge. The
 * Visualforce page may name the channel in `window.ContactPadBridge = { channel: '...' }` or in a
 * `data-contactpad-channel` attribute; the default is `ContactPad__c`.
 */
import type { Bridge } from './bridge';
import { startBridge } from './bridge';
import { DEFAULT_CHANNEL, openCtiBus } from './bus';
import type { Logger } from './logger';
import { openCtiOf } from './openCti';

const CHANNEL_PATTERN = /^[A-Za-z][A-Za-z0-9_]*__c$/;

const read = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** The message channel name the page configured, or the default. */
export function channelOf(globalObject: unknown): string {
  const configured = read(read(globalObject, 'ContactPadBridge'), 'channel');
  if (typeof configured === 'string' && CHANNEL_PATTERN.test(configured)) return configured;
  const page = read(globalObject, 'document') as
    | { querySelector?: (selector: string) => { getAttribute(name: string): string | null } | null }
    | undefined;
  const element = page?.querySelector?.('[data-contactpad-channel]') ?? null;
  const attribute = element?.getAttribute('data-contactpad-channel') ?? null;
  return attribute !== null && CHANNEL_PATTERN.test(attribute) ? attribute : DEFAULT_CHANNEL;
}

/** Starts the bridge in the page whose global object is given; null when Open CTI is missing. */
export function main(globalObject: unknown, logger: Logger = console): Bridge | null {
  const openCti = openCtiOf(globalObject);
  if (openCti === null) {
    logger.warn('ContactPad bridge: sforce.opencti is not on this page; is opencti_min.js loaded?');
    return null;
  }
  const channel = channelOf(globalObject);
  logger.info(`ContactPad bridge: starting on ${channel}`);
  return startBridge(openCti, openCtiBus(openCti, channel, logger), { logger });
}

// Runs by itself only in a browser page; importing the module elsewhere (tests) starts nothing.
if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  main(window);
}
