import { createElement } from 'lwc';
import ContactPadSupervisorPresence from 'c/contactPadSupervisorPresence';

jest.mock(
  '@salesforce/label/c.ContactPad_SupervisorChangeStateOf',
  () => ({ default: 'Change the state of {0}' }),
  { virtual: true },
);

function render(props = {}) {
  const element = createElement('c-contact-pad-supervisor-presence', {
    is: ContactPadSupervisorPresence,
  });
  Object.assign(element, { agentName: 'Bob Lee', reasons: ['Break', 'Training'], ...props });
  document.body.appendChild(element);
  return element;
}

const flush = () => Promise.resolve();
const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
/** Chooses a value in one of the form's labelled selects (c-contact-pad-select). */
async function choose(element, id, value) {
  const select = $(element, id).shadowRoot.querySelector('select');
  select.value = value;
  select.dispatchEvent(new CustomEvent('change'));
  await flush();
}
const applied = (element) => {
  const listener = jest.fn();
  element.addEventListener('presenceset', listener);
  return listener;
};

describe('c-contact-pad-supervisor-presence', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('names the agent; Away takes the first of the account’s Away reasons unless another is chosen', async () => {
    const element = render();
    const listener = applied(element);
    await flush();
    expect($(element, 'heading').textContent.trim()).toBe('Change the state of Bob Lee');
    expect($(element, 'reason')).not.toBeNull();
    expect($(element, 'words')).toBeNull();
    $(element, 'apply').click();
    expect(listener.mock.calls[0][0].detail).toEqual({ presence: 'away', reason: 'Break' });

    await choose(element, 'reason', 'Training');
    $(element, 'apply').click();
    expect(listener.mock.calls[1][0].detail).toEqual({ presence: 'away', reason: 'Training' });
    await expect(element).toBeAccessible();
  });

  it('Away needs no reason when the account has none', async () => {
    const element = render({ reasons: [] });
    const listener = applied(element);
    await flush();
    expect($(element, 'reason')).toBeNull();
    $(element, 'apply').click();
    expect(listener.mock.calls[0][0].detail).toEqual({ presence: 'away', reason: null });
  });

  it('Away reasons not known: the reason is asked for in words', async () => {
    const element = render({ reasons: null });
    const listener = applied(element);
    await flush();
    expect($(element, 'reason')).toBeNull();
    expect(element.shadowRoot.querySelector('label[for]').textContent).toBe(
      'c.ContactPad_AwayReason',
    );
    const words = $(element, 'words');
    words.value = ' Training ';
    words.dispatchEvent(new CustomEvent('input'));
    await flush();
    $(element, 'apply').click();
    expect(listener.mock.calls[0][0].detail).toEqual({ presence: 'away', reason: 'Training' });
    await expect(element).toBeAccessible();
  });

  it('Logged out takes the words the agent sees, or none', async () => {
    const element = render();
    const listener = applied(element);
    await flush();
    await choose(element, 'presence', 'logged-out');
    expect($(element, 'reason')).toBeNull();
    const words = $(element, 'words');
    expect(element.shadowRoot.querySelector('label[for]').textContent).toBe(
      'c.ContactPad_SupervisorLogOutReason',
    );
    $(element, 'apply').click();
    expect(listener.mock.calls[0][0].detail).toEqual({ presence: 'logged-out', reason: null });

    words.value = '  Shift over  ';
    words.dispatchEvent(new CustomEvent('input'));
    await flush();
    $(element, 'apply').click();
    expect(listener.mock.calls[1][0].detail).toEqual({
      presence: 'logged-out',
      reason: 'Shift over',
    });
    await expect(element).toBeAccessible();
  });

  it('shows a refusal in words as an alert; busy or not live, Apply is disabled', async () => {
    const element = render({ error: 'That reason is not on the list.' });
    const listener = applied(element);
    await flush();
    expect($(element, 'error').getAttribute('role')).toBe('alert');
    expect($(element, 'error').textContent).toBe('That reason is not on the list.');

    element.busy = true;
    await flush();
    expect($(element, 'apply').disabled).toBe(true);
    $(element, 'apply').click();
    expect(listener).not.toHaveBeenCalled();

    element.busy = false;
    element.disabled = true;
    await flush();
    expect($(element, 'apply').disabled).toBe(true);
    expect($(element, 'cancel').disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('Cancel raises cancel; focus() puts the focus on the heading', async () => {
    const element = render();
    const cancelled = jest.fn();
    element.addEventListener('cancel', cancelled);
    await flush();
    $(element, 'cancel').click();
    expect(cancelled).toHaveBeenCalledTimes(1);
    element.focus();
    expect(element.shadowRoot.activeElement).toBe($(element, 'heading'));
  });
});
