/**
 * The end-to-end harness: builds the workbench page once for every file (a stamp and a lock under
 * dist/), starts a workbench on 127.0.0.1 with free ports and Debian's Chromium (playwright-core,
 * never a downloaded browser), opens agent pages, locates ContactPad's parts the way a person
 * finds them (roles, labels, texts; Playwright locators pierce synthetic shadow), keeps a
 * screenshot of every test's final state under test-results/<test name>.png, and runs axe on
 * ContactPad (the directory dialog included when open), failing on serious or critical violations.
 *
 * Use: `const e2e = useWorkbench()` at the top of a test file; `await e2e.agent('ann-lee')` in a test.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import pino from 'pino';
import type { ShiftOptions } from '../../src/routing/simulator/shifts';
import type { RunningWorkbench } from '../../src/workbench/server';
import { startWorkbench } from '../../src/workbench/server';
import { ensureDebianPackage } from '../support/debianPackage';
import { scanAxe } from './axe';

export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results');
// Under dist/ (ignored by git, ESLint and Prettier), apart from the dist/workbench `npm start` serves.
const DIST = join(ROOT, 'dist', 'workbench-e2e');
const STAMP = join(DIST, '.e2e-stamp');
const LOCK = join(ROOT, 'dist', 'workbench-e2e.lock');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** How long one UI step may take before the test fails with what the page said. */
export const STEP_MS = 10_000;

/** The longest the page build may take (~10 s alone; minutes on a machine busy with other work). */
const BUILD_MS = 300_000;

/** The inputs of the page build: a change in any of them rebuilds. */
const BUILD_INPUTS = [
  'force-app/main/default/lwc',
  'force-app/main/default/labels',
  'src/workbench/app',
  'src/workbench/models',
  'src/workbench/platform',
  'src/protocol',
  'scripts/workbench',
];

function newestMtime(path: string, depth = 0): number {
  if (!existsSync(path) || depth > 8) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === '__tests__' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry), depth + 1));
  }
  return newest;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const exec = promisify(execFile);

/**
 * Debian's Chromium, headless, quiet on the network (installed when missing, where it can be:
 * test/support/debianPackage.ts).
 */
export async function launchChromium(): Promise<Browser> {
  await ensureDebianPackage('chromium', CHROMIUM);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 20_000,
  });
}

/**
 * The page as the current sources build it (~10 s), once for all files: a stamp records the
 * sources' newest change; a directory lock keeps two jest workers from building at once.
 */
