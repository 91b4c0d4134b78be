/**
 * Mock of lightning/platformUtilityBarApi (not stubbed by sfdx-lwc-jest). Every function is a
 * jest.fn resolving like the platform's (true, or utility info); `EnclosingUtilityId` is a test
 * wire adapter: `EnclosingUtilityId.emit('utility-1')` gives the component its utility id.
 * `utilityBarControl.reset()` restores the default behaviour after a test changed it.
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const UTILITY_ID = 'utility-1';

const info = () => ({
  id: UTILITY_ID,
  utilityLabel: 'ContactPad',
  utilityIcon: 'call',
  utilityVisible: false,
  panelVisible: false,
});

export const open = jest.fn();
export const minimize = jest.fn();
export const getInfo = jest.fn();
export const getAllUtilityInfo = jest.fn();
export const updateUtility = jest.fn();
export const updatePanel = jest.fn();
export const enableModal = jest.fn();
export const enablePopout = jest.fn();
export const onUtilityClick = jest.fn();

export const EnclosingUtilityId = createTestWireAdapter(jest.fn());

/** Test controls: put the default behaviour back, or make one function fail. */
export const utilityBarControl = {
  reset() {
    for (const fn of [
      open,
      minimize,
      updateUtility,
      updatePanel,
      enableModal,
      enablePopout,
      onUtilityClick,
    ]) {
      fn.mockReset();
      fn.mockResolvedValue(true);
    }
    getInfo.mockReset();
    getInfo.mockImplementation(() => Promise.resolve(info()));
    getAllUtilityInfo.mockReset();
    getAllUtilityInfo.mockImplementation(() => Promise.resolve([info()]));
  },
  /** The next calls of `fn` reject with `error`. */
  fail(fn, error) {
    fn.mockRejectedValue(error);
  },
};

utilityBarControl.reset();
