/**
 * End to end (guide: "How do I consult with a third party"): the Consult directory (only Available
 * now / Interruptible agents can be chosen, arrows, Return to select then Return to dial, search by part of a name, a whole
 * unique name selecting itself, a telephone number despite "No matches found"), a consult ringing
 * then connected (the colleague accepts in their own page), ringing then timed out after the
 * configured timeout, and each leg released without the other.
 */
import type { AgentPage } from './harness';
import { useWorkbench } from './harness';
import { CUSTOMERS } from '../../src/workbench/fixtures';

jest.setTimeout(50_000);

const e2e = useWorkbench();
const [maria] = CUSTOMERS;
const NUMBER = '+15550100200';

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

/** Ann takes a call from Maria (billing: nobody else signed in serves it) and opens Consult. */
async function callThenConsult(ann: AgentPage): Promise<void> {
  await ann.place('voice', maria.key, 'billing');
  await e2e.step('the call arrives and is current', async () => {
    await ann.list.locator('[data-entry]').first().click();
    await ann.action('Consult').waitFor();
  });
  await e2e.step('Consult opens the directory', async () => {
    await ann.action('Consult').click();
    await ann.search.waitFor();
  });
}

/** The highlighted directory option's text (arrow keys), '' when none is (no waiting). */
async function highlightedName(ann: AgentPage): Promise<string> {
  const highlighted = ann.directory.locator('[role="option"].slds-has-focus');
  return (await highlighted.count()) === 0 ? '' : ((await highlighted.first().textContent()) ?? '');
}

/** The selected directory option's text (Return, a click, a unique whole name), '' when none. */
async function selectedName(ann: AgentPage): Promise<string> {
  const selected = ann.directory.locator('[role="option"][aria-selected="true"]');
  return (await selected.count()) === 0 ? '' : ((await selected.first().textContent()) ?? '');
}

test('the Consult directory: only Available now or Interruptible agents, search by part of a name, a whole unique name selects itself, arrows', async () => {
  const ann = await e2e.agent('ann-lee');
  await e2e.agent('bob-lee'); // Available now
  await callThenConsult(ann);
  const { directory, search } = ann;

  await e2e.step(
    'a Consult | Transfer switch stands above the list (a call can be both)',
    async () => {
      await directory.getByRole('radio', { name: 'Consult' }).waitFor({ state: 'attached' });
      expect(await directory.getByRole('radio', { name: 'Consult' }).isChecked()).toBe(true);
    },
  );

  await e2e.step('agents not Available now or Interruptible cannot be chosen', async () => {
    await search.fill('Lee');
    const disabled = (name: string) =>
      ann.option(new RegExp(`^\\s*${name}\\b`)).getAttribute('aria-disabled');
    expect(await disabled('Bob Lee')).not.toBe('true'); // Available now (his page is Ready)
    expect(await disabled('Eva Lee')).not.toBe('true'); // Available now (seeded Ready)
    expect(await disabled('Finn Lee')).toBe('true'); // Logged in (Away)
    expect(await disabled('Gita Lee')).toBe('true'); // Logged out
    await ann
      .option(/^\s*Finn Lee/)
      .getByText('Logged in')
      .waitFor();
  });

  await e2e.step('a part of a name filters the list', async () => {
    await search.fill('ston');
    await ann.option(/Stone/).first().waitFor();
    const names = await directory.locator('[role="option"]').allTextContents();
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) expect(name).toMatch(/Stone/);
  });

  await e2e.step('the arrow keys move through the list', async () => {
    await search.fill('Lee');
    await search.press('ArrowDown');
    await ann.directory.locator('[role="option"].slds-has-focus').waitFor();
    const first = await highlightedName(ann);
    await search.press('ArrowDown');
    const second = await highlightedName(ann);
    expect(first).not.toEqual(second);
    await search.press('ArrowUp');
    expect(await highlightedName(ann)).toEqual(first);
    // Moving selects nothing: Return or a click does.
    expect(await selectedName(ann)).toBe('');
  });

  await e2e.step('a whole name that is unique selects itself', async () => {
    await search.fill('Eva Lee');
    await directory
      .locator('[role="option"][aria-selected="true"]', { hasText: 'Eva Lee' })
      .waitFor();
  });
  await e2e.axe(ann, 'with the Consult directory open');

  await e2e.step('Cancel closes it', async () => {
    await directory.getByRole('button', { name: 'Cancel', exact: true }).click();
    await directory.waitFor({ state: 'detached' });
  });
});

