/**
 * A route table: (method, path pattern, handler) rows, looked up by find-my-way (the radix-tree
 * router behind Fastify; see README.md). Paths are matched after `pathSegments` has checked and
 * decoded the request target, so a route sees one canonical path whatever escapes the client used.
 * What an unknown path or a method a path does not take is answered with is the surface's to say.
 */
import FindMyWay from 'find-my-way';
import type { HttpError } from './errors';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The methods a table is asked about for a 405's `Allow`, in the order they are listed. */
const METHODS: readonly Method[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** One row: the method(s) (`*`: any), a find-my-way pattern (`/a/:id`, `/a/*`), the handler. */
export interface Route<H> {
  readonly method: Method | readonly Method[] | '*';
  readonly path: string;
  readonly handler: H;
}

/** The decoded path parameters of a match (`*` for a wildcard's rest). */
export type Params = Readonly<Record<string, string>>;

export interface Match<H> {
  readonly handler: H;
  readonly params: Params;
}

export interface TableOptions {
  /** The error for a path no route takes (or, without `wrongMethod`, a method none takes). */
  noRoute(method: string, path: string): HttpError;
  /** The error for a path that other methods take (with `allow`, for a 405); absent: `noRoute`. */
  wrongMethod?(method: string, path: string, allow: readonly Method[]): HttpError;
}

/** Longer than any request target Node reads (16 KiB of headers), so no parameter is cut. */
const MAX_PARAM_LENGTH = 64 * 1024;

export class RouteTable<H> {
  private readonly router = FindMyWay({ maxParamLength: MAX_PARAM_LENGTH });

  constructor(
    routes: readonly Route<H>[],
    private readonly options: TableOptions,
  ) {
    const none = () => undefined;
    for (const route of routes) {
      if (route.method === '*') this.router.all(route.path, none, route.handler);
      else this.router.on(route.method as Method | Method[], route.path, none, route.handler);
    }
  }

  /**
   * The route for a method and a path given as decoded segments (`pathSegments`), with its
   * parameters decoded; the surface's typed error when none takes it.
   */
  find(method: string, segments: readonly string[]): Match<H> {
    const path = `/${segments.map(encodeURIComponent).join('/')}`;
    const found = this.lookup(method, path);
    if (found !== null) return found;
    const shown = `/${segments.join('/')}`;
    const allow = METHODS.filter((other) => this.lookup(other, path) !== null);
    if (allow.length > 0 && this.options.wrongMethod !== undefined) {
      throw this.options.wrongMethod(method, shown, allow);
    }
    throw this.options.noRoute(method, shown);
  }

  private lookup(method: string, path: string): Match<H> | null {
    // find-my-way answers null for a method it has no tree for, however odd.
    const found = this.router.find(method as Method, path);
    if (found === null) return null;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(found.params)) {
      if (value !== undefined) params[name] = value;
    }
    return { handler: found.store as H, params };
  }
}

/** A path parameter the route's pattern declares (a missing one is a bug in the table). */
export function param(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined) throw new Error(`the route declares no parameter "${name}"`);
  return value;
}
