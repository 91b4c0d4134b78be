import { createElement } from 'lwc';
import ContactPadSupervisorServices from 'c/contactPadSupervisorServices';
import { NOW, serviceStats } from '../../../../../test/supervisorFixtures';

function render(services, now = NOW) {
  const element = createElement('c-contact-pad-supervisor-services', {
    is: ContactPadSupervisorServices,
  });
  element.services = services;
  element.now = now;
  document.body.appendChild(element);
  return element;
}

const flush = () => Promise.resolve();
const row = (element, id) => element.shadowRoot.querySelector(`tr[data-service-id="${id}"]`);
const cell = (element, id, column) =>
  row(element, id).querySelector(`[data-id="${column}"]`).textContent.trim();

describe('c-contact-pad-supervisor-services', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows each service in a table with column and row headers', async () => {
    const element = render([
      serviceStats({
        waiting: 3,
        oldestWaitingSince: NOW - 125_000,
        inProgress: 2,
        assignedToday: 40,
        abandonedToday: 5,
      }),
      serviceStats({ id: 'billing', name: 'Billing' }),
    ]);
    await flush();
    const headers = [...element.shadowRoot.querySelectorAll('th[scope="col"]')].map((th) =>
      th.textContent.trim(),
    );
    expect(headers).toEqual([
      'c.ContactPad_Service',
      'c.ContactPad_SupervisorWaiting',
      'c.ContactPad_SupervisorOldestWait',
      'c.ContactPad_SupervisorInProgress',
      'c.ContactPad_SupervisorAssignedToday',
      'c.ContactPad_SupervisorAbandonedToday',
    ]);
    expect(row(element, 'support').querySelector('th[scope="row"]').textContent).toBe('Support');
    expect(cell(element, 'support', 'waiting')).toBe('3');
    expect(cell(element, 'support', 'oldest-wait')).toBe('2:05');
    expect(cell(element, 'support', 'in-progress')).toBe('2');
    expect(cell(element, 'support', 'assigned-today')).toBe('40');
    expect(cell(element, 'support', 'abandoned-today')).toBe('5');
    expect(cell(element, 'billing', 'oldest-wait')).toBe('c.ContactPad_SupervisorNoneWaiting');
    expect(element.shadowRoot.querySelector('[data-id="empty"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('counts the oldest wait from the page clock', async () => {
    const element = render([serviceStats({ waiting: 1, oldestWaitingSince: NOW - 5_000 })]);
    await flush();
    expect(cell(element, 'support', 'oldest-wait')).toBe('0:05');
    element.now = NOW + 60_000;
    await flush();
    expect(cell(element, 'support', 'oldest-wait')).toBe('1:05');
  });

  it('keeps a service’s row when another service changes (keyed rows)', async () => {
    const billing = serviceStats({ id: 'billing', name: 'Billing' });
    const element = render([serviceStats(), billing]);
    await flush();
    const before = row(element, 'billing');
    element.services = [serviceStats({ waiting: 7 }), billing];
    await flush();
    expect(row(element, 'billing')).toBe(before);
    expect(cell(element, 'support', 'waiting')).toBe('7');
  });

  it('says so when there is no service', async () => {
    const element = render([]);
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="empty"]').textContent).toBe(
      'c.ContactPad_SupervisorNoServices',
    );
    await expect(element).toBeAccessible();
  });
});
