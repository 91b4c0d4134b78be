/** A value that tells its listeners when it changes: what the page's components render from. */
export class Observable<S> {
  private readonly listeners = new Set<(state: S) => void>();

  constructor(private current: S) {}

  get state(): S {
    return this.current;
  }

  /** Calls `listener` now and on every change; returns the function that stops it. */
  subscribe(listener: (state: S) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  protected set(change: Partial<S>): void {
    this.current = { ...this.current, ...change };
    for (const listener of [...this.listeners]) listener(this.current);
  }
}

/** JSON from the workbench server (the page passes its fetchJson; tests a stand-in). */
export type RequestJson = (
  path: string,
  init?: { readonly method?: string; readonly body?: string },
) => Promise<unknown>;

/** The failure's message. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
