/**
 * End to end: the Consult | Transfer directory as a console modal, in a 1280 x 720 console and
 * with the keyboard alone (guide: "How do I consult with a third party", "How do I transfer a
 * non-live interaction"): its size and the rows it shows, the highlighted row always in view,
 * Return (or a click) selecting and then Return or Dial (Transfer) connecting, where focus goes
 * when it closes, services nobody can take a consult in, errors in words, what a screen reader
 * hears, and the consult countdown.
 */
import type { Locator, Page } from 'playwright-core';
import type { AgentPage } from './harness';
import { useWorkbench } from './harness';
import { ServiceAdmin } from '../../src/routing/serviceAdmin';
import { DEMO_ACCOUNT } from '../../src/routing/demo';
import { CUSTOMERS } from '../../src/workbench/fixtures';

jest.setTimeout(60_000);

const e2e = useWorkbench();
const [maria, john] = CUSTOMERS;
const NUMBER = '+15550100200';

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

/** The console the directory must fit. */
const CONSOLE = { width: 1280, height: 720 };

/** What has focus, through shadow roots: its role or tag, then its text or label. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (active === null || active === document.body) return 'body';
    const role = active.getAttribute('role') ?? active.tagName.toLowerCase();
    const name = active.getAttribute('aria-label') ?? active.textContent ?? '';
    return `${role} ${name.replace(/\s+/g, ' ').trim()}`;
  });
}

/** Whether focus is inside the element matched by `selector` (through shadow roots). */
async function focusWithin(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((within) => {
    let active: Element | null = document.activeElement;
    const path: Element[] = [];
    while (active) {
      path.push(active);
      active = active.shadowRoot?.activeElement ?? null;
    }
    return path.some((element) => element.closest(within) !== null);
  }, selector);
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (found === null) throw new Error('not rendered');
  return found;
}

type Box = Awaited<ReturnType<typeof box>>;
const inside = (inner: Box, outer: Box) =>
  inner.y >= outer.y - 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5 &&
  inner.x >= outer.x - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5;

/** Presses Tab until focus is on what `isThere` recognises (at most `max` times). */
async function tabTo(page: Page, isThere: (what: string) => boolean, max = 80): Promise<string> {
  for (let n = 0; n < max; n++) {
    await page.keyboard.press('Tab');
    const what = await focused(page);
    if (isThere(what)) return what;
  }
  throw new Error(`Tab never reached it; focus is on ${await focused(page)}`);
}

/** Waits until `read()` gives what is wanted (toBe: equal; toMatch: matches), else fails saying what it gave. */
async function eventually<T>(
  read: () => Promise<T>,
  how: 'toBe' | 'toMatch',
  wanted: T | RegExp,
  timeout = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let got = await read();
  const ok = () =>
    how === 'toBe' ? got === wanted : wanted instanceof RegExp && wanted.test(String(got));
  while (!ok() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    got = await read();
  }
  if (how === 'toBe') expect(got).toBe(wanted);
  else expect(String(got)).toMatch(wanted as RegExp);
}

/** The highlighted option (the combobox's active descendant), as the agent sees it. */
function highlighted(ann: AgentPage): Locator {
  return ann.directory.locator('[role="option"].slds-has-focus');
}

/** Ann takes a call from Maria (billing) and it is current. */
async function takeCall(ann: AgentPage): Promise<void> {
  await ann.place('voice', maria.key, 'billing');
  await e2e.step('the call arrives and is current', async () => {
    await ann.list.locator('[data-entry]').first().click();
    await ann.action('Consult').waitFor();
  });
}

async function openConsult(ann: AgentPage): Promise<void> {
  await e2e.step('Consult opens the directory', async () => {
    await ann.action('Consult').click();
    await ann.search.waitFor();
  });
}

