import { createElement } from 'lwc';
import ContactPadSetupServices from 'c/contactPadSetupServices';
import createService from '@salesforce/apex/ContactPadSetupController.createService';
import renameService from '@salesforce/apex/ContactPadSetupController.renameService';
import removeService from '@salesforce/apex/ContactPadSetupController.removeService';
import { SETUP_LIMITS } from 'c/contactPadCore';

jest.mock(
  '@salesforce/apex/ContactPadSetupController.createService',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ContactPadSetupController.renameService',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ContactPadSetupController.removeService',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
// Labels with placeholders get their English text, so the filled-in values can be checked.
jest.mock(
  '@salesforce/label/c.ContactPad_SetupNameError',
  () => ({ default: 'Enter a name of 1 to {0} characters.' }),
  { virtual: true },
);
jest.mock('@salesforce/label/c.ContactPad_SetupRename', () => ({ default: 'Rename {0}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_SetupRemove', () => ({ default: 'Remove {0}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_SetupNewName', () => ({ default: 'New name for {0}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_SetupServiceCreated',
  () => ({ default: '{0} created.' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetupRenamed',
  () => ({ default: '{0} renamed to {1}.' }),
  { virtual: true },
);
jest.mock('@salesforce/label/c.ContactPad_SetupRemoved', () => ({ default: '{0} removed.' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_SetupNotRemoved',
  () => ({ default: '{0} was not removed: {1}' }),
  { virtual: true },
);
jest.mock('@salesforce/label/c.ContactPad_SetupFailed', () => ({ default: '{0} failed: {1}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_ErrorDetail',
  () => ({ default: 'Code for support: {0}' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetupCreateService',
  () => ({ default: 'Create service' }),
  { virtual: true },
);

const SERVICES = [
  { id: 'sales', name: 'Sales' },
  { id: 'billing', name: 'Billing' },
];

// eslint-disable-next-line @lwc/lwc/no-async-operation
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

async function mount(services = SERVICES) {
  const element = createElement('c-contact-pad-setup-services', { is: ContactPadSetupServices });
  element.services = services;
  const changes = [];
  element.addEventListener('serviceschange', (event) => {
    changes.push(event.detail.services);
    element.services = event.detail.services; // as the page does
  });
  document.body.appendChild(element);
  await settle();
  return { element, changes };
}

async function type(input, value) {
  input.value = value;
  input.dispatchEvent(new CustomEvent('input'));
  await settle();
}

async function submit(form) {
  form.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
  await settle();
}

describe('c-contact-pad-setup-services', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('lists the services with a Rename and a Remove named after each', async () => {
    const { element } = await mount();
    expect($$(element, 'tbody th').map(text)).toEqual(['Sales', 'Billing']);
    expect($$(element, 'button[data-rename]').map(text)).toEqual([
      'Rename Sales',
      'Rename Billing',
    ]);
    expect($$(element, 'button[data-remove]').map(text)).toEqual([
      'Remove Sales',
      'Remove Billing',
    ]);
    await expect(element).toBeAccessible();
  });

  it('says so when there are none', async () => {
    const { element } = await mount([]);
    expect($(element, 'table')).toBeNull();
    expect(text($(element, 'section'))).toContain('c.ContactPad_SetupNoServices');
  });

  it('creates a service and tells the page the new list', async () => {
    createService.mockResolvedValue(JSON.stringify({ id: 'returns', name: 'Returns' }));
    const { element, changes } = await mount();
    await type($(element, '[data-id="new-name"]'), '  Returns ');
    await submit($$(element, 'form').at(-1));
    expect(createService).toHaveBeenCalledWith({ name: 'Returns' });
    expect(changes).toEqual([[...SERVICES, { id: 'returns', name: 'Returns' }]]);
    expect(text($(element, '[data-id="status"]'))).toBe('Returns created.');
    expect($(element, '[data-id="new-name"]').value).toBe('');
  });

  it.each([
    ['blank', '   '],
    ['too long', 'x'.repeat(SETUP_LIMITS.name.maxLength + 1)],
  ])('refuses a %s name next to the field and sends nothing', async (_label, name) => {
    const { element, changes } = await mount();
    const input = $(element, '[data-id="new-name"]');
    await type(input, name);
    await submit($$(element, 'form').at(-1));
    expect(createService).not.toHaveBeenCalled();
    expect(changes).toEqual([]);
    expect(text($(element, '[data-error="new-name"]'))).toBe(
      `Enter a name of 1 to ${SETUP_LIMITS.name.maxLength} characters.`,
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBeTruthy();
    await expect(element).toBeAccessible();
    // Typing a good name clears the error at once.
    await type(input, 'Returns');
    expect($(element, '[data-error="new-name"]')).toBeNull();
  });

  it('shows a failed creation in words with its code apart', async () => {
    createService.mockRejectedValue({
      body: { message: 'conflict: service returns exists already' },
    });
    const { element, changes } = await mount();
    await type($(element, '[data-id="new-name"]'), 'Returns');
    await submit($$(element, 'form').at(-1));
    expect(changes).toEqual([]);
    expect($$(element, '[data-id="failure"] p').map(text)).toEqual([
      'Create service failed: Service returns exists already.',
      'Code for support: conflict',
    ]);
  });

  it('renames a service in its row, and gives the focus back to its Rename', async () => {
    renameService.mockResolvedValue(JSON.stringify({ id: 'billing', name: 'Invoices' }));
    const { element, changes } = await mount();
    $(element, 'button[data-rename="billing"]').click();
    await settle();
    const input = $(element, 'input[data-id="billing"]');
    expect(input.value).toBe('Billing');
    expect(text(element.shadowRoot.querySelector(`label[for="${input.id}"]`))).toBe(
      'New name for Billing',
    );
    expect(element.shadowRoot.activeElement).toBe(input);
    await expect(element).toBeAccessible();
    await type(input, 'Invoices');
    await submit($(element, 'tbody form'));
    expect(renameService).toHaveBeenCalledWith({ serviceId: 'billing', name: 'Invoices' });
    expect(changes).toEqual([[SERVICES[0], { id: 'billing', name: 'Invoices' }]]);
    expect(text($(element, '[data-id="status"]'))).toBe('Billing renamed to Invoices.');
    await settle();
    expect(element.shadowRoot.activeElement).toBe($(element, 'button[data-rename="billing"]'));
  });

  it('Escape leaves a rename without sending it', async () => {
    const { element } = await mount();
    $(element, 'button[data-rename="sales"]').click();
    await settle();
    $(element, 'input[data-id="sales"]').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', cancelable: true }),
    );
    await settle();
    expect($(element, 'tbody form')).toBeNull();
    expect(renameService).not.toHaveBeenCalled();
  });

  it('refuses a blank new name in the row', async () => {
    const { element } = await mount();
    $(element, 'button[data-rename="sales"]').click();
    await settle();
    await type($(element, 'input[data-id="sales"]'), ' ');
    await submit($(element, 'tbody form'));
    expect(renameService).not.toHaveBeenCalled();
    expect(text($(element, '[data-error="rename"]'))).toContain('Enter a name');
  });

  it('removes a service', async () => {
    removeService.mockResolvedValue(undefined);
    const { element, changes } = await mount();
    $(element, 'button[data-remove="sales"]').click();
    await settle();
    expect(removeService).toHaveBeenCalledWith({ serviceId: 'sales' });
    expect(changes).toEqual([[SERVICES[1]]]);
    expect(text($(element, '[data-id="status"]'))).toBe('Sales removed.');
  });

  it('shows a refused removal in the routing service’s words; the list stays', async () => {
    removeService.mockRejectedValue({
      body: { message: 'service-in-use: 2 interactions wait at Billing and 3 agents serve it' },
    });
    const { element, changes } = await mount();
    $(element, 'button[data-remove="billing"]').click();
    await settle();
    expect(changes).toEqual([]);
    expect($$(element, 'tbody th').map(text)).toEqual(['Sales', 'Billing']);
    expect($$(element, '[data-id="failure"] p').map(text)).toEqual([
      'Billing was not removed: 2 interactions wait at Billing and 3 agents serve it.',
      'Code for support: service-in-use',
    ]);
    await expect(element).toBeAccessible();
  });
});
