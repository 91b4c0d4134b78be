/**
 * End to end, the Supervisor page (issue 16): the navigation bar's Supervisor item shows the real
 * c-contact-pad-supervisor, live from the routing service's supervisor session. A queue grows as
 * the customer simulator places chats and drains as an agent takes them; the supervisor sets an
 * agent Away with one of the account's Away reasons, then Logged out with words of their own, and
 * that agent's ContactPad (another browser context) shows the state and who set it, and why.
 */
import type { Locator } from 'playwright-core';
import { CUSTOMERS } from '../../src/workbench/fixtures';
import type { AgentPage } from './harness';
import { useWorkbench } from './harness';

jest.setTimeout(120_000);

const e2e = useWorkbench();
const [maria, john] = CUSTOMERS;

afterEach(() => {
  expect(e2e.blocking).toEqual([]);
});

/** Opens the Supervisor page from the navigation bar and waits until it is live. */
async function openSupervisor(person: AgentPage): Promise<Locator> {
  await person.page
    .getByRole('navigation', { name: 'Navigation' })
    .getByRole('link', { name: 'Supervisor' })
    .click();
  const board = person.page.locator('c-contact-pad-supervisor');
  await board.locator('[data-id="connection"]', { hasText: 'Live' }).waitFor();
  return board;
}

const serviceCell = (board: Locator, serviceId: string, column: string) =>
  board.locator(`tr[data-service-id="${serviceId}"] [data-id="${column}"]`);
const agentCell = (board: Locator, agentId: string, column: string) =>
  board.locator(`tr[data-agent-id="${agentId}"] [data-id="${column}"]`);
/** Waits until the cell reads `text` (whole text, or matching). */
const reads = (cell: Locator, text: string | RegExp) =>
  cell
    .filter({ hasText: typeof text === 'string' ? new RegExp(`^\\s*${text}\\s*$`) : text })
    .waitFor();

test('a queue grows with arrivals from the simulator and drains as an agent takes them', async () => {
  const ann = await e2e.agent('ann-lee', { ready: false });
  const dev = await e2e.agent('dev-lee', { ready: false });
  const board = await openSupervisor(dev);

  await e2e.step(
    'the tables have their headers; every service and the demo agents are listed',
    async () => {
      const services = board.getByRole('table', { name: 'Services' });
      for (const header of [
        'Service',
        'Waiting',
        'Oldest wait',
        'In progress',
        'Assigned today',
        'Abandoned today',
      ]) {
        await services.getByRole('columnheader', { name: header, exact: true }).waitFor();
      }
      await services.getByRole('rowheader', { name: 'Support', exact: true }).waitFor();
      const agents = board.getByRole('table', { name: 'Agents' });
      await agents.getByRole('rowheader', { name: 'Ann Lee', exact: true }).waitFor();
      expect(await agents.locator('tr[data-agent-id]').count()).toBe(40);
      await reads(serviceCell(board, 'support', 'waiting'), '0');
      await reads(serviceCell(board, 'support', 'oldest-wait'), 'None waiting');
      await reads(agentCell(board, 'ann-lee', 'state'), 'Logged out');
    },
  );

  await ann.place('chat', maria.key, 'support');
  await ann.place('chat', john.key, 'support');
  await e2e.step(
    'the queue grows: two chats wait at Support, the oldest wait counting',
    async () => {
      await reads(serviceCell(board, 'support', 'waiting'), '2');
      await reads(serviceCell(board, 'support', 'oldest-wait'), /^\s*0:0[0-9]\s*$/);
      const first = await serviceCell(board, 'support', 'oldest-wait').textContent();
      await serviceCell(board, 'support', 'oldest-wait')
        .filter({ hasNotText: first?.trim() ?? '' })
        .waitFor();
    },
  );
  await e2e.axe(dev, 'with two chats waiting at Support');

  await e2e.step(
    'the filter shows Support alone: its service and the agents who serve it',
    async () => {
      await board.getByLabel('Show service').selectOption('support');
      expect(await board.locator('tr[data-service-id]').count()).toBe(1);
      await agentCell(board, 'cho-lee', 'name').waitFor({ state: 'detached' }); // Cho serves no Support
      await agentCell(board, 'ann-lee', 'name').waitFor();
    },
  );

  await e2e.step('Ann becomes Ready and takes both; the queue drains', async () => {
    // Ready lasts a moment: the chats come at once and she is Busy with them.
    await ann.pad
      .locator('c-contact-pad-presence')
      .getByRole('button', { name: 'Ready', exact: true })
      .click();
    await ann.stateIs('Busy');
    await reads(serviceCell(board, 'support', 'waiting'), '0');
    await reads(serviceCell(board, 'support', 'oldest-wait'), 'None waiting');
    await reads(serviceCell(board, 'support', 'in-progress'), '2');
    await reads(serviceCell(board, 'support', 'assigned-today'), '2');
    await reads(agentCell(board, 'ann-lee', 'state'), 'Busy');
    await reads(agentCell(board, 'ann-lee', 'capacity'), /^\s*Chat \d+%\s*$/);
    await agentCell(board, 'ann-lee', 'interactions').filter({ hasText: maria.name }).waitFor();
    await agentCell(board, 'ann-lee', 'interactions').filter({ hasText: john.name }).waitFor();
  });
  await e2e.axe(dev, 'after the queue drained');
});

