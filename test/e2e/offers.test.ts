/**
 * End to end, offers: chats offered rather than assigned ring on the agent's offer card with the
 * customer, the service and the seconds left; declined with a reason, the chat goes to a colleague
 * who accepts it, and the agent who declined is in No Answer until they choose Ready.
 */
import { CUSTOMERS } from '../../src/workbench/fixtures';
import { applySettings, useWorkbench } from './harness';

jest.setTimeout(50_000);

const e2e = useWorkbench();
const [, john] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

test('an offer declined with a reason is taken by a colleague; the agent is No Answer until Ready', async () => {
  const ann = await e2e.agent('ann-lee');
  await e2e.step('the admin panel offers chats, with reasons for declining', async () => {
    const admin = ann.page.locator('[data-id="admin"]');
    // The SLDS checkbox is ticked on its label, as an admin does.
    await admin.locator('label[for="wb-offer-semi-live"]').click();
    expect(await admin.getByLabel('Offer chats').isChecked()).toBe(true);
    await admin.getByLabel('Offer timeout (seconds)').fill('60');
    await admin.getByLabel(/Reasons for declining/).fill('On a break, Wrong skill');
    await applySettings(ann.page);
  });
  const bob = await e2e.agent('bob-lee', { ready: false });
  const annCard = ann.pad.locator('c-contact-pad-offer li');
  const bobCard = bob.pad.locator('c-contact-pad-offer li');

  await ann.place('chat', john.key, 'support');
  await e2e.step(
    'the chat rings on Ann’s offer card: customer, channel, service, time left',
    async () => {
      await annCard.getByText('John Smith').waitFor();
      await annCard.getByText(/Chat · Support/).waitFor();
      await annCard.getByText(/\d+ s to answer/).waitFor();
      await ann.list.locator('.state', { hasText: 'Incoming' }).waitFor();
    },
  );
  await e2e.axe(ann, 'with an offer ringing');

  await e2e.step('Bob becomes Ready; Ann declines: Wrong skill', async () => {
    await bob.setState('Ready');
    await annCard.getByLabel('Reason for declining').selectOption('Wrong skill');
    await annCard.getByRole('button', { name: 'Decline' }).click();
    await annCard.waitFor({ state: 'detached' });
    await ann.stateIs('No Answer');
  });

  await e2e.step('it rings for Bob, who accepts it', async () => {
    await bobCard.getByText('John Smith').waitFor();
    await bobCard.getByRole('button', { name: 'Accept' }).click();
    await bobCard.waitFor({ state: 'detached' });
    await bob.list.locator('.state', { hasText: 'Connected' }).waitFor();
  });

  await e2e.step('Ann chooses Ready again', async () => {
    await ann.setState('Ready');
    await ann.stateIs('Ready');
  });
});
