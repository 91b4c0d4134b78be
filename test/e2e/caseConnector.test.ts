/**
 * End to end, the Salesforce case connector: a Case created in the workbench's record store (the
 * New Case form) is taken by the package's ContactPad Case Rule (web Cases to Support), sent
 * through the connector API with the workbench's connector credential, and reaches Ann's
 * ContactPad as a case interaction; selecting it opens the Case's tab, where Ann is the owner
 * (ContactPad called takeCase once it was assigned). On release its status follows the Case
 * Status on Release setting: Closed here; a Case no rule takes is not routed at all.
 */
import { CUSTOMERS } from '../../src/workbench/fixtures';
import { useWorkbench } from './harness';

jest.setTimeout(120_000);

const e2e = useWorkbench();
const [maria] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

/** The admin's Case Status on Release (the ContactPad Setting), as the workbench holds it. */
async function setStatusOnRelease(status: string | null): Promise<void> {
  const response = await fetch(`${e2e.wb().url}workbench/api/case-connector`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ statusOnRelease: status }),
  });
  if (!response.ok) throw new Error(`PUT case-connector: ${response.status}`);
}

afterAll(() => setStatusOnRelease(null).catch(() => {}));

test('a web Case reaches Ann through the connector, opens its tab, and comes back owned by her', async () => {
  await setStatusOnRelease('Closed');
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;
  const form = page.locator('[data-id="case-form"]');
  const subject = 'Router keeps rebooting';

  await e2e.step(
    'the New Case form creates a web Case for Maria; the rule sends it to Support',
    async () => {
      await form.getByRole('textbox', { name: 'Subject' }).fill(subject);
      await form.getByRole('combobox', { name: 'Case Origin' }).selectOption('Web');
      await form.getByRole('combobox', { name: 'Contact' }).selectOption(maria.key);
      await form.getByRole('button', { name: 'Create Case' }).click();
      await form
        .getByRole('status')
        .filter({ hasText: /^\s*Case \d{8} created and sent to support by rule Web_Support \(/ })
        .waitFor();
    },
  );
  await e2e.axe(ann, 'with the New Case form used');

  const created = e2e
    .wb()
    .records.records.find((r) =>
      r.fields.some((f) => f.label === 'Subject' && f.value === subject),
    );
  if (created === undefined) throw new Error('the Case is not in the record store');
  const caseEntry = ann.list.locator('[data-entry]', {
    has: page.locator('.channel', { hasText: /^Case$/ }),
  });

  await e2e.step('it reaches Ann as a case interaction of Maria', async () => {
    await caseEntry.filter({ hasText: maria.name }).waitFor();
  });

  await e2e.step('selecting it opens the Case tab, where Ann is the owner', async () => {
    await caseEntry.click();
    await ann.focusedTabIs(created.id);
    const shown = page.locator('section.slds-show wb-record-page');
    await shown.locator('[data-id="record-title"]', { hasText: created.name }).waitFor();
    await shown
      .locator('.slds-form-element', { hasText: 'Case Owner' })
      .locator('.slds-form-element__static', { hasText: /^\s*Ann Lee\s*$/ })
      .waitFor();
    await shown
      .locator('.slds-form-element', { hasText: 'Status' })
      .locator('.slds-form-element__static', { hasText: /^\s*New\s*$/ })
      .waitFor();
  });
  await e2e.axe(ann, 'with the routed Case open');

  await e2e.step('on release its status follows the setting: Closed', async () => {
    await ann.action('Release').click();
    await caseEntry.waitFor({ state: 'detached' });
    await page
      .locator('section.slds-show wb-record-page .slds-form-element', { hasText: 'Status' })
      .locator('.slds-form-element__static', { hasText: /^\s*Closed\s*$/ })
      .waitFor();
  });
  expect(ann.problems.filter((p) => !/favicon/.test(p))).toEqual([]);
});

test('a Case no rule takes is saved but not routed', async () => {
  const ann = await e2e.agent('ann-lee');
  const form = ann.page.locator('[data-id="case-form"]');
  await e2e.step('a phone Case is created; no rule routes it', async () => {
    await form.getByRole('textbox', { name: 'Subject' }).fill('Called about an invoice');
    await form.getByRole('combobox', { name: 'Case Origin' }).selectOption('Phone');
    await form.getByRole('button', { name: 'Create Case' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: /created; no rule routes it/ })
      .waitFor();
  });
  await ann.page.waitForTimeout(1_000);
  expect(await ann.list.locator('[data-entry]').count()).toBe(0);
});
