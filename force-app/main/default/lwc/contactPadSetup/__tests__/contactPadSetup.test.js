import { createElement } from 'lwc';
import ContactPadSetup from 'c/contactPadSetup';
import listServices from '@salesforce/apex/ContactPadSetupController.listServices';
import listAgents from '@salesforce/apex/ContactPadSetupController.listAgents';
import getSettings from '@salesforce/apex/ContactPadSetupController.getSettings';
import createService from '@salesforce/apex/ContactPadSetupController.createService';
import { settingsFixture } from '../../../../../../src/protocol/fixtures';

jest.mock(
  '@salesforce/apex/ContactPadSetupController.listServices',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock('@salesforce/apex/ContactPadSetupController.listAgents', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock(
  '@salesforce/apex/ContactPadSetupController.getSettings',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ContactPadSetupController.createService',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetupLoadFailed',
  () => ({ default: 'The setup could not be read: {0}' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_ErrorDetail',
  () => ({ default: 'Code for support: {0}' }),
  { virtual: true },
);

// eslint-disable-next-line @lwc/lwc/no-async-operation
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = (element, selector) => element.shadowRoot.querySelector(selector);

async function mount() {
  const element = createElement('c-contact-pad-setup', { is: ContactPadSetup });
  document.body.appendChild(element);
  await settle();
  await settle();
  return element;
}

describe('c-contact-pad-setup', () => {
  beforeEach(() => {
    listServices.mockResolvedValue(JSON.stringify([{ id: 'sales', name: 'Sales' }]));
    listAgents.mockResolvedValue(
      JSON.stringify([
        {
          id: 'ann-lee',
          name: 'Ann Lee',
          services: ['sales'],
          weightOverrides: {},
          presence: 'logged-in',
          state: 'away',
        },
      ]),
    );
    getSettings.mockResolvedValue(JSON.stringify(settingsFixture()));
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('is the page: a title, then services, system settings and agents', async () => {
    const element = await mount();
    expect(text($(element, 'h1'))).toBe('c.ContactPad_SetupTitle');
    const services = $(element, 'c-contact-pad-setup-services');
    const agents = $(element, 'c-contact-pad-setup-agents');
    expect(services.services).toEqual([{ id: 'sales', name: 'Sales' }]);
    expect(agents.services).toEqual([{ id: 'sales', name: 'Sales' }]);
    expect(
      $(element, 'c-contact-pad-setup-settings').shadowRoot.querySelector('form'),
    ).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('a service created reaches the agents’ editor', async () => {
    createService.mockResolvedValue(JSON.stringify({ id: 'returns', name: 'Returns' }));
    const element = await mount();
    const services = $(element, 'c-contact-pad-setup-services');
    const input = services.shadowRoot.querySelector('[data-id="new-name"]');
    input.value = 'Returns';
    input.dispatchEvent(new CustomEvent('input'));
    await settle();
    [...services.shadowRoot.querySelectorAll('form')]
      .at(-1)
      .dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await settle();
    expect($(element, 'c-contact-pad-setup-agents').services.map((s) => s.id)).toEqual([
      'sales',
      'returns',
    ]);
  });

  it('says in words when the services cannot be read', async () => {
    listServices.mockRejectedValue({
      body: { message: 'unavailable: the routing service did not answer' },
    });
    const element = await mount();
    expect(text($(element, '[data-id="failure"] p'))).toBe(
      'The setup could not be read: The routing service did not answer.',
    );
  });
});
