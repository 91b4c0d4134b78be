/**
 * End to end (guide: "How do I finish working with an interaction"): Hold and Retrieve; the
 * release gate (nothing new is routed until every interaction is released) then Wrap (Auto), or
 * Logging the call with its Task saved on the record tab; a failed release, then Abandon.
 */
import { CUSTOMERS } from '../../src/workbench/fixtures';
import { applySettings, setFeature, useWorkbench } from './harness';

jest.setTimeout(50_000);

const e2e = useWorkbench();
const [maria, john, priya] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

test('Hold and Retrieve a call', async () => {
  const ann = await e2e.agent('ann-lee');
  await ann.place('voice', maria.key, 'billing');
  const call = ann.list.locator('[data-entry]').first();
  await e2e.step('the call is current', async () => {
    await call.click();
    await ann.action('Hold').waitFor();
  });
  await e2e.step('Hold puts it on hold; Retrieve is offered', async () => {
    await ann.action('Hold').click();
    await call.locator('.state', { hasText: 'On hold' }).waitFor();
    await ann.action('Retrieve').waitFor();
  });
  await e2e.axe(ann, 'with a call on hold');
  await e2e.step('Retrieve connects it again', async () => {
    await ann.action('Retrieve').click();
    await call.locator('.state', { hasText: 'Connected' }).waitFor();
    await ann.action('Hold').waitFor();
  });
});

test('the release gate holds new work until every interaction is released, then Wrap (Auto)', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  await e2e.step('the admin panel: call logging off, wrap time 3 s', async () => {
    await setFeature(page, 'callLogging', false);
    await page.locator('#wb-wrap').fill('3');
    await applySettings(page);
  });
  await ann.place('chat', maria.key, 'support');
  await ann.place('email', john.key, 'support');
  await e2e.step('both arrive', async () => {
    await ann.entry(maria.name).waitFor();
    await ann.entry(john.name).waitFor();
  });
  await e2e.step('releasing the chat', async () => {
    await ann.entry(maria.name).click();
    await ann.action('Release').click();
    await ann.entry(maria.name).waitFor({ state: 'detached' });
  });
  await ann.place('chat', priya.key, 'support');
  await e2e.step('a new chat waits although Ann has capacity left', async () => {
    await page
      .locator('[data-id="simulator"] li', { hasText: /Priya Shah · waiting at support/ })
      .waitFor();
    await page.waitForTimeout(1_000);
    expect(await ann.entry(priya.name).count()).toBe(0);
  });
  await e2e.step('releasing the last one: Wrap (Auto)', async () => {
    await ann.entry(john.name).click();
    await ann.action('Release').click();
    await ann.stateIs('Wrap (Auto)');
    await ann.pad.locator('c-contact-pad-presence [data-id="countdown"]').waitFor();
  });
  await e2e.axe(ann, 'in Wrap (Auto)');
  await e2e.step(
    'after the wrap time Ann is available and the waiting chat is routed to her',
    async () => {
      await ann.entry(priya.name).waitFor({ timeout: 8_000 });
    },
  );
});

/** Releases the current interaction, fills in the log, saves it; the Task must show on `recordId`'s tab. */
async function logTheCall(
  ann: Awaited<ReturnType<typeof e2e.agent>>,
  recordId: string,
  notes: string,
): Promise<void> {
  const { page } = ann;
  await e2e.step('Release: Logging the call', async () => {
    await ann.action('Release').click();
    await ann.stateIs('Logging the call');
  });
  const wrap = ann.pad.locator('c-contact-pad-wrap');
  await e2e.step('a disposition and notes', async () => {
    await wrap.getByRole('combobox', { name: 'Disposition' }).click();
    await wrap.getByRole('option', { name: 'Resolved' }).click();
    await wrap.getByRole('textbox', { name: 'Notes' }).fill(notes);
  });
  await e2e.axe(ann, 'Logging the call');
  await e2e.step('Save: the Task shows on the record tab, and Ann is available again', async () => {
    await wrap.getByRole('button', { name: 'Save' }).click();
    await ann.stateIs(/Ready|Wrap \(Auto\)/);
    await ann.focusedTabIs(recordId);
    const task = page.locator('section.slds-show [data-id="tasks"] li', { hasText: notes });
    await task.waitFor();
    await task.getByText(/Resolved/).waitFor();
  });
}

// During Wrap (Auto) the wrap component shows its own section with the "Ready now" button, and the
// agent can end the wrap early with it.
test('Wrap (Auto) offers "Ready now"', async () => {
  const ann = await e2e.agent('ann-lee');
  await setFeature(ann.page, 'callLogging', false);
  await ann.page.locator('#wb-wrap').fill('30');
  await applySettings(ann.page);
  await ann.place('chat', maria.key, 'support');
  await ann.entry(maria.name).click();
  await ann.action('Release').click();
  await ann.stateIs('Wrap (Auto)');
  await ann.pad.locator('c-contact-pad-wrap').getByRole('button', { name: 'Ready now' }).click();
  await ann.stateIs('Ready');
});

test('Logging the call: disposition and notes saved as a Task on the record tab', async () => {
  const ann = await e2e.agent('ann-lee');
  await ann.place('chat', priya.key, 'support');
  await e2e.step('the chat opens Priya Shah\u2019s record', async () => {
    await ann.entry(priya.name).click();
    await ann.focusedTabIs(priya.contactId);
  });
  await logTheCall(ann, priya.contactId, 'Wanted a copy of the contract.');
});

// A call carries the caller's number only; the bridge finds and pops the contact with
// searchAndScreenPop, and the call log saved afterwards is related to that contact, so the Task
// shows on the contact's tab the agent is looking at.
test('Logging a call identified by the search: the Task shows on the popped contact', async () => {
  const ann = await e2e.agent('ann-lee');
  await ann.place('voice', priya.key, 'billing');
  await e2e.step('the call opens Priya Shah\u2019s record through the search', async () => {
    await ann.list.locator('[data-entry]').first().click();
    await ann.focusedTabIs(priya.contactId);
  });
  await logTheCall(ann, priya.contactId, 'Asked for a call back.');
});

test('a failed release, then Abandon', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  await ann.place('chat', john.key, 'support');
  await e2e.step('the chat arrives', () => ann.entry(john.name).waitFor());
  await e2e.step('Abandon is not offered while Release works', async () => {
    await ann.entry(john.name).click();
    expect(await ann.action('Abandon').isDisabled()).toBe(true);
  });
  await e2e.step('the simulator makes its next release fail', async () => {
    await page
      .locator('[data-id="simulator"] li', { hasText: 'John Smith' })
      .getByRole('button', { name: 'Fail release' })
      .click();
    await page.locator('[data-id="sim-status"]', { hasText: 'will fail' }).waitFor();
  });
  await e2e.step('Release fails', async () => {
    await ann.action('Release').click();
    await ann.entry(john.name).locator('.state', { hasText: 'Release failed' }).waitFor();
  });
  await e2e.axe(ann, 'after a failed release');
  await e2e.step('Abandon drops it', async () => {
    await ann.action('Abandon').click();
    await ann.entry(john.name).waitFor({ state: 'detached' });
  });
});
