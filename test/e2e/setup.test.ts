/**
 * End to end, the Setup page (issue 16): the navigation bar's Setup item shows the real
 * c-contact-pad-setup, through the ContactPadSetupController stand-ins and the routing service's
 * admin API. A service is created; a Salesforce user found with the keyboard alone is made an
 * agent and appears in a signed-in agent's Consult directory; a setting saved on the page reaches
 * a signed-in agent's ContactPad live, and a setting out of its limits is refused next to the
 * field; a service agents serve is not removed, and the page says why.
 */
import type { Locator } from 'playwright-core';
import { CUSTOMERS } from '../../src/workbench/fixtures';
import type { AgentPage } from './harness';
import { useWorkbench } from './harness';

jest.setTimeout(120_000);

const e2e = useWorkbench();
const [maria] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

/** Opens the Setup page from the navigation bar and waits until it has read the account. */
async function openSetup(person: AgentPage): Promise<Locator> {
  await person.page
    .getByRole('navigation', { name: 'Navigation' })
    .getByRole('link', { name: 'Setup' })
    .click();
  const setup = person.page.locator('c-contact-pad-setup');
  await setup.getByRole('heading', { name: 'ContactPad Setup', level: 1 }).waitFor();
  await setup.getByRole('row', { name: /Sales/ }).first().waitFor();
  await setup.getByRole('button', { name: 'Save settings' }).waitFor();
  return setup;
}

/** A chat from Maria is Ann's current interaction. */
async function chatArrives(ann: AgentPage): Promise<void> {
  await ann.place('chat', maria.key, 'support');
  await e2e.step('the chat arrives and is current', async () => {
    await ann.entry(maria.name).click();
    await ann.action('Consult').waitFor();
  });
}

test('a service created, a Salesforce user made an agent with the keyboard alone, then found in the directory', async () => {
  const dev = await e2e.agent('dev-lee', { ready: false });
  const setup = await openSetup(dev);
  const services = setup.locator('c-contact-pad-setup-services');
  const agents = setup.locator('c-contact-pad-setup-agents');

  await e2e.step('Create service makes Premium Care', async () => {
    await services.getByLabel('Service name').fill('Premium Care');
    await services.getByRole('button', { name: 'Create service' }).click();
    await services.getByRole('status').filter({ hasText: 'Premium Care created.' }).waitFor();
    await services.getByRole('rowheader', { name: 'Premium Care' }).waitFor();
  });

  await e2e.step(
    'the user search finds Kim Novak; the arrow keys and Return choose her',
    async () => {
      const search = agents.getByRole('combobox', { name: 'Find a Salesforce user' });
      await search.fill('kim');
      const listbox = agents.getByRole('listbox', { name: 'Salesforce users' });
      await listbox.getByRole('option', { name: /Kim Novak/ }).waitFor();
      expect(await search.getAttribute('aria-expanded')).toBe('true');
      await search.press('ArrowDown');
      const active = await search.getAttribute('aria-activedescendant');
      expect(
        await listbox.locator('[role="option"][aria-selected="true"]').getAttribute('id'),
      ).toBe(active);
      await search.press('Enter');
      await agents.getByRole('heading', { name: 'Agent Kim Novak' }).waitFor();
    },
  );

  await e2e.axe(dev, 'with the agent editor open');

  await e2e.step(
    'her services and a non-live weight chosen with the keyboard; Save agent',
    async () => {
      const editor = agents.locator('[data-id="editor"]');
      for (const service of ['Sales', 'Premium Care']) {
        const box = editor.getByRole('checkbox', { name: service, exact: true });
        await box.press('Space');
        expect(await box.isChecked()).toBe(true);
      }
      await agents.getByLabel('Non-live weight').fill('20');
      await agents.getByRole('button', { name: 'Save agent' }).click();
      await agents.getByRole('status').filter({ hasText: 'Kim Novak saved.' }).waitFor();
      const row = agents.locator('tr[data-row="kim-novak"]');
      await row.locator('.presence', { hasText: 'Logged out' }).waitFor();
      expect((await row.locator('.services').textContent())?.trim()).toBe('Sales, Premium Care');
      expect((await row.locator('.weights').textContent())?.trim()).toBe('Non-live 20');
    },
  );

  const ann = await e2e.agent('ann-lee');
  await chatArrives(ann);
  await e2e.step('Ann’s directory lists Kim Novak and the new service', async () => {
    await ann.action('Consult').click();
    await ann.search.fill('Kim');
    await ann.option(/Kim Novak/).waitFor();
    await ann.search.fill('Premium');
    await ann.option(/Premium Care/).waitFor();
  });
});

test('a setting saved on the Setup page reaches a signed-in ContactPad live; one out of its limits is refused next to the field', async () => {
  const ann = await e2e.agent('ann-lee');
  const dev = await e2e.agent('dev-lee', { ready: false });
  const setup = await openSetup(dev);
  const settings = setup.locator('c-contact-pad-setup-settings');
  await chatArrives(ann);
  expect(await ann.action('Consult').isDisabled()).toBe(false);

  await e2e.step(
    'a wrap time out of its limits is refused next to the field; nothing is sent',
    async () => {
      const wrap = settings.getByLabel('Wrap time (seconds)');
      await wrap.fill('-5');
      await settings.getByRole('button', { name: 'Save settings' }).click();
      await settings
        .locator('[data-error="wrapSeconds"]', { hasText: 'Enter a whole number from 0 to 3600.' })
        .waitFor();
      expect(await wrap.getAttribute('aria-invalid')).toBe('true');
      await settings.getByRole('status').filter({ hasText: 'Nothing was saved' }).waitFor();
      await wrap.fill('30');
    },
  );
  await e2e.axe(dev, 'with a field refused');

  await e2e.step(
    'cross-media consult turned off and saved: Ann’s Consult is refused at once',
    async () => {
      await settings.getByRole('checkbox', { name: 'Cross-media consult' }).press('Space');
      await settings.getByRole('button', { name: 'Save settings' }).click();
      await settings.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
      await ann.pad.getByText('Cross-media consult is not enabled for your account.').waitFor();
      expect(await ann.action('Consult').isDisabled()).toBe(true);
    },
  );

  await e2e.step('the settings read again show what was saved', async () => {
    const settingsNow = (await (
      await fetch(`${e2e.wb().url}workbench/api/setup/settings`)
    ).json()) as { wrapSeconds: number; features: { crossMediaConsult: boolean } };
    expect(settingsNow.wrapSeconds).toBe(30);
    expect(settingsNow.features.crossMediaConsult).toBe(false);
  });
});

test('a service agents serve is not removed, and the page says why in words', async () => {
  const dev = await e2e.agent('dev-lee', { ready: false });
  const setup = await openSetup(dev);
  const services = setup.locator('c-contact-pad-setup-services');
  await e2e.step('Remove Sales is refused with the routing service’s reason', async () => {
    await services.getByRole('button', { name: 'Remove Sales' }).click();
    const alert = services.getByRole('alert');
    await alert.filter({ hasText: /^\s*Sales was not removed: .+/ }).waitFor();
    await alert.filter({ hasText: 'Code for support: service-in-use' }).waitFor();
    await services.getByRole('rowheader', { name: 'Sales', exact: true }).waitFor();
  });
  await e2e.axe(dev, 'with a removal refused');
});
