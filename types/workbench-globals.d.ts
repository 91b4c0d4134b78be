/**
 * The global the workbench page sets for its softphone frame (softphone.html), which hands the
 * real bridge script (src/bridge/main.ts) Open CTI's `sforce.opencti` (the page's stand-in) and
 * the JavaScript Remoting stand-in. For `tsc -p src/workbench/app/tsconfig.json` only.
 */
import type { OpenCti } from '../src/bridge/openCti';

declare global {
  interface Window {
    workbenchSoftphone?: () => { opencti: OpenCti; Visualforce: unknown };
  }
}
