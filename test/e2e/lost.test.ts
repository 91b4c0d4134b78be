/**
 * End to end: ContactPad tells the truth when the routing service restarts with the in-memory
 * store (all routing state lost) while the agent holds two interactions. While it reconnects, the
 * interactions read "Not confirmed" and every action and presence button is disabled with the
 * reason; once the new service refuses the resume, a polite notice names the interactions that
 * ended and the agent's state now, and can be dismissed.
 */
import { join } from 'node:path';
import { CUSTOMERS } from '../../src/workbench/fixtures';
import { RESULTS, useWorkbench } from './harness';

jest.setTimeout(90_000);

const e2e = useWorkbench();
const [maria, john] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

test('the routing service restarted empty: Not confirmed while reconnecting, then which interactions ended', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page, pad } = ann;
  const presence = pad.locator('c-contact-pad-presence');
  const notice = pad.locator('c-contact-pad-lost-notice [role="status"]');

  await ann.place('chat', maria.key, 'support');
  await ann.place('case', john.key, 'support');
  await e2e.step('a chat and a case reach the list, Connected', async () => {
    await ann.entry(maria.name).waitFor();
    await ann.entry(john.name).waitFor();
    await ann.list
      .locator('.state', { hasText: /^Connected$/ })
      .nth(1)
      .waitFor();
    expect(await ann.action('Release').isDisabled()).toBe(false);
  });

  await e2e.step('the admin panel restarts the routing service (down 6 s)', async () => {
    await page.locator('#wb-down').fill('6');
    await page.getByRole('button', { name: 'Restart routing service' }).click();
  });
  await e2e.step(
    'while reconnecting: both read Not confirmed, the actions and presence are disabled with the reason',
    async () => {
      await pad
        .locator('c-contact-pad-connection [data-id="message"]', { hasText: /Reconnecting/ })
        .waitFor();
      await ann.list
        .locator('.state', { hasText: /^Not confirmed$/ })
        .nth(1)
        .waitFor();
      expect(await ann.list.locator('.elapsed').count()).toBe(0);
      for (const label of ['Release', 'Consult']) {
        expect(await ann.action(label).isDisabled()).toBe(true);
      }
      await pad
        .locator('c-contact-pad-actions')
        .getByText('Reconnecting to the routing service.')
        .waitFor();
      for (const label of ['Ready', 'Away', 'Logged out']) {
        expect(await presence.getByRole('button', { name: label, exact: true }).isDisabled()).toBe(
          true,
        );
      }
      await presence.getByText('Reconnecting to the routing service.').waitFor();
    },
  );
  await page.screenshot({
    path: join(RESULTS, 'the routing service restarted empty (while reconnecting).png'),
  });
  await e2e.axe(ann, 'while reconnecting');

  await e2e.step(
    'reconnected to the new service: the notice names both interactions and the state now',
    async () => {
      // Reconnects wait with capped backoff and full jitter (up to 8 s, then 16 s, after a 6 s
      // outage), so the new service may be reached well after it is back.
      await pad.locator('c-contact-pad-connection [data-id="badge"]').waitFor({ timeout: 40_000 });
      await notice
        .getByText(
          `2 interactions ended while ContactPad was disconnected: ${maria.name} (Chat), ${john.name} (Case)`,
        )
        .waitFor();
      await notice.getByText('You are Logged out.').waitFor();
      await ann.stateIs('Logged out');
      await ann.entry(maria.name).waitFor({ state: 'detached' });
      expect(await presence.getByRole('button', { name: 'Ready', exact: true }).isDisabled()).toBe(
        false,
      );
    },
  );
  await page.screenshot({
    path: join(RESULTS, 'the routing service restarted empty (the notice).png'),
  });
  await e2e.axe(ann, 'with the notice of what was lost');

  await e2e.step('Dismiss forgets the notice', async () => {
    await pad.locator('c-contact-pad-lost-notice').getByRole('button', { name: 'Dismiss' }).click();
    await notice.getByText(/interactions ended/).waitFor({ state: 'detached' });
  });
});
