import { createElement } from 'lwc';
import ContactPadConnection from 'c/contactPadConnection';

// Labels with placeholders get their English text, so the numbers and reasons show.
jest.mock(
  '@salesforce/label/c.ContactPad_Reconnecting',
  () => ({ default: 'Reconnecting… next try in {0} s' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_ConnectionFailed',
  () => ({ default: 'Cannot connect: {0}' }),
  { virtual: true },
);

const NOW = 1795000000000;

function render(state, now = NOW) {
  const element = createElement('c-contact-pad-connection', { is: ContactPadConnection });
  element.state = state;
  element.now = now;
  document.body.appendChild(element);
  return element;
}

const flush = () => Promise.resolve();
const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);

describe('c-contact-pad-connection', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('says it is connecting, in a status region', async () => {
    const element = render({ status: 'connecting', attempt: 0 });
    await flush();
    expect($(element, 'status').getAttribute('role')).toBe('status');
    expect($(element, 'message').textContent).toBe('c.ContactPad_Connecting');
    expect($(element, 'retry')).toBeNull();
  });

  it('shows a small badge when connected', async () => {
    const element = render({ status: 'connected', sessionId: 's-1' });
    await flush();
    expect($(element, 'badge').textContent).toBe('c.ContactPad_Connected');
    expect($(element, 'message')).toBeNull();
  });

  it('counts down the seconds to the next try while reconnecting', async () => {
    const element = render({
      status: 'reconnecting',
      attempt: 2,
      nextTryAt: NOW + 4200,
      reason: 'heartbeat timeout',
    });
    await flush();
    expect($(element, 'message').textContent).toBe('Reconnecting… next try in 5 s');
    expect($(element, 'reason').textContent).toBe('heartbeat timeout');

    element.now = NOW + 3500;
    await flush();
    expect($(element, 'message').textContent).toBe('Reconnecting… next try in 1 s');

    element.now = NOW + 9000;
    await flush();
    expect($(element, 'message').textContent).toBe('Reconnecting… next try in 0 s');
  });

  it('shows why it failed and offers Try again, which dispatches retry', async () => {
    const element = render({ status: 'failed', reason: 'unsupported version', code: 4426 });
    const retry = jest.fn();
    element.addEventListener('retry', retry);
    await flush();
    expect($(element, 'message').textContent).toBe('Cannot connect: unsupported version');
    const button = $(element, 'retry');
    expect(button.label).toBe('c.ContactPad_Retry');
    button.click();
    expect(retry).toHaveBeenCalledTimes(1);
    expect(retry.mock.calls[0][0].detail).toBeNull();
  });

  it('says another ContactPad took its place after tooManySessions, and offers Try again', async () => {
    const element = render({ status: 'failed', reason: 'a newer session', code: 4409 });
    await flush();
    expect($(element, 'message').textContent).toBe('c.ContactPad_ReasonReplaced');
    expect($(element, 'retry')).not.toBeNull();
  });

  it('says not connected before there is a state', async () => {
    const element = render(null);
    await flush();
    expect($(element, 'message').textContent).toBe('c.ContactPad_NotConnected');
  });

  it('is accessible', async () => {
    const element = render({ status: 'failed', reason: 'bad request', code: 4400 });
    await flush();
    await expect(element).toBeAccessible();
  });
});
