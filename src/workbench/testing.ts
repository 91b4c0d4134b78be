/**
 * For the workbench server's tests: one workbench per file on 127.0.0.1 (free ports, an empty
 * page directory, silent logs unless `options` give a logger), started before the file's tests and
 * stopped after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { RunningWorkbench, WorkbenchOptions } from './server';
import { startWorkbench } from './server';

export interface TestWorkbench {
  /** The running workbench (after beforeAll). */
  readonly workbench: RunningWorkbench;
  /** Its page's origin, without the trailing slash. */
  readonly base: string;
}

export function useTestWorkbench(options: Pick<WorkbenchOptions, 'logger'> = {}): TestWorkbench {
  let running: RunningWorkbench | null = null;
  let distDir = '';
  beforeAll(async () => {
    distDir = mkdtempSync(join(tmpdir(), 'workbench-test-'));
    running = await startWorkbench({
      host: '127.0.0.1',
      port: 0,
      routingPort: 0,
      distDir,
      logger: options.logger ?? pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(distDir, { recursive: true, force: true });
  });
  return {
    get workbench() {
      if (running === null) throw new Error('the workbench is not started');
      return running;
    },
    get base() {
      return this.workbench.url.replace(/\/$/, '');
    },
  };
}