test('consult an agent with the arrows and Return: ringing, then connected when they accept; releasing the consult keeps the original', async () => {
  const ann = await e2e.agent('ann-lee');
  const bob = await e2e.agent('bob-lee');
  await callThenConsult(ann);

  await e2e.step('arrows down to Bob Lee, Return selects him, Return again dials', async () => {
    await ann.search.fill('Bob');
    for (let n = 0; n < 8 && !/Bob Lee/.test(await highlightedName(ann)); n++) {
      await ann.search.press('ArrowDown');
    }
    expect(await highlightedName(ann)).toMatch(/Bob Lee/);
    await ann.search.press('Enter');
    expect(await selectedName(ann)).toMatch(/Bob Lee/);
    await ann.search.press('Enter');
    await ann.directory.waitFor({ state: 'detached' });
  });

  await e2e.step('Ann hears it ringing', async () => {
    await ann.pad.locator('c-contact-pad-consult li[data-state="ringing"]').waitFor();
    await ann.pad.getByText('Ringing Bob Lee').waitFor();
  });

  await e2e.step('Bob, in his own page, accepts', async () => {
    await bob.pad.getByText('Ann Lee is consulting you').waitFor();
    await bob.pad.locator('c-contact-pad-consult').getByRole('button', { name: 'Accept' }).click();
  });

  await e2e.step('connected: the consult call is its own entry in both lists', async () => {
    await ann.pad.getByText('Connected to Bob Lee').waitFor();
    await ann.list.locator('[data-entry]', { has: ann.page.locator('.consult-leg') }).waitFor();
    await bob.list.locator('[data-entry]', { has: bob.page.locator('.consult-leg') }).waitFor();
    expect(await ann.list.locator('[data-entry]').count()).toBe(2);
  });
  await e2e.axe(ann, 'with a connected consult');
  await e2e.axe(bob, 'on the consulted side');

  await e2e.step('releasing the consult call leaves the original call', async () => {
    await ann.list.locator('[data-entry]', { has: ann.page.locator('.consult-leg') }).click();
    await ann.action('Release').click();
    await ann.list
      .locator('[data-entry]', { has: ann.page.locator('.consult-leg') })
      .waitFor({ state: 'detached' });
    await bob.list.locator('[data-entry]').first().waitFor({ state: 'detached' });
    expect(await ann.list.locator('[data-entry]').count()).toBe(1);
    await ann.list.locator('.state', { hasText: 'Connected' }).waitFor();
  });
});

test('a simulated colleague nobody has a page open for answers a consult by itself', async () => {
  const ann = await e2e.agent('ann-lee');
  await callThenConsult(ann);

  await e2e.step('typing the whole name selects Eva Lee by itself; Return', async () => {
    await ann.search.fill('Eva Lee');
    for (let n = 0; n < 20 && !/Eva Lee/.test(await selectedName(ann)); n++) {
      await ann.page.waitForTimeout(50);
    }
    expect(await selectedName(ann)).toMatch(/Eva Lee/);
    await ann.search.press('Enter');
    await ann.directory.waitFor({ state: 'detached' });
  });

  await e2e.step('ringing, then connected when the colleague answers (a few seconds)', async () => {
    await ann.pad.getByText('Ringing Eva Lee').waitFor();
    await ann.pad.getByText('Connected to Eva Lee').waitFor({ timeout: 8000 });
    await ann.list.locator('[data-entry]', { has: ann.page.locator('.consult-leg') }).waitFor();
  });
});

