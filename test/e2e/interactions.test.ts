/**
 * End to end (guide: multi-interaction routing, opening the related record, click-to-dial):
 * several interactions of every kind in the list, each opening or focusing its record tab,
 * swapping between them swapping tabs, an unknown caller getting the search pop, the Workspace
 * path with the bridge off, and a click on a phone number in a record tab starting a call.
 */
import { CASE_IDS, CUSTOMERS } from '../../src/workbench/fixtures';
import { useWorkbench } from './harness';

jest.setTimeout(45_000);

const e2e = useWorkbench();
const [maria, john, priya] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

test('several interactions of every kind: selecting one opens or focuses its record tab, swapping swaps tabs', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;

  await e2e.step('the admin panel makes room for a call beside the rest (weights)', async () => {
    const admin = page.locator('[data-id="admin"]');
    await admin.getByLabel('Live weight', { exact: true }).fill('51');
    await admin.getByLabel('Semi-live weight').fill('10');
    await admin.getByLabel('Non-live weight').fill('10');
    await admin.getByRole('button', { name: 'Apply settings' }).click();
    await admin.getByText('Settings applied').waitFor();
  });

  await e2e.step('a call, chats, an e-mail and a case all reach the list', async () => {
    await ann.place('voice', maria.key, 'support');
    await ann.place('chat', john.key, 'support');
    await ann.place('email', priya.key, 'billing');
    await ann.place('case', maria.key, 'billing');
    await ann.place('chat', priya.key, 'support');
    await ann.list.locator('[data-entry]').nth(4).waitFor();
    expect(await ann.list.locator('[data-entry]').count()).toBe(5);
    await ann.entry('John Smith').waitFor();
    for (const channel of ['Call', 'Chat', 'E-mail', 'Case']) {
      await ann.list
        .locator('.channel', { hasText: new RegExp(`^${channel}$`) })
        .first()
        .waitFor();
    }
  });

  await e2e.step('selecting the chat opens John Smith\u2019s record tab', async () => {
    await ann.entry('John Smith').click();
    await ann.focusedTabIs(john.contactId);
    await page
      .locator('section.slds-show [data-id="record-title"]', { hasText: john.name })
      .waitFor();
  });

  await e2e.step('selecting the case opens the case tab', async () => {
    await ann.list
      .locator('[data-entry]', { has: page.locator('.channel', { hasText: /^Case$/ }) })
      .click();
    await ann.focusedTabIs(CASE_IDS[0]);
  });

  await e2e.step('selecting the e-mail opens Priya Shah\u2019s tab', async () => {
    await ann.list
      .locator('[data-entry]', { has: page.locator('.channel', { hasText: /^E-mail$/ }) })
      .click();
    await ann.focusedTabIs(priya.contactId);
  });

  await e2e.step('swapping back to the chat focuses the tab already open', async () => {
    const tabsBefore = await page.locator('a[role="tab"]').count();
    await ann.entry('John Smith').click();
    await ann.focusedTabIs(john.contactId);
    expect(await page.locator('a[role="tab"]').count()).toBe(tabsBefore);
    await ann.entry('John Smith').and(ann.list.locator('[aria-current]')).waitFor();
  });

  await e2e.step(
    'the call (a number only) opens Maria Garcia\u2019s contact through the search',
    async () => {
      await ann.list
        .locator('[data-entry]', { has: page.locator('.channel', { hasText: /^Call$/ }) })
        .click();
      await ann.focusedTabIs(maria.contactId);
    },
  );
  await e2e.axe(ann, 'with five interactions');
});

test('an unknown caller (a video call) gets the search pop', async () => {
  const ann = await e2e.agent('ann-lee');
  // A video call: live like a call, and it carries the number only too.
  await ann.place('video', 'unknown', 'support');
  const call = ann.list.locator('[data-entry]').first();
  await e2e.step('the video call arrives', async () => {
    await call.waitFor();
    await call.locator('.channel', { hasText: 'Video call' }).waitFor();
  });
  await e2e.step('selecting it pops the search page for the number', async () => {
    await call.click();
    const tab = ann.page.locator('a[role="tab"][data-search="+14155550199"]');
    await tab.waitFor();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    await ann.page.locator('section.slds-show [data-id="search-none"]').waitFor();
  });
  await e2e.axe(ann, 'after the search pop');
});

test('with the bridge off, the Workspace API path still opens and swaps tabs', async () => {
  const ann = await e2e.agent('ann-lee', { bridge: false });
  await ann.page.getByText('No bridge (Workspace API)').waitFor();
  await ann.place('chat', maria.key, 'support');
  await ann.place('case', john.key, 'billing');
  await e2e.step('both arrive', () => ann.list.locator('[data-entry]').nth(1).waitFor());
  await e2e.step('the chat opens Maria Garcia\u2019s tab', async () => {
    await ann.entry('Maria Garcia').click();
    await ann.focusedTabIs(maria.contactId);
  });
  await e2e.step('the case opens its case tab', async () => {
    await ann.entry('John Smith').click();
    await ann.focusedTabIs(CASE_IDS[1]);
  });
  await e2e.step('back to the chat', async () => {
    await ann.entry('Maria Garcia').click();
    await ann.focusedTabIs(maria.contactId);
  });
  await e2e.axe(ann, 'bridge off');
});

test('a click on a phone number in a record tab starts an outbound call (click-to-dial)', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  await e2e.step('the record opens from Home', async () => {
    await page.getByRole('link', { name: priya.name, exact: true }).click();
    await ann.focusedTabIs(priya.contactId);
  });
  await e2e.step(
    'the phone number is a click-to-dial link and dials through the bridge',
    async () => {
      // The ContactPad utility panel covers the field: minimise it, as an agent would.
      const panel = page.locator('[data-utility-panel="utility-contactpad"]');
      await panel.getByRole('button', { name: 'Minimize' }).click();
      await panel.waitFor({ state: 'hidden' });
      const link = page.locator(`section.slds-show a[data-click-to-dial="${priya.phone}"]`);
      await link.click();
      // A call opens the ContactPad item by itself.
      await panel.waitFor();
      await ann.list.locator('[data-entry]').first().waitFor();
      await ann.list
        .locator('.state', { hasText: /Ringing|Connected/ })
        .first()
        .waitFor();
    },
  );
  await e2e.step('the number answers (the simulator, after 2 s): connected', async () => {
    await ann.list.locator('.state', { hasText: 'Connected' }).first().waitFor();
  });
  await e2e.axe(ann, 'during the outbound call');
});

// An outbound call lists the dialling agent once among its agents (the simulator panel reads
// "with ann-lee", not "with ann-lee, ann-lee").
test('an outbound call is held by its agent once', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  await page.getByRole('link', { name: priya.name, exact: true }).click();
  const panel = page.locator('[data-utility-panel="utility-contactpad"]');
  await panel.getByRole('button', { name: 'Minimize' }).click();
  await page.locator(`section.slds-show a[data-click-to-dial="${priya.phone}"]`).click();
  const row = page.locator('[data-id="simulator"] li', { hasText: priya.phone });
  await row.waitFor();
  expect(await row.locator('p').textContent()).toMatch(/with ann-lee$/);
});
