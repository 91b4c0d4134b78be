// The lease worker's entry (leaseWorker.ts): plain JavaScript, so that a worker thread loads it
// however the main thread was started (node with tsx as a loader, or Jest, which compiles the main
// thread's TypeScript but not a worker's). It registers tsx, which runs the routing service, and
// loads the TypeScript worker.
'use strict';
require('tsx/cjs/api').register();
require('./leaseWorker.ts');
