/**
 * The softphone page's way to a routing session: its Apex remote action
 * (ContactPadSoftphoneController.getSession) called through Visualforce JavaScript Remoting. The
 * page names the action in `window.ContactPadBridge = { sessionAction }`; its answer is checked
 * before use.
 */
import type { RoutingSession } from './softphoneSession';

/** Visualforce.remoting's callback event: `status` false carries the error's `message`. */
interface RemotingEvent {
  readonly status?: boolean;
  readonly message?: unknown;
}

type InvokeAction = (
  action: string,
  callback: (result: unknown, event: RemotingEvent) => void,
  options: { readonly escape: boolean; readonly buffer: boolean },
) => void;

const ACTION_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*){1,2}$/;

const read = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** The session in a remote action's result, or null when it is not one. */
export function routingSessionOf(result: unknown): RoutingSession | null {
  const routingUrl = read(result, 'routingUrl');
  const token = read(result, 'token');
  const expiresAt = read(result, 'expiresAt') ?? null;
  if (typeof routingUrl !== 'string' || !/^wss?:\/\//.test(routingUrl)) return null;
  if (typeof token !== 'string' || token.length === 0) return null;
  if (expiresAt !== null && typeof expiresAt !== 'string' && typeof expiresAt !== 'number') {
    return null;
  }
  return { routingUrl, token, expiresAt };
}

/** A function asking the page's remote action for a session, or null when the page has none. */
export function remoteSessionOf(globalObject: unknown): (() => Promise<RoutingSession>) | null {
  const action = read(read(globalObject, 'ContactPadBridge'), 'sessionAction');
  const manager = read(read(read(globalObject, 'Visualforce'), 'remoting'), 'Manager');
  const invokeAction = read(manager, 'invokeAction');
  if (typeof action !== 'string' || !ACTION_PATTERN.test(action)) return null;
  if (typeof invokeAction !== 'function') return null;
  return () =>
    new Promise((resolve, reject) => {
      (invokeAction as InvokeAction).call(
        manager,
        action,
        (result, event) => {
          const session = event?.status === true ? routingSessionOf(result) : null;
          if (session !== null) resolve(session);
          else reject(new Error(String(event?.message ?? 'no routing session in the answer')));
        },
        { escape: false, buffer: false },
      );
    });
}