test('in a 1280 x 720 console the directory is a modal over the console showing at least 10 rows, the highlighted one always in view', async () => {
  const ann = await e2e.agent('ann-lee');
  await ann.page.setViewportSize(CONSOLE);
  await takeCall(ann);
  await openConsult(ann);
  const panel = await box(ann.pad);
  const container = ann.page.locator('.slds-modal__container');
  const body = ann.page.locator('.slds-modal__content');
  const listbox = ann.directory.getByRole('listbox');
  const measure = async (mode: string) => {
    const dialog = await box(container);
    const list = await box(listbox);
    const content = await box(body);
    const options = await ann.directory.getByRole('option').all();
    let shown = 0;
    for (const option of options) {
      const row = await option.boundingBox();
      if (row !== null && inside(row, list) && inside(row, content)) shown += 1;
    }
    console.log(
      `${mode}: dialog ${dialog.width}x${dialog.height} at ${dialog.x},${dialog.y}; ` +
        `listbox ${list.width}x${list.height} at ${list.y}; body ${content.y}-${content.y + content.height}; ` +
        `${shown} rows in full view; ContactPad panel ${panel.width} px wide`,
    );
    expect(dialog.width).toBeGreaterThan(panel.width);
    expect(dialog.x + dialog.width).toBeLessThanOrEqual(CONSOLE.width);
    expect(inside(list, content)).toBe(true);
    expect(list.y + list.height).toBeLessThanOrEqual(CONSOLE.height);
    expect(shown).toBeGreaterThanOrEqual(10);
  };
  await e2e.step('Consult: at least 10 rows in full view', () => measure('Consult'));
  await e2e.step('Transfer: the same', async () => {
    await ann.directory.locator('label', { hasText: 'Transfer' }).click();
    await ann.directory.getByRole('radio', { name: 'Transfer' }).isChecked();
    await measure('Transfer');
    await ann.directory.locator('label', { hasText: 'Consult' }).click();
  });
  await e2e.step('ArrowDown 25 times: the highlighted row is always in full view', async () => {
    await ann.search.focus();
    for (let n = 0; n < 25; n++) {
      await ann.search.press('ArrowDown');
      const row = await box(highlighted(ann));
      const list = await box(listbox);
      if (!inside(row, list)) throw new Error(`after ${n + 1} ArrowDown the row is out of view`);
    }
    await ann.search.press('End');
    expect(inside(await box(highlighted(ann)), await box(listbox))).toBe(true);
    await ann.search.press('Home');
    expect(inside(await box(highlighted(ann)), await box(listbox))).toBe(true);
  });
  await e2e.axe(ann, 'with the directory open in a 1280 x 720 console');
});

test('the whole consult flow with the keyboard alone: Return selects, Return dials, focus on the ringing consult’s Cancel', async () => {
  const ann = await e2e.agent('ann-lee');
  const bob = await e2e.agent('bob-lee');
  await ann.page.setViewportSize(CONSOLE);
  const { page } = ann;
  await ann.place('voice', maria.key, 'billing');
  await e2e.step(
    'Tab reaches the call in the interaction list; Return makes it current',
    async () => {
      await ann.list.locator('[data-entry]').first().waitFor();
      await page.locator('body').focus();
      await tabTo(page, (what) => what.startsWith('button') && /Call/.test(what));
      await page.keyboard.press('Enter');
      await ann.action('Consult').waitFor();
    },
  );
  await e2e.step(
    'Tab reaches Consult; Return opens the directory with focus in Search',
    async () => {
      await tabTo(page, (what) => what === 'button Consult');
      await page.keyboard.press('Enter');
      await ann.search.waitFor();
      await eventually(() => focused(page), 'toMatch', /^combobox/);
    },
  );
  await e2e.step('typing part of a name, then the arrows highlight Bob Lee', async () => {
    await page.keyboard.type('Lee');
    for (let n = 0; n < 10; n++) {
      if (
        (await highlighted(ann).count()) > 0 &&
        /Bob Lee/.test((await highlighted(ann).textContent()) ?? '')
      )
        break;
      await page.keyboard.press('ArrowDown');
    }
    await eventually(async () => highlighted(ann).textContent(), 'toMatch', /Bob Lee/);
    expect(await ann.directory.getByRole('button', { name: 'Dial' }).isDisabled()).toBe(true);
  });
  await e2e.step('Return selects Bob Lee: the directory stays open and says so', async () => {
    await page.keyboard.press('Enter');
    await ann.directory.getByText('Bob Lee selected').waitFor();
    await ann.directory
      .locator('[role="option"][aria-selected="true"]', { hasText: 'Bob Lee' })
      .waitFor();
    expect(await ann.directory.getByRole('button', { name: 'Dial' }).isEnabled()).toBe(true);
  });
  await e2e.axe(ann, 'with Bob Lee selected in the directory');
  await e2e.step(
    'Return again dials: the directory closes, focus is on the ringing consult’s Cancel',
    async () => {
      await page.keyboard.press('Enter');
      await ann.directory.waitFor({ state: 'detached' });
      await ann.pad.getByText('Ringing Bob Lee').waitFor();
      await eventually(() => focused(page), 'toBe', 'button Cancel');
      expect(await focusWithin(page, 'c-contact-pad-consult')).toBe(true);
    },
  );
  await e2e.step('Bob accepts; connected', async () => {
    await bob.pad.locator('c-contact-pad-consult').getByRole('button', { name: 'Accept' }).click();
    await ann.pad.getByText('Connected to Bob Lee').waitFor();
  });
  await e2e.axe(ann, 'with the consult connected');
});

