/**
 * Who may talk to the workbench server: only its own page. It is a development tool on loopback
 * that creates interactions and Tasks, restarts the routing service and hands out agent tokens, so
 * a page of another origin (even another port of 127.0.0.1) must not drive it with no-cors
 * requests, and a name rebound to 127.0.0.1 (DNS rebinding) must not read from it.
 */
import type { IncomingMessage } from 'node:http';

/** Why a request was refused; each is answered 403 with this code before anything runs. */
export type GuardCode = 'foreign-host' | 'foreign-origin' | 'cross-site';

export interface Refusal {
  readonly status: 403;
  readonly code: GuardCode;
  readonly message: string;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);
/** Methods that change nothing; every other one is treated as changing state. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The Host header values the server answers to, listening on `host` and `port`: the address it
 * listens on and `localhost` (for a loopback address), or the loopback names (for a wildcard).
 */
export function ownHosts(host: string, port: number): ReadonlySet<string> {
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const shown = bare.includes(':') ? `[${bare}]` : bare;
  let names: string[];
  if (WILDCARDS.has(bare) || bare === 'localhost') names = LOOPBACK_NAMES;
  else if (bare === '::1' || bare.startsWith('127.')) names = [shown, 'localhost'];
  else names = [shown];
  const hosts = names.map((name) => `${name}:${port}`);
  // A browser leaves the default port out of Host and Origin.
  return new Set(port === 80 ? [...hosts, ...names] : hosts);
}

const refuse = (code: GuardCode, message: string): Refusal => ({ status: 403, code, message });

/**
 * Null when the request comes from the workbench's own page (or a tool on this machine that sends
 * no Origin), else why not: a Host that is not the server's own, an Origin other than the origin
 * the request was sent to (`null` included), or a cross-site or same-site browser request that
 * changes state or is anything but a navigation.
 */
export function refusal(request: IncomingMessage, hosts: ReadonlySet<string>): Refusal | null {
  const host = request.headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host)) {
    return refuse('foreign-host', 'the workbench answers only at its own address');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
    return refuse('foreign-origin', 'the workbench answers only its own page');
  }
  // Browsers without Origin on a request still say where it comes from: another site may link to
  // the workbench (a navigation), never change anything or load from it.
  const site = request.headers['sec-fetch-site'];
  const crossSite = site === 'cross-site' || site === 'same-site';
  const changes = !SAFE_METHODS.has(request.method ?? 'GET');
  if (crossSite && (changes || request.headers['sec-fetch-mode'] !== 'navigate')) {
    return refuse('cross-site', 'the workbench takes requests from its own page only');
  }
  return null;
}
