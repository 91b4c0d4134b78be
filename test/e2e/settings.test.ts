/**
 * End to end (B10, issue 6 point 4): system settings changed in the admin panel reach a connected
 * ContactPad live; the routing service restarted mid-session: ContactPad says it is reconnecting,
 * then reconnects by itself and works again.
 */
import { CUSTOMERS } from '../../src/workbench/fixtures';
import { join } from 'node:path';
import { RESULTS, applySettings, setFeature, useWorkbench } from './harness';

jest.setTimeout(45_000);

const e2e = useWorkbench();
const [maria, john] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

test('a settings change applied live: cross-media consult and multi-interaction routing turned off', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  await ann.place('chat', maria.key, 'support');
  await e2e.step('a chat can be consulted on (cross-media consult on)', async () => {
    await ann.entry(maria.name).click();
    expect(await ann.action('Consult').isDisabled()).toBe(false);
  });
  await e2e.step(
    'the admin panel turns cross-media consult off: Consult is refused at once',
    async () => {
      await setFeature(page, 'crossMediaConsult', false);
      await applySettings(page);
      await ann.pad.getByText('Cross-media consult is not enabled for your account.').waitFor();
      expect(await ann.action('Consult').isDisabled()).toBe(true);
    },
  );
  await e2e.step(
    'multi-interaction routing off: the panel shows one interaction, no list',
    async () => {
      await setFeature(page, 'multiInteraction', false);
      await applySettings(page);
      await ann.list.waitFor({ state: 'detached' });
      await ann.pad
        .locator('c-contact-pad-interaction-list .single', { hasText: maria.name })
        .waitFor();
    },
  );
  await e2e.axe(ann, 'after the settings changed');
});

test('the routing service restarted mid-session: ContactPad says it is reconnecting, then reconnects by itself', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page, pad } = ann;
  await ann.place('chat', john.key, 'support');
  await e2e.step('a chat arrives', () => ann.entry(john.name).waitFor());
  await e2e.step('the admin panel restarts the routing service (down 3 s)', async () => {
    await page.locator('#wb-down').fill('3');
    await page.getByRole('button', { name: 'Restart routing service' }).click();
  });
  await e2e.step('ContactPad says it is reconnecting', async () => {
    await pad
      .locator('c-contact-pad-connection [data-id="message"]', { hasText: /Reconnecting/ })
      .waitFor();
  });
  await page.screenshot({
    path: join(RESULTS, 'the routing service restarted (while reconnecting).png'),
  });
  await e2e.step('and reconnects by itself, showing the new service\u2019s state', async () => {
    await pad.locator('c-contact-pad-connection [data-id="badge"]').waitFor({ timeout: 20_000 });
    await ann.stateIs('Logged out'); // an in-memory service starts empty: the agent is seeded logged out
    await ann.entry(john.name).waitFor({ state: 'detached' });
  });
  await e2e.step('Ready again, work reaches Ann', async () => {
    await ann.setState('Ready');
    await ann.place('chat', maria.key, 'support');
    await ann.entry(maria.name).waitFor();
  });
  await e2e.axe(ann, 'after reconnecting');
});
