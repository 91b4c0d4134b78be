/**
 * End to end (the Open CTI bridge over the routing service): the softphone page (in a frame of its
 * own, as the call center's adapter URL runs in an org) and ContactPad are two sessions of the same
 * agent, and find each other through the routing service's bridge relay; after the softphone page
 * reloads, and after ContactPad reloads, they find each other again and the bridge pops the record
 * of the next interaction and labels the softphone item.
 */
import type { AgentPage } from './harness';
import { useWorkbench } from './harness';
import { CUSTOMERS } from '../../src/workbench/fixtures';

jest.setTimeout(60_000);

const e2e = useWorkbench();
const [maria, john] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

/** Lines of the page's bridge log (the Open CTI calls the bridge made) naming `method`. */
async function bridgeCalls(agent: AgentPage, method: string): Promise<number> {
  const lines = await agent.page.locator('[data-id="bridge-log"] > div').allTextContents();
  return lines.filter((line) => line.includes(` ${method} `)).length;
}

/** Waits until the bridge log has more than `before` calls of `method`. */
async function bridgeCalled(agent: AgentPage, method: string, before: number): Promise<void> {
  await agent.page.waitForFunction(
    ({ method, before }) =>
      Array.from(document.querySelectorAll('[data-id="bridge-log"] > div')).filter((line) =>
        (line.textContent ?? '').includes(` ${method} `),
      ).length > before,
    { method, before },
  );
}

/** A chat from `customer` reaches ContactPad, gets selected, and the bridge pops its record. */
async function chatPoppedByTheBridge(agent: AgentPage, customer: (typeof CUSTOMERS)[number]) {
  const pops = await bridgeCalls(agent, 'screenPop');
  await agent.place('chat', customer.key, 'support');
  await agent.entry(customer.name).click();
  await bridgeCalled(agent, 'screenPop', pops);
  await agent.focusedTabIs(customer.contactId);
}

test('the softphone page and ContactPad find each other over the routing service, and again after either reloads', async () => {
  const ann = await e2e.agent('ann-lee');
  const { page } = ann;

  await e2e.step('the bridge labels the softphone item with what ContactPad tells it', async () => {
    await bridgeCalled(ann, 'setSoftphoneItemLabel', 0);
    await page
      .locator('[data-id="bridge-log"] > div', { hasText: /setSoftphoneItemLabel .*Ready/ })
      .first()
      .waitFor();
  });

  await e2e.step('a chat: the bridge pops its record (screenPop)', async () => {
    await chatPoppedByTheBridge(ann, maria);
  });

  await e2e.step('the softphone page reloads: it announces itself again', async () => {
    const labels = await bridgeCalls(ann, 'setSoftphoneItemLabel');
    await page.evaluate(() => {
      const frame = document.getElementById('wb-softphone') as HTMLIFrameElement;
      frame.contentWindow?.location.reload();
    });
    // ContactPad hears the new bridge's announce and labels its item again.
    await bridgeCalled(ann, 'setSoftphoneItemLabel', labels);
  });

  await e2e.step('after the softphone reloaded, the bridge pops the next record', async () => {
    await chatPoppedByTheBridge(ann, john);
  });

  await e2e.step('ContactPad reloads (taken out of the page and put back)', async () => {
    const labels = await bridgeCalls(ann, 'setSoftphoneItemLabel');
    await ann.pad.evaluate((element) => {
      const parent = element.parentNode as Node;
      const next = element.nextSibling;
      parent.removeChild(element);
      parent.insertBefore(element, next);
    });
    await ann.pad.locator('c-contact-pad-connection [data-id="badge"]').waitFor();
    // Its new session says hello; the bridge answers, and ContactPad labels the item again.
    await bridgeCalled(ann, 'setSoftphoneItemLabel', labels);
  });

  await e2e.step('after ContactPad reloaded, the bridge pops the record again', async () => {
    const pops = await bridgeCalls(ann, 'screenPop');
    await ann.entry(maria.name).click();
    await bridgeCalled(ann, 'screenPop', pops);
    await ann.focusedTabIs(maria.contactId);
  });

  await e2e.axe(ann, 'after both ends reloaded');
  expect(ann.problems.filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
});