test('consult a telephone number despite "No matches found": ringing, then timed out after the consult timeout set in the admin panel', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  await e2e.step('the admin panel sets the consult timeout to 5 s', async () => {
    const admin = page.locator('[data-id="admin"]');
    await admin.getByLabel('Consult timeout (seconds)').fill('5');
    await admin.getByRole('button', { name: 'Apply settings' }).click();
    await admin.getByText('Settings applied').waitFor();
  });
  await e2e.step('the outside number is set never to answer', async () => {
    await page.locator('#wb-number').fill(NUMBER);
    await page.locator('#wb-number-answer').selectOption('never');
    await page.getByRole('button', { name: 'Set number' }).click();
    await page.locator('[data-id="number-status"]', { hasText: 'never answers' }).waitFor();
  });
  await callThenConsult(ann);
  await e2e.step('typing the number: "No matches found", and Dial is offered', async () => {
    await ann.search.fill(NUMBER);
    await ann.directory.getByText('No matches found').waitFor();
    await ann.search.press('Enter');
    await ann.directory.waitFor({ state: 'detached' });
  });
  const started = Date.now();
  await e2e.step('it rings, with the time left', async () => {
    await ann.pad.locator('c-contact-pad-consult li[data-state="ringing"]').waitFor();
    await ann.pad.locator('c-contact-pad-consult .time-left', { hasText: /s left/ }).waitFor();
  });
  await e2e.step('and times out after about 5 s', async () => {
    await ann.pad.getByText(/did not answer in time/).waitFor({ timeout: 10_000 });
    const took = Date.now() - started;
    expect(took).toBeGreaterThan(3_000);
    expect(took).toBeLessThan(9_000);
  });
  await e2e.axe(ann, 'after the consult timed out');
});

test('an outside number answered from the simulator; releasing the original call keeps the consult call', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  await e2e.step('the outside number is set never to answer by itself', async () => {
    await page.locator('#wb-number').fill(NUMBER);
    await page.locator('#wb-number-answer').selectOption('never');
    await page.getByRole('button', { name: 'Set number' }).click();
    await page.locator('[data-id="number-status"]', { hasText: 'never answers' }).waitFor();
  });
  await callThenConsult(ann);
  await e2e.step('dial the number', async () => {
    await ann.search.fill(NUMBER);
    await ann.directory
      .getByRole('button', { name: /Dial|Consult/ })
      .last()
      .click();
    await ann.pad.locator('c-contact-pad-consult li[data-state="ringing"]').waitFor();
  });
  await e2e.step('the simulator lists the ringing call; Answer now connects it', async () => {
    const call = page.locator(`[data-id="outside-calls"] li[data-number="${NUMBER}"]`);
    await call.getByRole('button', { name: 'Answer now' }).click();
    await ann.list.locator('[data-entry]', { has: page.locator('.consult-leg') }).waitFor();
  });
  await e2e.step('releasing the original call leaves the consult call connected', async () => {
    await ann
      .entry(/Maria Garcia|\+14155550101/)
      .first()
      .click();
    await ann.action('Release').click();
    await ann.list
      .locator('[data-entry]', { hasNot: page.locator('.consult-leg') })
      .waitFor({ state: 'detached' });
    await ann.list.locator('[data-entry]', { has: page.locator('.consult-leg') }).waitFor();
    await ann.list.locator('.state', { hasText: 'Connected' }).waitFor();
  });
  await e2e.axe(ann, 'with the consult call alone');
});

// Selecting the connected consult call in the list (to release it, as the guide says) opens no
// record: an agent-to-agent consult leg has none, and ContactPad shows no alert for it.
test('selecting a connected consult call raises no error', async () => {
  const ann = await e2e.agent('ann-lee');
  const bob = await e2e.agent('bob-lee');
  await callThenConsult(ann);
  await ann.search.fill('Bob Lee');
  await ann.search.press('Enter');
  await bob.pad.locator('c-contact-pad-consult').getByRole('button', { name: 'Accept' }).click();
  const leg = ann.list.locator('[data-entry]', { has: ann.page.locator('.consult-leg') });
  await leg.click();
  await ann.action('Release').waitFor();
  await ann.page.waitForTimeout(1_000);
  expect(await ann.pad.locator('[data-id="alert"]').count()).toBe(0);
});
