/** The Open CTI calls the bridge made, newest first, the last 50 kept. */
import { Observable } from './observable';

export const BRIDGE_LOG_LINES = 50;

export class BridgeLogModel extends Observable<{
  readonly lines: readonly { readonly key: string; readonly text: string }[];
}> {
  private counter = 0;

  constructor(private readonly now: () => Date = () => new Date()) {
    super({ lines: [] });
  }

  /** One Open CTI call: its method and arguments. */
  log(method: string, args: unknown): void {
    let shown: string;
    try {
      shown = JSON.stringify(args) ?? String(args);
    } catch {
      shown = String(args);
    }
    const line = {
      key: String(++this.counter),
      text: `${this.now().toLocaleTimeString()} ${method} ${shown}`,
    };
    this.set({ lines: [line, ...this.state.lines].slice(0, BRIDGE_LOG_LINES) });
  }
}
