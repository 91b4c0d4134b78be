/**
 * The globals the workbench page sets for the real bridge script (src/bridge/main.ts reads them):
 * Open CTI's `sforce.opencti` (the page's stand-in) and the bridge's configuration. For
 * `tsc -p src/workbench/app/tsconfig.json` only.
 */
import type { OpenCti } from '../src/bridge/openCti';

declare global {
  interface Window {
    sforce?: { opencti: OpenCti };
    ContactPadBridge?: { channel: string };
  }
}
