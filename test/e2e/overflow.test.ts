/**
 * End to end, overflow: the admin sets Support's waiting work to overflow to Billing after a few
 * seconds in the overflow panel (bad seconds refused there, before anything is sent); a chat for
 * Support that nobody can take waits in Support's queue, moves to Billing's queue when the time is
 * up, and reaches Cho (who serves Billing, not Support) once she becomes Ready.
 */
import { CUSTOMERS } from '../../src/workbench/fixtures';
import { useWorkbench } from './harness';

jest.setTimeout(50_000);

const e2e = useWorkbench();
const [, john] = CUSTOMERS;
const AFTER_SECONDS = 3;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

test('a chat waiting at Support overflows to Billing and reaches a Billing agent who becomes Ready', async () => {
  // Cho serves Sales, Billing and Returns; nobody signed in is Ready, so nothing is taken yet.
  const cho = await e2e.agent('cho-lee', { ready: false });
  const { page } = cho;
  const panel = page.locator('[data-id="overflow"]');
  const status = panel.locator('[data-id="overflow-status"]');
  const support = page.getByRole('list', { name: 'Waiting at Support' });
  const billing = page.getByRole('list', { name: 'Waiting at Billing' });

  await e2e.step('the queue view lists every service, none overflowing yet', async () => {
    const queues = page.locator('[data-id="queues"]');
    await queues.locator('[data-service-id="support"]', { hasText: 'Never overflows' }).waitFor();
    await queues.locator('[data-service-id="billing"]', { hasText: 'Nothing waiting' }).waitFor();
  });

  await e2e.step('seconds out of the schema limits are refused before sending', async () => {
    await panel.getByLabel('Service').selectOption('support');
    await panel.getByLabel('Overflows to').selectOption('billing');
    await panel.getByLabel('Overflow after (seconds)').fill('0');
    await panel.getByRole('button', { name: 'Set overflow' }).click();
    await status
      .filter({
        hasText: 'Overflow refused: Overflow after (seconds) must be from 1 to 86400.',
      })
      .waitFor();
    await page.locator('[data-service-id="support"]', { hasText: 'Never overflows' }).waitFor();
  });

  await e2e.step(
    `the admin sets Support to overflow to Billing after ${AFTER_SECONDS} s`,
    async () => {
      await panel.getByLabel('Overflow after (seconds)').fill(String(AFTER_SECONDS));
      await panel.getByRole('button', { name: 'Set overflow' }).click();
      await status
        .filter({
          hasText: `Overflow set: Support's waiting work moves to Billing after ${AFTER_SECONDS} s.`,
        })
        .waitFor();
      await page
        .locator('[data-service-id="support"]', {
          hasText: `Overflows to Billing after ${AFTER_SECONDS} s`,
        })
        .waitFor();
    },
  );

  const placedAt = Date.now();
  await cho.place('chat', john.key, 'support');
  await e2e.step('the chat waits in Support’s queue, its wait counting', async () => {
    await support.getByText(/chat · John Smith · waited \d+ s/).waitFor();
    expect(await billing.getByRole('listitem').count()).toBe(0);
  });
  await e2e.axe(cho, 'with a chat waiting at Support');

  await e2e.step('after the overflow time it is in Billing’s queue, keeping its age', async () => {
    await billing.getByText(/chat · John Smith · waited \d+ s/).waitFor();
    expect(Date.now() - placedAt).toBeGreaterThanOrEqual(AFTER_SECONDS * 1000 - 500);
    await support.getByRole('listitem').first().waitFor({ state: 'detached' });
    const waited = /waited (\d+) s/.exec((await billing.getByRole('listitem').textContent()) ?? '');
    expect(Number(waited?.[1])).toBeGreaterThanOrEqual(AFTER_SECONDS - 1);
    // The simulator's list says where the contact is now.
    await page.locator('[data-id="simulator"] li', { hasText: 'waiting at billing' }).waitFor();
  });
  await e2e.axe(cho, 'after the chat overflowed to Billing');

  await e2e.step('Cho (Billing) becomes Ready and gets the chat; the queues empty', async () => {
    // Ready lasts a moment: the chat comes at once and she is Busy with it.
    await cho.pad
      .locator('c-contact-pad-presence')
      .getByRole('button', { name: 'Ready', exact: true })
      .click();
    await cho.entry('John Smith').waitFor();
    await cho.stateIs('Busy');
    await billing.getByRole('listitem').first().waitFor({ state: 'detached' });
    await page.locator('[data-service-id="billing"]', { hasText: 'Nothing waiting' }).waitFor();
  });
});
