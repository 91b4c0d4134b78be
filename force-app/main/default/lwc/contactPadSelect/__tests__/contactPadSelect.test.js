import { createElement } from 'lwc';
import ContactPadSelect from 'c/contactPadSelect';

const OPTIONS = [
  { value: 'lunch', label: 'Lunch', selected: false },
  { value: 'training', label: 'Training', selected: true },
];

function mount(props) {
  const element = createElement('c-contact-pad-select', { is: ContactPadSelect });
  Object.assign(element, { label: 'Away reason', options: OPTIONS }, props);
  document.body.appendChild(element);
  return element;
}

describe('c-contact-pad-select', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('is a select named by its label, with the options and the one selected', async () => {
    const element = mount();
    await Promise.resolve();
    const select = element.shadowRoot.querySelector('select');
    const label = element.shadowRoot.querySelector(`label[for="${select.id}"]`);
    expect(label.textContent).toBe('Away reason');
    expect([...select.options].map((option) => [option.value, option.textContent.trim()])).toEqual([
      ['lunch', 'Lunch'],
      ['training', 'Training'],
    ]);
    expect(select.value).toBe('training');
  });

  it('dispatches valuechange with the value chosen; disabled, it cannot be used', async () => {
    const element = mount();
    const handler = jest.fn();
    element.addEventListener('valuechange', handler);
    await Promise.resolve();
    const select = element.shadowRoot.querySelector('select');
    select.value = 'lunch';
    select.dispatchEvent(new CustomEvent('change'));
    expect(handler.mock.calls[0][0].detail).toEqual({ value: 'lunch' });
    element.disabled = true;
    await Promise.resolve();
    expect(select.disabled).toBe(true);
  });
});
