/**
 * End to end: the workbench page in Debian's headless Chromium (playwright-core, no downloaded
 * browser), hosting the real ContactPad components against the real routing service, all on
 * loopback with free ports. One agent signs in, goes Ready, takes a chat placed through the
 * customer simulator, opens its record tab by selecting it, and releases it. A screenshot goes to
 * test-results/, and axe scans ContactPad's markup.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import pino from 'pino';
import { CUSTOMERS } from '../../src/workbench/fixtures';
import type { RunningWorkbench } from '../../src/workbench/server';
import { startWorkbench } from '../../src/workbench/server';
import { ensureDebianPackage } from '../support/debianPackage';
import { scanAxe } from './axe';
import { buildPage, CHROMIUM, CHROMIUM_ARGS, RESULTS, STEP_MS } from './harness';

jest.setTimeout(60_000);

let workbench: RunningWorkbench | null = null;
let context: BrowserContext | null = null;
let userDataDir: string | null = null;
const problems: string[] = [];

beforeAll(async () => {
  await ensureDebianPackage('chromium', CHROMIUM);
  mkdirSync(RESULTS, { recursive: true });
  // The page as the current sources build it (~10 s, once for every e2e file), apart from dist/workbench.
  const distDir = await buildPage();
  workbench = await startWorkbench({
    host: '127.0.0.1',
    routingPort: 0,
    port: 0,
    distDir,
    logger: pino({ level: 'silent' }),
  });
  userDataDir = mkdtempSync(join(tmpdir(), 'contactpad-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    timeout: 20_000,
  });
}, 50_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await workbench?.stop();
  if (userDataDir !== null) rmSync(userDataDir, { recursive: true, force: true });
});

/** Fails with what the page said when a step does not happen. */
async function step<T>(page: Page, what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    await page.screenshot({ path: join(RESULTS, 'workbench-smoke-failed.png') }).catch(() => {});
    const said = problems.length === 0 ? '' : `\npage problems:\n  ${problems.join('\n  ')}`;
    throw new Error(`${what}: ${(error as Error).message}${said}`);
  }
}

/** Serious and critical axe violations inside ContactPad's own markup; the rest are only reported. */
const blocking: string[] = [];

async function axeScan(page: Page, when: string): Promise<void> {
  const scan = await scanAxe(page, 'c-contact-pad');
  const report = scan.violations.map(
    (v) => `${v.impact ?? 'unknown'}: ${v.id} (${v.nodes.length}) ${v.help}`,
  );
  console.log(
    `axe on c-contact-pad ${when}: ${scan.passes.length} rules passed, ${report.length} violated` +
      report.map((line) => `\n  ${line}`).join(''),
  );
  for (const v of scan.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      blocking.push(`${when}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
}

test('an agent takes a chat from the simulator, opens its record and releases it', async () => {
  const page: Page = await context!.newPage();
  page.setDefaultTimeout(STEP_MS);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(`${workbench!.url}?agent=ann-lee`);

  const pad = page.locator('c-contact-pad');
  await step(page, 'ContactPad connects', async () => {
    await pad.locator('c-contact-pad-connection [data-id="badge"]').waitFor();
    await pad.locator('c-contact-pad-presence [data-id="state-label"]').waitFor();
  });

  await step(page, 'the agent sets Ready', async () => {
    await pad.locator('c-contact-pad-presence button[data-state="ready"]').click();
    // Synthetic shadow hides component internals from document.querySelector: use locators.
    await pad
      .locator('c-contact-pad-presence [data-id="state-label"]', { hasText: /^\s*Ready\s*$/ })
      .waitFor();
  });

  const maria = CUSTOMERS[0];
  const interactions = pad.getByRole('list', { name: 'Interactions' });
  await step(
    page,
    'a chat placed through the simulator reaches the list "Interactions"',
    async () => {
      await page.locator('[data-id="sim-customer"]').selectOption(maria.key);
      await page.locator('[data-id="simulator"] button[data-channel="chat"]').click();
      await interactions.getByText(maria.name).waitFor();
    },
  );

  const tab = page.locator(`a[role="tab"][data-record-id="${maria.contactId}"]`);
  await step(page, 'selecting it opens the related record tab', async () => {
    await interactions.locator('[data-entry]', { hasText: maria.name }).click();
    await tab.waitFor();
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`a[role="tab"][data-record-id="${id}"]`)
          ?.getAttribute('aria-selected') === 'true',
      maria.contactId,
    );
    await page
      .locator('section.slds-show [data-id="record-title"]', { hasText: maria.name })
      .waitFor();
  });

  // Before Release, while the panel shows an interaction and its actions.
  await page.screenshot({ path: join(RESULTS, 'workbench-smoke.png') });
  await axeScan(page, 'with an interaction');

  await step(page, 'Release removes it', async () => {
    await pad.locator('c-contact-pad-actions button[data-action="release"]').click();
    await interactions
      .locator('[data-entry]', { hasText: maria.name })
      .waitFor({ state: 'detached' });
  });

  await step(page, 'Logging the call saves a Task on the record (through the bridge)', async () => {
    await pad.locator('c-contact-pad-wrap textarea').fill('Asked about her router.');
    await pad.locator('c-contact-pad-wrap button[data-command="save"]').click();
    await page
      .locator('section.slds-show [data-id="tasks"] li', { hasText: 'Asked about her router.' })
      .waitFor();
  });
  await page.screenshot({ path: join(RESULTS, 'workbench-smoke-released.png') });
  await axeScan(page, 'after the log was saved');

  expect(blocking).toEqual([]);
  expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
});
