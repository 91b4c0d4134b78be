import { BridgeError } from './errors';
import { aCallLog, anInteraction, CASE, CONTACT } from './fixtures';
import type { WorkspaceApi } from './workspaceRecordOpener';
import { WorkspaceRecordOpener } from './workspaceRecordOpener';

function workspace(overrides: Partial<WorkspaceApi> = {}) {
  return {
    openTab: jest.fn<Promise<unknown>, [{ recordId: string; focus: boolean }]>(async () => 'tab-1'),
    getFocusedTabInfo: jest.fn<Promise<unknown>, []>(async () => ({
      tabId: 'tab-0',
      recordId: CASE.id,
    })),
    ...overrides,
  };
}

const saveLog = jest.fn(async () => '00T000000000001AAA');

describe('WorkspaceRecordOpener', () => {
  afterEach(() => jest.clearAllMocks());

  it('opens the record tab with focus', async () => {
    const api = workspace();
    const opener = new WorkspaceRecordOpener(api, { saveLog });
    await expect(opener.open(anInteraction())).resolves.toEqual({
      via: 'workspace',
      recordId: CONTACT.id,
      tabId: 'tab-1',
    });
    expect(api.openTab).toHaveBeenCalledWith({ recordId: CONTACT.id, focus: true });
  });

  it('does not reopen the record already in the focused tab (15- or 18-character id)', async () => {
    const api = workspace({
      getFocusedTabInfo: async () => ({ tabId: 'tab-7', recordId: CONTACT.id.slice(0, 15) }),
    });
    const opener = new WorkspaceRecordOpener(api, { saveLog });
    await expect(opener.open(anInteraction())).resolves.toMatchObject({ tabId: 'tab-7' });
    expect(api.openTab).not.toHaveBeenCalled();
  });

  it('still opens the tab when getFocusedTabInfo fails', async () => {
    const api = workspace({
      getFocusedTabInfo: async () => Promise.reject(new Error('no console')),
    });
    const opener = new WorkspaceRecordOpener(api, { saveLog });
    await expect(opener.open(anInteraction())).resolves.toMatchObject({ tabId: 'tab-1' });
  });

  it('rejects with workspace-failed when openTab fails', async () => {
    const api = workspace({
      openTab: async () => Promise.reject({ body: { message: 'Not a console app' } }),
    });
    const opener = new WorkspaceRecordOpener(api, { saveLog });
    const error = await opener.open(anInteraction()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({
      code: 'workspace-failed',
      message: expect.stringContaining('Not a console app'),
    });
  });

  it('rejects with no-record when there is no record and no way to search', async () => {
    const api = workspace();
    const opener = new WorkspaceRecordOpener(api, { saveLog });
    await expect(opener.open(anInteraction({ record: null }))).rejects.toMatchObject({
      code: 'no-record',
    });
    expect(api.openTab).not.toHaveBeenCalled();
  });

  it('opens what the injected search finds', async () => {
    const api = workspace();
    const findRecord = jest.fn(async () => CASE);
    const opener = new WorkspaceRecordOpener(api, { saveLog, findRecord });
    await expect(opener.open(anInteraction({ record: null }))).resolves.toMatchObject({
      recordId: CASE.id,
    });
    expect(findRecord).toHaveBeenCalledWith(['+442079460000'], 'inbound');
  });

  it('rejects with no-record when the search finds nothing', async () => {
    const opener = new WorkspaceRecordOpener(workspace(), {
      saveLog,
      findRecord: async () => null,
    });
    await expect(opener.open(anInteraction({ record: null }))).rejects.toMatchObject({
      code: 'no-record',
    });
  });

  it('saves logs through the injected saver', async () => {
    const opener = new WorkspaceRecordOpener(workspace(), { saveLog });
    const call = aCallLog();
    await expect(opener.log(call)).resolves.toEqual({
      via: 'workspace',
      taskId: '00T000000000001AAA',
    });
    expect(saveLog).toHaveBeenCalledWith(call);
  });

  it('rejects with save-failed when the saver fails', async () => {
    const opener = new WorkspaceRecordOpener(workspace(), {
      saveLog: async () => Promise.reject(new Error('FIELD_CUSTOM_VALIDATION_EXCEPTION')),
    });
    await expect(opener.log(aCallLog())).rejects.toMatchObject({
      code: 'save-failed',
      message: expect.stringContaining('FIELD_CUSTOM'),
    });
  });
});
