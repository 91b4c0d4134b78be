/**
 * End to end, the live-call controls added through the catalogue of actions: Mute and Pause
 * recording shown in the list and the utility label, the keypad sending digits the simulator's
 * telephone system receives, and a consult merged into a conference whose party is released or
 * which the agent leaves.
 */
import { DEMO_ACCOUNT } from '../../src/routing/demo';
import { CUSTOMERS } from '../../src/workbench/fixtures';
import type { AgentPage } from './harness';
import { useWorkbench } from './harness';

jest.setTimeout(50_000);

const e2e = useWorkbench();
const [maria] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

/** Ann takes a call from Maria (billing: nobody else signed in serves it); its id. */
async function call(ann: AgentPage): Promise<string> {
  await ann.place('voice', maria.key, 'billing');
  return e2e.step('the call arrives and is current', async () => {
    const entry = ann.list.locator('[data-entry]').first();
    await entry.click();
    await ann.action('Mute').waitFor();
    return (await entry.getAttribute('data-id')) as string;
  });
}

const note = (ann: AgentPage, key: string) => ann.list.locator(`.call-note[data-note="${key}"]`);
const utilityButton = (ann: AgentPage, label: RegExp) =>
  ann.page.getByRole('button', { name: label });

test('Mute and Pause recording show in the list and the utility label until undone', async () => {
  const ann = await e2e.agent('ann-lee');
  await call(ann);

  await e2e.step('Mute: the call says Muted, and so does the utility label', async () => {
    await ann.action('Mute').click();
    await ann.action('Unmute').waitFor();
    await note(ann, 'muted').getByText('Muted').waitFor();
    await utilityButton(ann, /ContactPad · .* · Muted/).waitFor();
  });

  await e2e.step('Pause recording: Recording paused shows beside Muted', async () => {
    await ann.action('Pause recording').click();
    await ann.action('Resume recording').waitFor();
    await note(ann, 'recording-paused').getByText('Recording paused').waitFor();
    await utilityButton(ann, /Muted · Recording paused/).waitFor();
  });
  await e2e.axe(ann, 'with a muted call whose recording is paused');

  await e2e.step('Unmute and Resume recording: the notes go', async () => {
    await ann.action('Unmute').click();
    await ann.action('Resume recording').click();
    await ann.action('Pause recording').waitFor();
    await note(ann, 'muted').waitFor({ state: 'detached' });
    await note(ann, 'recording-paused').waitFor({ state: 'detached' });
    await utilityButton(ann, /Muted/).waitFor({ state: 'detached' });
  });
});

test('the keypad sends the keys pressed to the call: clicked or typed', async () => {
  const ann = await e2e.agent('ann-lee');
  const callId = await call(ann);
  const keypad = ann.pad.locator('c-contact-pad-keypad');

  await e2e.step('Keypad opens the keys, focus on the first', async () => {
    await ann.action('Keypad').click();
    await keypad.getByRole('group', { name: 'Keypad' }).waitFor();
    expect(await ann.action('Keypad').getAttribute('aria-expanded')).toBe('true');
    await keypad
      .getByRole('button', { name: 'Send digit 1' })
      .and(ann.page.locator(':focus'))
      .waitFor();
  });

  await e2e.step('1, 2 clicked and # typed: Sent: 12#', async () => {
    await keypad.getByRole('button', { name: 'Send digit 1' }).click();
    await keypad.getByRole('button', { name: 'Send digit 2' }).click();
    await ann.page.keyboard.press('#');
    await keypad.getByText('Sent: 12#').waitFor();
  });
  await e2e.axe(ann, 'with the keypad open');

  await e2e.step('the telephone system received them in order', async () => {
    const telephony = e2e.wb().routing.routing.simulator.telephony;
    for (let n = 0; n < 50 && telephony.call(DEMO_ACCOUNT, callId)?.digits !== '12#'; n++) {
      await ann.page.waitForTimeout(50);
    }
    expect(telephony.call(DEMO_ACCOUNT, callId)).toMatchObject({ digits: '12#' });
  });

  await e2e.step('Escape closes the keypad and gives focus back to Keypad', async () => {
    await ann.page.keyboard.press('Escape');
    await keypad.waitFor({ state: 'detached' });
    await ann.action('Keypad').and(ann.page.locator(':focus')).waitFor();
  });

  await e2e.step('on hold the keypad is off, with the reason', async () => {
    await ann.action('Hold').click();
    await ann.action('Retrieve').waitFor();
    expect(await ann.action('Keypad').isDisabled()).toBe(true);
    await ann.pad.getByText('The call is on hold.').waitFor();
  });
});

/** Ann consults Eva Lee (a simulated colleague who answers by herself) about the call. */
async function consultEva(ann: AgentPage): Promise<void> {
  await e2e.step('Consult Eva Lee, who answers', async () => {
    await ann.action('Consult').click();
    await ann.search.waitFor();
    await ann.search.fill('Eva Lee');
    await ann.directory
      .locator('[role="option"][aria-selected="true"]', { hasText: 'Eva Lee' })
      .waitFor();
    // A whole unique name is selected by itself: Return connects.
    await ann.search.press('Enter');
    await ann.directory.waitFor({ state: 'detached' });
    await ann.pad.getByText('Connected to Eva Lee').waitFor({ timeout: 8000 });
  });
}

test('Conference: the consult merges with the call; Release party keeps the customer, Leave hands the call over', async () => {
  const ann = await e2e.agent('ann-lee');
  const callId = await call(ann);
  const entry = ann.list.locator(`[data-entry][data-id="${callId}"]`);
  await consultEva(ann);

  await e2e.step('Conference: one call, with Eva Lee on it', async () => {
    await ann.pad
      .locator('c-contact-pad-consult')
      .getByRole('button', { name: 'Conference' })
      .click();
    await entry
      .locator('.call-note[data-note="conference"]', { hasText: 'Conference with Eva Lee' })
      .waitFor();
    await ann.list.locator('.consult-leg').waitFor({ state: 'detached' });
    expect(await ann.list.locator('[data-entry]').count()).toBe(1);
  });

  await e2e.step('Release party and Leave stand where Consult and Transfer were', async () => {
    await entry.click();
    await ann.action('Release party').waitFor();
    await ann.action('Leave').waitFor();
    expect(await ann.action('Consult').count()).toBe(0);
    expect(await ann.action('Transfer').count()).toBe(0);
  });
  await e2e.axe(ann, 'in a conference');

  await e2e.step('Release party: Eva leaves, Ann keeps the customer', async () => {
    await ann.action('Release party').click();
    await entry.locator('.call-note[data-note="conference"]').waitFor({ state: 'detached' });
    await ann.action('Consult').waitFor();
  });

  await consultEva(ann);
  await e2e.step('Conference again, then Leave: the call goes on with Eva', async () => {
    await ann.pad
      .locator('c-contact-pad-consult')
      .getByRole('button', { name: 'Conference' })
      .click();
    await entry.locator('.call-note[data-note="conference"]').waitFor();
    await entry.click();
    await ann.action('Leave').click();
    await entry.waitFor({ state: 'detached' });
    const routing = e2e.wb().routing.routing;
    const eva = await routing.run(DEMO_ACCOUNT, (engine) =>
      engine.snapshot(DEMO_ACCOUNT, 'eva-lee'),
    );
    expect(eva.interactions.map((interaction) => interaction.id)).toContain(callId);
  });
});