test('Escape and Cancel give focus back to Consult; a click selects and Dial connects, focus then on the consult’s Cancel', async () => {
  const ann = await e2e.agent('ann-lee');
  await e2e.agent('bob-lee');
  const { page } = ann;
  await takeCall(ann);
  await openConsult(ann);
  await e2e.step('Escape closes it and focus is back on Consult', async () => {
    await page.keyboard.press('Escape');
    await ann.directory.waitFor({ state: 'detached' });
    await eventually(() => focused(page), 'toBe', 'button Consult');
  });
  await openConsult(ann);
  await e2e.step('Cancel closes it and focus is back on Consult', async () => {
    await ann.directory.getByRole('button', { name: 'Cancel', exact: true }).click();
    await ann.directory.waitFor({ state: 'detached' });
    await eventually(() => focused(page), 'toBe', 'button Consult');
  });
  await openConsult(ann);
  await e2e.step('a click selects Bob Lee without dialling; Dial connects', async () => {
    await ann.search.fill('Bob Lee');
    await ann.search.fill('Bob L');
    await ann.option(/^Bob Lee/).click();
    await ann.directory.getByText('Bob Lee selected').waitFor();
    expect(await ann.directory.count()).toBe(1);
    await ann.directory.getByRole('button', { name: 'Dial' }).click();
    await ann.directory.waitFor({ state: 'detached' });
    await ann.pad.getByText('Ringing Bob Lee').waitFor();
    await eventually(() => focused(page), 'toBe', 'button Cancel');
  });
  await e2e.step('Return on Cancel cancels the consult', async () => {
    await page.keyboard.press('Enter');
    await ann.pad.getByText(/cancelled/i).waitFor();
  });
});

test('after Transfer takes the e-mail away, focus is on the interaction list, not lost', async () => {
  const ann = await e2e.agent('ann-lee');
  await e2e.agent('bob-lee');
  const { page } = ann;
  await ann.place('chat', maria.key, 'billing');
  await ann.place('email', john.key, 'billing');
  await e2e.step('the e-mail is current; Transfer opens the directory', async () => {
    await ann.entry(/E-mail/).click();
    await ann.action('Transfer').click();
    await ann.search.waitFor();
  });
  await e2e.step(
    'Bob Lee typed whole is selected; Transfer moves the e-mail; focus is on the list',
    async () => {
      await ann.search.fill('Bob Lee');
      await ann.directory.getByText('Bob Lee selected').waitFor();
      await ann.directory.getByRole('button', { name: 'Transfer', exact: true }).click();
      await ann.directory.waitFor({ state: 'detached' });
      await ann.entry(/E-mail/).waitFor({ state: 'detached' });
      await eventually(() => focusWithin(page, 'c-contact-pad-interaction-list'), 'toBe', true);
      console.log(`focus after the transfer: ${await focused(page)}`);
    },
  );
});

