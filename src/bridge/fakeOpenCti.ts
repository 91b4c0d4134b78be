/**
 * Test support: a fake `sforce.opencti` that records every call, answers callbacks
 * asynchronously and can be told to fail a method (the bridge's bus is a FakeRelay,
 * fakeRelay.ts). The workbench can reuse it.
 */
import type {
  CallTypes,
  ClickToDialPayload,
  NavigationPayload,
  OpenCti,
  OpenCtiCallback,
  OpenCtiError,
  ScreenPopTypes,
} from './openCti';

/** Values as a third-party Open CTI stand-in uses them; the real ones are undocumented. */
export const FAKE_SCREENPOP_TYPE: ScreenPopTypes = {
  SOBJECT: 'sobject',
  URL: 'url',
  OBJECTHOME: 'objecthome',
  LIST: 'list',
  SEARCH: 'search',
  NEW_RECORD_MODAL: 'newRecord',
  FLOW: 'flow',
};
export const FAKE_CALL_TYPE: CallTypes = {
  INBOUND: 'inbound',
  OUTBOUND: 'outbound',
  INTERNAL: 'internal',
};

/** Delivers on a later microtask, as the real thing answers after a postMessage round trip. */
const later = (run: () => void): void => {
  void Promise.resolve().then(run);
};

/** One recorded call: the method and its argument object without the callback. */
export interface FakeCall {
  readonly method: string;
  readonly args: Readonly<Record<string, unknown>>;
}

type Method = Exclude<keyof OpenCti, 'SCREENPOP_TYPE' | 'CALL_TYPE'>;

/** A fake sforce.opencti. */
export class FakeOpenCti implements OpenCti {
  readonly SCREENPOP_TYPE = FAKE_SCREENPOP_TYPE;
  readonly CALL_TYPE = FAKE_CALL_TYPE;
  /** Every call, in order. */
  readonly calls: FakeCall[] = [];
  private readonly failures = new Map<string, readonly OpenCtiError[]>();
  private readonly returnValues = new Map<string, unknown>();
  private readonly clickToDialListeners: ((payload: ClickToDialPayload) => void)[] = [];
  private readonly navigationListeners: ((payload: NavigationPayload) => void)[] = [];

  /** Makes every later call of `method` answer success: false with these errors. */
  fail(method: Method, errors: readonly OpenCtiError[]): void {
    this.failures.set(method, errors);
  }

  /** Makes `method` succeed again. */
  succeed(method: Method): void {
    this.failures.delete(method);
  }

  /** Sets the returnValue `method` answers with when it succeeds. */
  answer(method: Method, returnValue: unknown): void {
    this.returnValues.set(method, returnValue);
  }

  /** The calls of one method. */
  callsOf(method: Method): FakeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Simulates the agent clicking a phone number. */
  clickToDial(payload: ClickToDialPayload): void {
    this.clickToDialListeners.forEach((listener) => listener(payload));
  }

  /** Simulates a console navigation. */
  navigate(payload: NavigationPayload): void {
    this.navigationListeners.forEach((listener) => listener(payload));
  }

  screenPop(args: Parameters<OpenCti['screenPop']>[0]): void {
    this.respond('screenPop', args, args.callback);
  }
  searchAndScreenPop(args: Parameters<OpenCti['searchAndScreenPop']>[0]): void {
    this.respond('searchAndScreenPop', args, args.callback as OpenCtiCallback | undefined);
  }
  saveLog(args: Parameters<OpenCti['saveLog']>[0]): void {
    this.respond('saveLog', args, args.callback);
  }
  setSoftphoneItemLabel(args: Parameters<OpenCti['setSoftphoneItemLabel']>[0]): void {
    this.respond('setSoftphoneItemLabel', args, args.callback);
  }
  setSoftphoneItemIcon(args: Parameters<OpenCti['setSoftphoneItemIcon']>[0]): void {
    this.respond('setSoftphoneItemIcon', args, args.callback);
  }
  setSoftphonePanelVisibility(args: Parameters<OpenCti['setSoftphonePanelVisibility']>[0]): void {
    this.respond('setSoftphonePanelVisibility', args, args.callback);
  }
  enableClickToDial(args: Parameters<OpenCti['enableClickToDial']>[0]): void {
    this.respond('enableClickToDial', args, args.callback);
  }
  disableClickToDial(args: Parameters<OpenCti['disableClickToDial']>[0]): void {
    this.respond('disableClickToDial', args, args.callback);
  }
  onClickToDial(args: Parameters<OpenCti['onClickToDial']>[0]): void {
    this.record('onClickToDial', args);
    this.clickToDialListeners.push(args.listener);
  }
  onNavigationChange(args: Parameters<OpenCti['onNavigationChange']>[0]): void {
    this.record('onNavigationChange', args);
    this.navigationListeners.push(args.listener);
  }
  private record(method: string, args: object): void {
    const { callback: _callback, listener: _listener, ...rest } = args as Record<string, unknown>;
    this.calls.push({ method, args: rest });
  }

  private respond(method: string, args: object, callback: OpenCtiCallback | undefined): void {
    this.record(method, args);
    const errors = this.failures.get(method);
    const response =
      errors === undefined
        ? { success: true, returnValue: this.returnValues.get(method) ?? null, errors: null }
        : { success: false, returnValue: null, errors };
    later(() => callback?.(response));
  }
}

/** Lets every pending microtask (fake Open CTI answers, bus deliveries) run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
