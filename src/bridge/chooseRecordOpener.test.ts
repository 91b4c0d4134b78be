import { startBridge } from './bridge';
import { chooseRecordOpener } from './chooseRecordOpener';
import { FakeOpenCti, flush } from './fakeOpenCti';
import { FakeRelay } from './fakeRelay';
import { aCallLog, anInteraction, CONTACT } from './fixtures';
import { silentLogger } from './logger';
import type { RecordOpener } from './recordOpener';

const workspaceOpener = () => {
  const opener = {
    open: jest.fn<ReturnType<RecordOpener['open']>, Parameters<RecordOpener['open']>>(async () => ({
      via: 'workspace',
      recordId: CONTACT.id,
      tabId: 'tab-1',
    })),
    log: jest.fn<ReturnType<RecordOpener['log']>, Parameters<RecordOpener['log']>>(async () => ({
      via: 'workspace',
      taskId: null,
    })),
  };
  return opener satisfies RecordOpener;
};

const startFakeBridge = (lms: FakeRelay) => {
  const openCti = new FakeOpenCti();
  return {
    openCti,
    bridge: startBridge(openCti, lms.bus(silentLogger), {
      logger: silentLogger,
    }),
  };
};

describe('chooseRecordOpener', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('uses the bridge when it answers hello in time', async () => {
    const lms = new FakeRelay();
    const { openCti } = startFakeBridge(lms);
    await flush();
    const workspace = workspaceOpener();
    const chosen = await chooseRecordOpener(lms.bus(), workspace, {
      waitMs: 500,
    });
    expect(chosen.via).toBe('bridge');
    expect(lms.published.map((m) => (m as { type: string }).type)).toContain('hello');
    await expect(chosen.open(anInteraction())).resolves.toMatchObject({ via: 'bridge' });
    expect(openCti.callsOf('screenPop')).toHaveLength(1);
    expect(workspace.open).not.toHaveBeenCalled();
    chosen.dispose();
  });

  it('uses the Workspace API when no bridge answers, and switches when one announces later', async () => {
    const lms = new FakeRelay();
    const workspace = workspaceOpener();
    const choosing = chooseRecordOpener(lms.bus(), workspace, {
      waitMs: 500,
    });
    await flush();
    jest.advanceTimersByTime(500);
    const chosen = await choosing;
    expect(chosen.via).toBe('workspace');
    await chosen.open(anInteraction());
    await chosen.log(aCallLog());
    expect(workspace.open).toHaveBeenCalledTimes(1);
    expect(workspace.log).toHaveBeenCalledTimes(1);

    const { openCti } = startFakeBridge(lms);
    await flush();
    expect(chosen.via).toBe('bridge');
    await expect(chosen.open(anInteraction())).resolves.toMatchObject({ via: 'bridge' });
    expect(openCti.callsOf('screenPop')).toHaveLength(1);
    chosen.dispose();
  });

  it('falls back to the Workspace API when the bridge stops answering', async () => {
    const lms = new FakeRelay();
    const { bridge } = startFakeBridge(lms);
    await flush();
    const workspace = workspaceOpener();
    const chosen = await chooseRecordOpener(lms.bus(), workspace, {
      waitMs: 500,
      timeoutMs: 1000,
    });
    bridge.stop();
    const opened = chosen.open(anInteraction());
    await flush();
    jest.advanceTimersByTime(1000);
    await expect(opened).resolves.toMatchObject({ via: 'workspace' });
    expect(chosen.via).toBe('workspace');
    chosen.dispose();
  });

  it('does not fall back for a log the bridge did not confirm', async () => {
    const lms = new FakeRelay();
    const { bridge } = startFakeBridge(lms);
    await flush();
    const workspace = workspaceOpener();
    const chosen = await chooseRecordOpener(lms.bus(), workspace, {
      waitMs: 500,
      timeoutMs: 1000,
    });
    bridge.stop();
    const logged = chosen.log(aCallLog()).catch((e: unknown) => e);
    await flush();
    jest.advanceTimersByTime(1000);
    await expect(logged).resolves.toMatchObject({ code: 'timeout' });
    expect(workspace.log).not.toHaveBeenCalled();
    chosen.dispose();
  });
});
