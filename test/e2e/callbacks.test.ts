/**
 * End to end, callbacks: a call that waits past its service's callback time reaches the agent as
 * a callback request (the caller's number, a Call back button), and Call back dials the number.
 */
import { CUSTOMERS } from '../../src/workbench/fixtures';
import { useWorkbench } from './harness';

jest.setTimeout(50_000);

const e2e = useWorkbench();
const [maria] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

test('a call that waited too long becomes a callback request; Call back dials the caller', async () => {
  const ann = await e2e.agent('ann-lee', { ready: false });
  await e2e.step('the admin sets Billing’s callback time to 2 s', async () => {
    const panel = ann.page.locator('[data-id="overflow"]');
    await panel.getByLabel('Service').selectOption('billing');
    await panel.getByLabel(/Calls become callback requests after/).fill('2');
    await panel.getByRole('button', { name: 'Set callback time' }).click();
    await panel
      .locator('[data-id="overflow-status"]', { hasText: 'become callback requests after 2 s' })
      .waitFor();
  });
  await ann.place('voice', maria.key, 'billing');
  await e2e.step('the call waits past the callback time while Ann is away', async () => {
    // The simulator lists it as a callback request once the 2 s have passed.
    await ann.page.locator('[data-id="simulator"] li[data-channel="callback"]').waitFor();
  });

  await e2e.step('Ann is Ready: the callback request reaches her, with Call back', async () => {
    // Ready only for a moment: the request reaches her at once (Busy).
    await ann.pad.locator('c-contact-pad-presence').getByRole('button', { name: 'Ready' }).click();
    await ann.list.locator('.channel', { hasText: 'Callback request' }).waitFor();
    await ann.list.locator('[data-entry]').first().click();
    await ann.action('Call back').waitFor();
  });
  await e2e.axe(ann, 'with a callback request');

  await e2e.step('Call back: the request becomes a call to the caller', async () => {
    await ann.action('Call back').click();
    await ann.list
      .locator('.channel', { hasText: 'Callback request' })
      .waitFor({ state: 'detached' });
    await ann.list.locator('.channel', { hasText: /^Call$/ }).waitFor();
    await ann.entry(/Maria Garcia|\+14155550101/).waitFor();
  });
});
