import { UtilityModel } from './utilities';

describe('UtilityModel', () => {
  test('the Utility Bar API opens, minimises, relabels and highlights the item', () => {
    const item = new UtilityModel('utility-contactpad', 'ContactPad', 'call');
    const seen: boolean[] = [];
    item.subscribe((state) => seen.push(state.open));
    expect(item.api.open()).toBe(true);
    item.api.update({ label: 'ContactPad · Ready', highlighted: true, icon: undefined });
    item.api.updatePanel({ heading: 'ContactPad (2)' });
    expect(item.api.info()).toEqual({
      id: 'utility-contactpad',
      utilityLabel: 'ContactPad · Ready',
      utilityIcon: 'call',
      utilityVisible: true,
      panelVisible: true,
      utilityHighlighted: true,
    });
    expect(item.state.heading).toBe('ContactPad (2)');
    item.api.minimize();
    expect(seen[0]).toBe(false);
    expect(item.state.open).toBe(false);
  });

  test('a click tells the handlers, then toggles the panel', () => {
    const item = new UtilityModel('utility-phone', 'Phone', 'call');
    const clicks: string[] = [];
    item.api.onClick((event) => clicks.push(event.utilityId));
    item.clicked();
    expect(item.state.open).toBe(true);
    item.clicked();
    expect(item.state.open).toBe(false);
    expect(clicks).toEqual(['utility-phone', 'utility-phone']);
  });
});