test('a service nobody can take a consult in is listed but cannot be chosen, and says why; errors read as words with the code apart', async () => {
  const ann = await e2e.agent('ann-lee');
  await e2e.agent('bob-lee');
  await new ServiceAdmin(e2e.wb().routing.routing).createService(
    DEMO_ACCOUNT,
    'quality',
    'Quality',
  );
  await takeCall(ann);
  await openConsult(ann);
  await e2e.step('Quality (nobody in it) cannot be chosen, with the reason', async () => {
    await ann.search.fill('Quality');
    const quality = ann.option(/^Quality/);
    expect(await quality.getAttribute('aria-disabled')).toBe('true');
    await quality.getByText('Nobody in this service can take a consult now').waitFor();
    await ann.search.press('ArrowDown');
    expect(await highlighted(ann).count()).toBe(0);
    expect(await ann.directory.getByRole('button', { name: 'Dial' }).isDisabled()).toBe(true);
  });
  await e2e.step('Sales (someone Available now in it) can', async () => {
    await ann.search.fill('Sales');
    expect(await ann.option(/^Sales/).getAttribute('aria-disabled')).toBeNull();
  });
  await e2e.step(
    'Bob Lee selected, then the routing service goes away: Dial fails in words',
    async () => {
      await ann.search.fill('Bob Lee');
      await ann.directory.getByText('Bob Lee selected').waitFor();
      const restarted = e2e.wb().restartRouting(4_000);
      await ann.pad.locator('c-contact-pad-connection', { hasText: /Reconnecting/i }).waitFor();
      await ann.directory.getByRole('button', { name: 'Dial' }).click();
      const text = ann.pad.locator('[data-id="error-text"]');
      await text.waitFor();
      const said = (await text.textContent())?.trim() ?? '';
      const detail = (await ann.pad.locator('[data-id="error-code"]').textContent())?.trim() ?? '';
      console.log(`the alert: "${said}" / "${detail}"`);
      expect(said).toMatch(/^[A-Z].*\.$/);
      expect(said).not.toMatch(/\(|unavailable|[a-z]-[a-z]+\)/);
      expect(detail).toBe('Code for support: unavailable');
      await restarted;
    },
  );
});

test('a screen reader hears name, channel, state and time apart, and a directory row as name, kind, state', async () => {
  const ann = await e2e.agent('ann-lee');
  await e2e.agent('bob-lee');
  await takeCall(ann);
  await e2e.step('the call entry reads its parts apart', async () => {
    const snapshot = await ann.list.locator('[data-entry]').first().ariaSnapshot();
    console.log(snapshot);
    // Chrome puts a space round the hidden commas; each part still reads on its own.
    expect(snapshot).toMatch(/Call ?, Connected ?, Elapsed \d+:\d\d/);
  });
  await openConsult(ann);
  await e2e.step('a directory row reads name, kind and state apart', async () => {
    await ann.search.fill('Bob Lee');
    const snapshot = await ann.directory.getByRole('listbox').ariaSnapshot();
    console.log(snapshot);
    expect(snapshot).toMatch(/option "Bob Lee ?, Agent ?, Available now"/);
  });
});

test('the consult countdown never shows more than the consult timeout', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  await e2e.step('the consult timeout is 6 s; the number never answers', async () => {
    const admin = page.locator('[data-id="admin"]');
    await admin.getByLabel('Consult timeout (seconds)').fill('6');
    await admin.getByRole('button', { name: 'Apply settings' }).click();
    await admin.getByText('Settings applied').waitFor();
    await page.locator('#wb-number').fill(NUMBER);
    await page.locator('#wb-number-answer').selectOption('never');
    await page.getByRole('button', { name: 'Set number' }).click();
    await page.locator('[data-id="number-status"]', { hasText: 'never answers' }).waitFor();
  });
  await takeCall(ann);
  await openConsult(ann);
  await e2e.step('dial the number; every second shown is at most 6', async () => {
    await ann.search.fill(NUMBER);
    // Watch the countdown from before it appears, so its first value is seen.
    const seen = page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const values: string[] = [];
          const read = () => {
            const pad = document.querySelector('c-contact-pad');
            const consult = pad?.shadowRoot?.querySelector('c-contact-pad-consult');
            const left = consult?.shadowRoot?.querySelector('.time-left')?.textContent?.trim();
            if (left && values.at(-1) !== left) values.push(left);
            if (values.length > 0 && !left) resolve(values);
            else requestAnimationFrame(read);
          };
          read();
          setTimeout(() => resolve(values), 15_000);
        }),
    );
    await ann.search.press('Enter');
    await ann.pad.getByText(/did not answer in time/).waitFor({ timeout: 12_000 });
    const values = await seen;
    console.log(`countdown: ${values.join(', ')}`);
    expect(values.length).toBeGreaterThan(2);
    expect(values[0]).toMatch(/^[56] s left$/);
    for (const value of values) expect(Number.parseInt(value, 10)).toBeLessThanOrEqual(6);
  });
});