export async function buildPage(): Promise<string> {
  const wanted = String(Math.max(...BUILD_INPUTS.map((input) => newestMtime(join(ROOT, input)))));
  const fresh = () => existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + BUILD_MS + 60_000;
  while (!fresh()) {
    if (Date.now() > deadline) throw new Error(`the workbench build did not finish (${LOCK})`);
    try {
      mkdirSync(LOCK);
    } catch {
      // Another file builds; a lock older than a build may take was left by a killed run.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > BUILD_MS) {
        rmSync(LOCK, { recursive: true, force: true });
      }
      await sleep(250);
      continue;
    }
    try {
      if (fresh()) break;
      await exec(
        join(ROOT, 'node_modules', '.bin', 'tsx'),
        ['scripts/workbench/build.ts', '--out', DIST],
        { cwd: ROOT, timeout: BUILD_MS },
      );
      writeFileSync(STAMP, wanted);
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  return DIST;
}

export interface AgentPage {
  readonly id: string;
  readonly page: Page;
  /** The ContactPad container. */
  readonly pad: Locator;
  /** The information panel's list named "Interactions". */
  readonly list: Locator;
  /** The Consult | Transfer dialog (a console modal over the whole page). */
  readonly directory: Locator;
  /** Its Search combobox. */
  readonly search: Locator;
  /** An entry of the interaction list by its text (customer name, channel...). */
  entry(text: string | RegExp): Locator;
  /** An action button of the current interaction (Release, Hold, Consult...). */
  action(label: string): Locator;
  /** A directory option by its accessible name (name plus presence). */
  option(name: string | RegExp): Locator;
  /** The record tab of a record id. */
  tab(recordId: string): Locator;
  /** Sets the agent's state with the presence buttons and waits for it. */
  setState(label: 'Ready' | 'Away' | 'Logged out'): Promise<void>;
  /** Waits until the state label reads `label`. */
  stateIs(label: string | RegExp, timeout?: number): Promise<void>;
  /** Places a customer contact with the customer simulator panel. */
  place(
    channel: 'voice' | 'video' | 'chat' | 'email' | 'case',
    customer: string,
    serviceId: string,
  ): Promise<void>;
  /** Waits until the record tab of `recordId` is the focused one. */
  focusedTabIs(recordId: string, timeout?: number): Promise<void>;
  /** What the page reported: uncaught errors, console errors, failed requests. */
  readonly problems: string[];
}

export interface Workbench {
  readonly wb: () => RunningWorkbench;
  /** Opens a page signed in as `agentId` (a fresh browser context: one tab per agent). */
  agent(agentId: string, options?: { bridge?: boolean; ready?: boolean }): Promise<AgentPage>;
  /** Runs one step; on failure the message says what and what the pages reported. */
  step<T>(what: string, action: () => Promise<T>): Promise<T>;
  /** axe on the whole workbench page (ContactPad, its directory when open, the console around it): serious/critical ones fail the test. */
  axe(agent: AgentPage, when: string): Promise<void>;
  /** The serious or critical axe violations found so far in this test. */
  readonly blocking: string[];
  /** Changes account settings through the workbench's admin proxy (the admin panel's route). */
  patchSettings(patch: unknown): Promise<unknown>;
}

/** Ticks or unticks a feature in the admin panel (the SLDS checkbox is clicked on its label). */
export async function setFeature(page: Page, feature: string, on: boolean): Promise<void> {
  const box = page.locator(`#wb-feature-${feature}`);
  if ((await box.isChecked()) !== on)
    await page.locator(`label[for="wb-feature-${feature}"]`).click();
  if ((await box.isChecked()) !== on) throw new Error(`the ${feature} box did not change`);
}

/** Applies the admin panel's settings and waits for the answer. */
export async function applySettings(page: Page): Promise<void> {
  const admin = page.locator('[data-id="admin"]');
  await admin.getByRole('button', { name: 'Apply settings' }).click();
  await admin.locator('[data-id="settings-status"]', { hasText: 'Settings applied' }).waitFor();
}

/** The name of the running test, fit for a file name. */
function testFileName(suffix = ''): string {
  const name = expect.getState().currentTestName ?? 'unnamed';
  return `${name}${suffix}`.replace(/[^A-Za-z0-9 ,._()-]+/g, '-').slice(0, 150);
}

/**
 * Sets up one workbench and one Chromium for the file (beforeAll/afterAll) and fresh state for
 * each test: every page of the previous test closed, the routing service restarted (an empty
 * service with the demo account seeded again), and a screenshot of every page after each test.
 */
/**
 * `colleagueShifts`: the simulated colleagues change presence by themselves (off otherwise, so a
 * test finds them where the demo seeds them).
 */
export function useWorkbench(options: { colleagueShifts?: ShiftOptions } = {}): Workbench {
  let workbench: RunningWorkbench | null = null;
  let browser: Browser | null = null;
  let contexts: BrowserContext[] = [];
  let agents: AgentPage[] = [];
  const blocking: string[] = [];
  let testCount = 0;

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    const distDir = await buildPage();
    workbench = await startWorkbench({
      host: '127.0.0.1',
      routingPort: 0,
      port: 0,
      distDir,
      logger: pino({ level: 'silent' }),
      colleagueShifts: options.colleagueShifts ?? null,
    });
    browser = await launchChromium();
  }, 600_000); // long enough to install Chromium where it is missing

  beforeEach(async () => {
    blocking.length = 0;
    if (testCount++ > 0) await workbench?.restartRouting(0);
  });

  afterEach(async () => {
    // The final state of every page of the test, the first agent's under the test's own name.
    for (const [n, agent] of agents.entries()) {
      const suffix = n === 0 ? '' : ` (${agent.id}${n > 1 ? ` ${n}` : ''})`;
      await agent.page
        .screenshot({ path: join(RESULTS, `${testFileName(suffix)}.png`) })
        .catch(() => {});
    }
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    contexts = [];
    agents = [];
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await workbench?.stop();
  });

  const step = async <T>(what: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      const said = agents.flatMap((agent) => agent.problems.map((p) => `${agent.id}: ${p}`));
      throw new Error(
        `${what}: ${(error as Error).message}${said.length === 0 ? '' : `\npage problems:\n  ${said.join('\n  ')}`}`,
      );
    }
  };

  const agent = async (
    agentId: string,
    options: { bridge?: boolean; ready?: boolean } = {},
  ): Promise<AgentPage> => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    const pad = page.locator('c-contact-pad');
    const list = pad.getByRole('list', { name: 'Interactions' });
    // A console modal (lightning/modal): in the page's overlay container, not inside ContactPad.
    const directory = page
      .getByRole('dialog')
      .filter({ has: page.getByRole('combobox', { name: 'Search' }) });
    const stateLabel = pad.locator('c-contact-pad-presence [data-id="state-label"]');
    const self: AgentPage = {
      id: agentId,
      page,
      pad,
      list,
      directory,
      search: directory.getByRole('combobox', { name: 'Search' }),
      problems,
      entry: (text) => list.locator('[data-entry]', { hasText: text }),
      action: (label) =>
        pad.locator('c-contact-pad-actions').getByRole('button', { name: label, exact: true }),
      option: (name) => directory.getByRole('option', { name }),
      tab: (recordId) => page.locator(`a[role="tab"][data-record-id="${recordId}"]`),
      async setState(label) {
        await pad
          .locator('c-contact-pad-presence')
          .getByRole('button', { name: label, exact: true })
          .click();
        await self.stateIs(new RegExp(`^\\s*${label.replace(/[()]/g, '\\$&')}\\s*$`));
      },
      async stateIs(label, timeout = STEP_MS) {
        await stateLabel.filter({ hasText: label }).waitFor({ timeout });
      },
      async place(channel, customer, serviceId) {
        await page.locator('[data-id="sim-customer"]').selectOption(customer);
        await page.locator('[data-id="sim-service"]').selectOption(serviceId);
        const status = page.locator('[data-id="sim-status"]');
        const before = (await status.textContent()) ?? '';
        await page.locator(`[data-id="simulator"] button[data-channel="${channel}"]`).click();
        await page.waitForFunction(
          (was) => {
            const text = document.querySelector('[data-id="sim-status"]')?.textContent ?? '';
            return text !== was && !text.endsWith('…');
          },
          before,
          { timeout: STEP_MS },
        );
        const said = (await status.textContent()) ?? '';
        if (!/ placed at /.test(said)) throw new Error(`the simulator said: ${said}`);
      },
      async focusedTabIs(recordId, timeout = STEP_MS) {
        await page.waitForFunction(
          (id) =>
            document
              .querySelector(`a[role="tab"][data-record-id="${id}"]`)
              ?.getAttribute('aria-selected') === 'true',
          recordId,
          { timeout },
        );
      },
    };
    agents.push(self);
    const query = new URLSearchParams({ agent: agentId });
    if (options.bridge === false) query.set('bridge', 'off');
    await step(`${agentId}'s page opens and ContactPad connects`, async () => {
      await page.goto(`${workbench!.url}?${query.toString()}`);
      await pad.locator('c-contact-pad-connection [data-id="badge"]').waitFor();
      await stateLabel.waitFor();
      // The simulator's pickers are filled once the workbench answered.
      await page.locator('[data-id="sim-service"] option').first().waitFor({ state: 'attached' });
    });
    if (options.ready !== false) await step(`${agentId} sets Ready`, () => self.setState('Ready'));
    return self;
  };

  const axe = async (target: AgentPage, when: string): Promise<void> => {
    const scan = await scanAxe(target.page);
    const report = scan.violations.map(
      (v) => `${v.impact ?? 'unknown'}: ${v.id} (${v.nodes.length}) ${v.help}`,
    );
    if (report.length > 0) {
      console.log(`axe on the page ${when}:${report.map((line) => `\n  ${line}`).join('')}`);
    }
    for (const v of scan.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') {
        blocking.push(`${when}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
  };

  const patchSettings = async (patch: unknown): Promise<unknown> => {
    const response = await fetch(`${workbench!.url}workbench/api/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
    if (!response.ok)
      throw new Error(`PATCH settings: ${response.status} ${await response.text()}`);
    return response.json();
  };

  return {
    wb: () => {
      if (workbench === null) throw new Error('the workbench is not started');
      return workbench;
    },
    agent,
    step,
    axe,
    blocking,
    patchSettings,
  };
}
