import { RecordStore } from '../fixtures';
import type { WorkbenchRecord } from './updates';
import type { Navigation } from './workspace';
import { HOME_TAB, WorkspaceModel } from './workspace';

const store = new RecordStore();
const RECORDS: WorkbenchRecord[] = store.records.map((r) => ({ ...r, tasks: [] }));
const [first, second] = RECORDS as [WorkbenchRecord, WorkbenchRecord];

const setup = () => {
  const reads: string[] = [];
  const navigations: Navigation[] = [];
  const model = new WorkspaceModel(
    async (path) => {
      reads.push(path);
      await Promise.resolve();
      const id = path.split('/').pop()!;
      return RECORDS.find((r) => r.id.startsWith(id.slice(0, 15)));
    },
    (navigation) => navigations.push(navigation),
  );
  return { model, reads, navigations };
};

describe('WorkspaceModel', () => {
  test('Home first; the first record tab takes the focus, later ones only when asked', async () => {
    const { model, navigations } = setup();
    model.receivedRecords(RECORDS);
    expect(model.allTabIds()).toEqual([HOME_TAB]);
    const a = await model.openRecord(first.id, false);
    expect(model.state.focused).toBe(a);
    const b = await model.openRecord(second.id, false);
    expect(model.state.focused).toBe(a);
    await model.openRecord(second.id, true);
    expect(model.state.focused).toBe(b);
    expect(navigations.at(-1)).toEqual({
      url: `/lightning/r/${second.objectType}/${second.id}/view`,
      recordId: second.id,
      recordName: second.name,
      objectType: second.objectType,
    });
  });

  test('one tab per record: a 15-character id finds the 18-character one, two opens share one read', async () => {
    const { model, reads } = setup();
    const long = first.id.length === 18 ? first.id : `${first.id}AAA`;
    const [x, y] = await Promise.all([
      model.openRecord(long, true),
      model.openRecord(long.slice(0, 15), true),
    ]);
    expect(x).toBe(y);
    expect(reads).toHaveLength(1);
    expect(model.state.tabs).toHaveLength(2);
  });

  test('search pages, labels, closing and tab infos', async () => {
    const { model } = setup();
    model.receivedRecords(RECORDS);
    const search = model.openSearch('+14155550199', []);
    expect(model.openSearch('+14155550199', [])).toBe(search);
    expect(model.state.focused).toBe(search);
    const tab = await model.openRecord(first.id, true);
    model.setLabel(tab, 'Renamed');
    expect(model.tabInfo(tab)).toMatchObject({
      title: 'Renamed',
      focused: true,
      recordId: first.id,
      pageReference: { type: 'standard__recordPage' },
    });
    expect(model.close(HOME_TAB)).toBe(false);
    expect(model.close(tab)).toBe(true);
    expect(model.close(tab)).toBe(false);
    expect(model.state.focused).toBe(HOME_TAB);
    expect(model.tabInfo(HOME_TAB).pageReference.type).toBe('standard__namedPage');
    expect(() => model.focus('tab-none')).toThrow('no tab tab-none');
  });
});
