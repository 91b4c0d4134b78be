// @ts-check
/** The Open CTI calls the bridge made, newest first (src/workbench/models/bridgeLog.ts). */
import ModelView from '../modelView/modelView';

/** @import { BridgeLogModel } from '../../../../models/bridgeLog' */

/** @extends {ModelView<BridgeLogModel>} */
export default class WorkbenchBridgeLog extends ModelView {
  /** @type {'light'} */
  static renderMode = 'light';

  get lines() {
    return this.view?.lines ?? [];
  }
}
