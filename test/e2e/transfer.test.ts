/**
 * End to end (guide: "How do I transfer a non-live interaction"): to an agent who is Available now
 * (at once), Logged in (when they become Ready) or Logged out (when they next log in), each a real
 * agent page; to a service with transfer to service on, not offered with it off; never to a number.
 */
import { CUSTOMERS } from '../../src/workbench/fixtures';
import type { AgentPage } from './harness';
import { setFeature, useWorkbench } from './harness';

jest.setTimeout(50_000);

const e2e = useWorkbench();
const [maria, john, priya] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

/** Selects the entry `name` and opens Transfer. */
async function openTransfer(ann: AgentPage, name: string): Promise<void> {
  await e2e.step(`Transfer on ${name}'s interaction opens the directory`, async () => {
    await ann.entry(name).click();
    await ann.action('Transfer').click();
    await ann.search.waitFor();
  });
}

/** Chooses `name` with the Search field and Return; the interaction leaves Ann's list. */
async function transferTo(ann: AgentPage, customer: string, name: string): Promise<void> {
  await e2e.step(`Return transfers ${customer}'s interaction to ${name}`, async () => {
    await ann.search.fill(name);
    await ann.directory
      .locator('[role="option"][aria-selected="true"]', { hasText: name })
      .waitFor();
    await ann.search.press('Enter');
    await ann.directory.waitFor({ state: 'detached' });
    await ann.entry(customer).waitFor({ state: 'detached' });
  });
}

test('an e-mail transferred to an agent who is Available now reaches them at once; never to a number', async () => {
  const ann = await e2e.agent('ann-lee');
  const bob = await e2e.agent('bob-lee');
  await ann.place('email', john.key, 'billing');
  await ann.entry(john.name).waitFor();
  await openTransfer(ann, john.name);
  const { directory, search } = ann;

  await e2e.step(
    'agents and services are listed in alphabetical order, with presences',
    async () => {
      await directory.getByRole('radio', { name: 'Transfer' }).waitFor({ state: 'attached' });
      expect(await directory.getByRole('radio', { name: 'Transfer' }).isChecked()).toBe(true);
      await search.fill('Lee');
      await ann
        .option(/^\s*Bob Lee/)
        .getByText('Can handle it now')
        .waitFor();
      await ann
        .option(/^\s*Finn Lee/)
        .getByText('Can handle it when they become available')
        .waitFor();
      await ann
        .option(/^\s*Gita Lee/)
        .getByText('Can handle it when they next log in')
        .waitFor();
      const names = (
        await directory
          .locator(
            '[role="option"] .slds-listbox__option-text, [role="option"] .slds-media__body > span:first-child',
          )
          .allTextContents()
      ).map((n) => n.trim());
      const agents = names.filter((n) => / Lee$/.test(n));
      expect(agents.length).toBeGreaterThan(3);
      expect([...agents].sort((a, b) => a.localeCompare(b))).toEqual(agents);
    },
  );

  await e2e.step('a telephone number cannot be a transfer target', async () => {
    await search.fill('+15550100200');
    await directory.getByText('No matches found').waitFor();
    expect(
      await directory.getByRole('button', { name: 'Transfer', exact: true }).isDisabled(),
    ).toBe(true);
  });
  await e2e.axe(ann, 'with the Transfer directory open');

  await transferTo(ann, john.name, 'Bob Lee');
  await e2e.step('Bob has it at once', () => bob.entry(john.name).waitFor());
});

test('e-mails transferred to an agent Logged in (Away) and one Logged out reach them when they become Ready', async () => {
  const ann = await e2e.agent('ann-lee');
  const bob = await e2e.agent('bob-lee', { ready: false });
  await e2e.step('Bob goes Away', () => bob.setState('Away'));
  await ann.place('email', john.key, 'billing');
  await ann.place('email', priya.key, 'billing');
  await e2e.step('both e-mails reach Ann', async () => {
    await ann.entry(john.name).waitFor();
    await ann.entry(priya.name).waitFor();
  });

  await openTransfer(ann, john.name);
  await ann
    .option(/^\s*Bob Lee/)
    .getByText('Can handle it when they become available')
    .waitFor();
  await transferTo(ann, john.name, 'Bob Lee');

  await openTransfer(ann, priya.name);
  await ann.search.fill('Cho Lee');
  await ann
    .option(/^\s*Cho Lee/)
    .getByText('Can handle it when they next log in')
    .waitFor();
  await transferTo(ann, priya.name, 'Cho Lee');

  await e2e.step('Bob, Away, has nothing until he is Ready', async () => {
    expect(await bob.entry(john.name).count()).toBe(0);
    await bob.pad.locator('c-contact-pad-presence').getByRole('button', { name: 'Ready' }).click();
    await bob.entry(john.name).waitFor();
  });
  await e2e.step('Cho logs in, goes Ready, and has Priya\u2019s e-mail', async () => {
    const cho = await e2e.agent('cho-lee', { ready: false });
    expect(await cho.entry(priya.name).count()).toBe(0);
    await cho.pad.locator('c-contact-pad-presence').getByRole('button', { name: 'Ready' }).click();
    await cho.entry(priya.name).waitFor();
  });
});

test('a case transferred to a service with transfer to service on; services not offered with it off', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  // Both first: once one is transferred away the release gate holds new work back.
  await ann.place('case', maria.key, 'billing');
  await ann.place('case', john.key, 'billing');
  await ann.entry(maria.name).waitFor();
  await ann.entry(john.name).waitFor();
  await openTransfer(ann, maria.name);
  await e2e.step('the Returns service is offered and takes the case', async () => {
    await ann.search.fill('Returns');
    await ann.option(/^\s*Returns/).waitFor();
  });
  await transferTo(ann, maria.name, 'Returns');
  await e2e.step('the simulator shows it waiting at returns', async () => {
    await page.locator('[data-id="simulator"] li', { hasText: 'waiting at returns' }).waitFor();
  });

  await e2e.step('the admin panel turns transfer to service off', async () => {
    const admin = page.locator('[data-id="admin"]');
    await setFeature(page, 'transferToService', false);
    await admin.getByRole('button', { name: 'Apply settings' }).click();
    await admin.getByText('Settings applied').waitFor();
  });
  await openTransfer(ann, john.name);
  await e2e.step('no service is offered any more', async () => {
    await ann.search.fill('Returns');
    await ann.directory.getByText('No matches found').waitFor();
    await ann.search.fill('');
    await ann
      .option(/Ann Lee|Bob Lee/)
      .first()
      .waitFor();
    for (const service of ['Sales', 'Support', 'Billing', 'Returns']) {
      expect(await ann.option(new RegExp(`^\\s*${service}\\b`)).count()).toBe(0);
    }
  });
  await e2e.axe(ann, 'Transfer without services');
});
