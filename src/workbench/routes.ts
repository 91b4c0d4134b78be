/**
 * How the workbench server's route table is written: a row's handler gets the request, its path
 * parameters and query, its body on demand, and answers itself (JSON or a file). A handler that
 * needs the routing service is answered 503 `unavailable` while it restarts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/answer';
import type { Params } from '../http/routeTable';

export interface WorkbenchCall {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly params: Params;
  /** The decoded path, from `/`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The JSON body as an object ({} when empty or not an object). */
  body(): Promise<Record<string, unknown>>;
  /** The JSON body as it came ({} when empty). */
  rawBody(): Promise<unknown>;
}

export interface WorkbenchHandler {
  /** Whether it needs the routing service up (503 `unavailable` while it restarts). */
  readonly needsRouting: boolean;
  handle(call: WorkbenchCall): Promise<void> | void;
}

/** An API handler that answers JSON and needs the routing service. */
export const json = (
  answer: (call: WorkbenchCall) => Promise<readonly [number, unknown]> | readonly [number, unknown],
): WorkbenchHandler => ({
  needsRouting: true,
  handle: async (call) => {
    const [status, body] = await answer(call);
    sendJson(call.response, status, body);
  },
});

/** The same, answered while the routing service restarts too. */
export const jsonAlways = (answer: Parameters<typeof json>[0]): WorkbenchHandler => ({
  ...json(answer),
  needsRouting: false,
});