test('the supervisor sets an agent Away with a reason, then Logged out; the agent’s ContactPad says who and why', async () => {
  await e2e.patchSettings({ awayReasons: ['Break', 'Training'] });
  const ann = await e2e.agent('ann-lee');
  const dev = await e2e.agent('dev-lee', { ready: false });
  const board = await openSupervisor(dev);
  const form = board.locator('c-contact-pad-supervisor-presence');

  await e2e.step('Change the state of Ann Lee opens the form for her', async () => {
    await reads(agentCell(board, 'ann-lee', 'state'), 'Ready');
    await board.getByRole('button', { name: 'Change the state of Ann Lee' }).click();
    await form.getByRole('heading', { name: 'Change the state of Ann Lee' }).waitFor();
    expect(await form.getByLabel('New state').inputValue()).toBe('away');
  });
  await e2e.axe(dev, 'with the form open');

  await e2e.step('Away, Training, Apply: the board says who set it and why', async () => {
    // One of the account's Away reasons, from the list the session carries.
    await form.getByLabel('Away reason').selectOption('Training');
    await form.getByRole('button', { name: 'Apply' }).click();
    await form.waitFor({ state: 'detached' });
    await reads(
      agentCell(board, 'ann-lee', 'state'),
      /^\s*Away\s*Set Away by Dev Lee: Training\s*$/,
    );
  });

  await e2e.step('Ann’s ContactPad shows Away, set by Dev Lee for Training', async () => {
    await ann.stateIs('Away');
    await ann.pad.getByText('Set Away by Dev Lee: Training').waitFor();
  });
  await e2e.axe(ann, 'Ann set Away by the supervisor');

  await e2e.step('Logged out with words of the supervisor’s own', async () => {
    await board.getByRole('button', { name: 'Change the state of Ann Lee' }).click();
    await form.getByLabel('New state').selectOption('logged-out');
    await form.getByLabel('Reason the agent sees (optional)').fill('Shift over');
    await form.getByRole('button', { name: 'Apply' }).click();
    await form.waitFor({ state: 'detached' });
    await reads(
      agentCell(board, 'ann-lee', 'state'),
      /^\s*Logged out\s*Logged out by Dev Lee: Shift over\s*$/,
    );
    await ann.stateIs('Logged out');
    await ann.pad.getByText('Logged out by Dev Lee: Shift over').waitFor();
  });
});
