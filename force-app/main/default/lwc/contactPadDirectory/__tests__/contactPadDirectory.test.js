import { createElement } from 'lwc';
import ContactPadDirectory from 'c/contactPadDirectory';
import { Directory } from 'c/contactPadCore';

// Labels with placeholders, so the formatting is seen (other labels stay as their names).
jest.mock('@salesforce/label/c.ContactPad_Waiting', () => ({ default: '{0} waiting' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_DialNumber', () => ({ default: 'Dial {0}' }), {
  virtual: true,
});

const agent = (id, name, presence = 'available-now') => ({ type: 'agent', id, name, presence });
const service = (id, name, waiting = 0) => ({ type: 'service', id, name, waiting });

const NO_FEATURES = {
  multiInteraction: false,
  crossMediaConsult: false,
  transferToService: false,
  callLogging: false,
  recording: false,
};

function entries() {
  return [
    agent('a-bob', 'Bob Baker', 'logged-in'),
    agent('a-alice', 'Alice Able'),
    service('s-support', 'Support'),
    agent('a-dan', 'Dan Dole', 'logged-out'),
    agent('a-carol', 'Carol Cole', 'interruptible'),
    service('s-sales', 'Sales', 3),
    agent('a-erin', 'Erin Eve'),
  ];
}

const flush = () => Promise.resolve();

function mount(props = {}) {
  const element = createElement('c-contact-pad-directory', { is: ContactPadDirectory });
  Object.assign(element, {
    directory: new Directory(entries()),
    mode: 'consult',
    modes: ['consult'],
    kind: 'live',
    features: NO_FEATURES,
    ...props,
  });
  document.body.appendChild(element);
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const search = (element) => $(element, 'input[role="combobox"]');
const options = (element) =>
  $$(element, '[role="option"]').sort(
    (a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')),
  );
const names = (element) =>
  options(element).map((option) => option.querySelector('.slds-listbox__option-text').textContent);
const chooseButton = (element) => $(element, '.slds-modal__footer .slds-button_brand');

function activeOption(element) {
  const id = search(element).getAttribute('aria-activedescendant');
  if (!id) return null;
  return options(element).find((option) => option.id === id) ?? null;
}

function activeName(element) {
  const option = activeOption(element);
  return option ? option.querySelector('.slds-listbox__option-text').textContent : null;
}

async function press(element, key, init = {}) {
  search(element).dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
  );
  await flush();
}

async function type(element, text) {
  const input = search(element);
  input.value = text;
  input.dispatchEvent(new CustomEvent('input', { bubbles: true }));
  await flush();
}

function listen(element, name) {
  const handler = jest.fn();
  element.addEventListener(name, handler);
  return handler;
}

describe('c-contact-pad-directory', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('dialog and combobox', () => {
    it('is a modal dialog named by its heading, with a Search combobox controlling a listbox', async () => {
      const element = mount();
      await flush();
      const dialog = $(element, 'section');
      expect(dialog.getAttribute('role')).toBe('dialog');
      expect(dialog.getAttribute('aria-modal')).toBe('true');
      const heading = $(element, 'h2');
      expect(dialog.getAttribute('aria-labelledby')).toBe(heading.id);
      expect(heading.textContent).toBe('c.ContactPad_Consult');

      const input = search(element);
      const listbox = $(element, '[role="listbox"]');
      expect(input.getAttribute('aria-controls')).toBe(listbox.id);
      expect(input.getAttribute('aria-autocomplete')).toBe('list');
      expect(input.getAttribute('aria-expanded')).toBe('true');
      expect(listbox.getAttribute('aria-label')).toBe('c.ContactPad_Directory');
      expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    });

    it('lists agents and services alphabetically with presence, reasons and waiting counts', async () => {
      const element = mount();
      await flush();
      expect(names(element)).toEqual([
        'Alice Able',
        'Bob Baker',
        'Carol Cole',
        'Dan Dole',
        'Erin Eve',
        'Sales',
        'Support',
      ]);
      const [alice, bob] = options(element);
      expect(alice.textContent).toContain('c.ContactPad_AvailableNow');
      expect(alice.hasAttribute('aria-disabled')).toBe(false);
      expect(bob.getAttribute('aria-disabled')).toBe('true');
      expect(bob.textContent).toContain('c.ContactPad_LoggedIn');
      expect(bob.textContent).toContain('c.ContactPad_CannotConsultAgent');
      expect(options(element)[5].textContent).toContain('3 waiting');
      expect(options(element)[6].textContent).toContain('0 waiting');
      options(element).forEach((option, index) => {
        expect(option.getAttribute('aria-setsize')).toBe('7');
        expect(option.getAttribute('aria-posinset')).toBe(String(index + 1));
      });
    });

    it('is accessible', async () => {
      const element = mount({ modes: ['consult', 'transfer'] });
      await flush();
      await press(element, 'ArrowDown');
      await expect(element).toBeAccessible();
    });

    it('is accessible with no matches', async () => {
      const element = mount();
      await flush();
      await type(element, 'zzz');
      await expect(element).toBeAccessible();
    });
  });

  describe('keyboard', () => {
    it('moves with the arrows, skipping agents who cannot be consulted, without wrapping', async () => {
      const element = mount();
      await flush();
      await press(element, 'ArrowDown');
      expect(activeName(element)).toBe('Alice Able');
      expect(activeOption(element).getAttribute('aria-selected')).toBe('true');
      await press(element, 'ArrowDown');
      expect(activeName(element)).toBe('Carol Cole');
      await press(element, 'ArrowDown');
      expect(activeName(element)).toBe('Erin Eve');
      await press(element, 'ArrowUp');
      expect(activeName(element)).toBe('Carol Cole');
      await press(element, 'End');
      expect(activeName(element)).toBe('Support');
      await press(element, 'ArrowDown');
      expect(activeName(element)).toBe('Support');
      await press(element, 'Home');
      expect(activeName(element)).toBe('Alice Able');
      await press(element, 'ArrowUp');
      expect(activeName(element)).toBe('Alice Able');
    });

    it('ArrowUp with nothing active goes to the last row', async () => {
      const element = mount();
      await flush();
      await press(element, 'ArrowUp');
      expect(activeName(element)).toBe('Support');
    });

    it('Return chooses the active agent', async () => {
      const element = mount();
      const choose = listen(element, 'choose');
      await flush();
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      expect(choose).toHaveBeenCalledTimes(1);
      expect(choose.mock.calls[0][0].detail).toEqual({
        mode: 'consult',
        target: { type: 'agent', id: 'a-carol' },
      });
    });

    it('Return chooses a service', async () => {
      const element = mount();
      const choose = listen(element, 'choose');
      await flush();
      await press(element, 'End');
      await press(element, 'ArrowUp');
      await press(element, 'Enter');
      expect(choose.mock.calls[0][0].detail.target).toEqual({
        type: 'service',
        id: 's-sales',
      });
    });

    it('Return with nothing active does nothing', async () => {
      const element = mount();
      const choose = listen(element, 'choose');
      await flush();
      await press(element, 'Enter');
      expect(choose).not.toHaveBeenCalled();
    });

    it('Escape closes', async () => {
      const element = mount();
      const close = listen(element, 'close');
      await flush();
      await press(element, 'Escape');
      expect(close).toHaveBeenCalledTimes(1);
      expect(close.mock.calls[0][0].detail).toBeNull();
    });

    it('Escape closes from a button too', async () => {
      const element = mount();
      const close = listen(element, 'close');
      await flush();
      $(element, '.slds-button_neutral').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
      expect(close).toHaveBeenCalledTimes(1);
    });

    it('keeps Tab inside the dialog', async () => {
      const element = mount();
      await flush();
      const cancel = $(element, '.slds-button_neutral');
      cancel.focus();
      // Dial is disabled: Cancel is the last stop, so Tab goes round to the Search field.
      const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
      cancel.dispatchEvent(tab);
      expect(tab.defaultPrevented).toBe(true);
      expect(element.shadowRoot.activeElement).toBe(search(element));
      const back = new KeyboardEvent('keydown', {
        key: 'Tab',
        shiftKey: true,
        bubbles: true,
        cancelable: true,
      });
      search(element).dispatchEvent(back);
      expect(back.defaultPrevented).toBe(true);
      expect(element.shadowRoot.activeElement).toBe(cancel);
    });

    it('focuses the Search field when it opens', async () => {
      const element = mount();
      await flush();
      expect(element.shadowRoot.activeElement).toBe(search(element));
    });
  });

  describe('search', () => {
    it('filters by any part of a name', async () => {
      const element = mount();
      await flush();
      await type(element, 'ol');
      expect(names(element)).toEqual(['Carol Cole', 'Dan Dole']);
      await type(element, 'ole');
      expect(names(element)).toEqual(['Carol Cole', 'Dan Dole']);
      await type(element, 'cole');
      expect(names(element)).toEqual(['Carol Cole']);
    });

    it('selects a unique whole name by itself', async () => {
      const element = mount();
      const choose = listen(element, 'choose');
      await flush();
      await type(element, 'Carol Cole');
      expect(activeName(element)).toBe('Carol Cole');
      expect(chooseButton(element).disabled).toBe(false);
      await press(element, 'Enter');
      expect(choose.mock.calls[0][0].detail.target).toEqual({ type: 'agent', id: 'a-carol' });
    });

    it.each(['consult', 'transfer'])(
      'lists the signed-in agent as You, never a target (%s)',
      async (mode) => {
        const element = mount({ agentId: 'a-carol', mode, modes: [mode] });
        const choose = listen(element, 'choose');
        await flush();
        await type(element, 'Carol Cole');
        expect(names(element)).toEqual(['Carol Cole']);
        const [carol] = options(element);
        expect(carol.getAttribute('aria-disabled')).toBe('true');
        expect(carol.textContent).toContain('c.ContactPad_CannotChooseYourself');
        expect(activeOption(element)).toBeNull();
        await press(element, 'Enter');
        expect(choose).not.toHaveBeenCalled();
      },
    );

    it('does not select a whole name that cannot be consulted', async () => {
      const element = mount();
      await flush();
      await type(element, 'Dan Dole');
      expect(names(element)).toEqual(['Dan Dole']);
      expect(activeOption(element)).toBeNull();
      expect(chooseButton(element).disabled).toBe(true);
    });

    it('a telephone number shows No matches found and Dial chooses the number', async () => {
      const element = mount();
      const choose = listen(element, 'choose');
      await flush();
      await type(element, '+44 20 7946 0000');
      expect(options(element)).toHaveLength(0);
      expect($(element, '[role="status"]').textContent.trim()).toBe('c.ContactPad_NoMatchesFound');
      const dial = chooseButton(element);
      expect(dial.disabled).toBe(false);
      expect(dial.textContent.trim()).toBe('Dial +442079460000');
      dial.click();
      expect(choose.mock.calls[0][0].detail).toEqual({
        mode: 'consult',
        target: { type: 'number', number: '+442079460000' },
      });
      await press(element, 'Enter');
      expect(choose).toHaveBeenCalledTimes(2);
    });

    it('says nothing when names match', async () => {
      const element = mount();
      await flush();
      expect($(element, '[role="status"]').textContent.trim()).toBe('');
    });
  });

  describe('transfer', () => {
    it('lists every agent, selectable, with when they can handle it; no services without the feature', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'non-live' });
      await flush();
      expect($(element, 'h2').textContent).toBe('c.ContactPad_Transfer');
      expect(names(element)).toEqual([
        'Alice Able',
        'Bob Baker',
        'Carol Cole',
        'Dan Dole',
        'Erin Eve',
      ]);
      expect(options(element).some((option) => option.hasAttribute('aria-disabled'))).toBe(false);
      const [alice, bob, carol, dan] = options(element);
      expect(alice.textContent).toContain('c.ContactPad_HandledNow');
      expect(bob.textContent).toContain('c.ContactPad_HandledWhenAvailable');
      expect(carol.textContent).toContain('c.ContactPad_HandledWhenAvailable');
      expect(dan.textContent).toContain('c.ContactPad_HandledAtNextLogIn');
      expect(chooseButton(element).textContent.trim()).toBe('c.ContactPad_Transfer');
    });

    it('lists services with the transfer-to-service feature', async () => {
      const element = mount({
        mode: 'transfer',
        modes: ['transfer'],
        kind: 'non-live',
        features: { ...NO_FEATURES, transferToService: true },
      });
      await flush();
      expect(names(element)).toEqual([
        'Alice Able',
        'Bob Baker',
        'Carol Cole',
        'Dan Dole',
        'Erin Eve',
        'Sales',
        'Support',
      ]);
    });

    it('re-lists when the transfer-to-service feature changes', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'non-live' });
      await flush();
      expect(names(element)).toHaveLength(5);
      element.features = { ...NO_FEATURES, transferToService: true };
      await flush();
      expect(names(element)).toHaveLength(7);
    });

    it('moves through agents of every presence and Transfer chooses', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'non-live' });
      const choose = listen(element, 'choose');
      await flush();
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      expect(activeName(element)).toBe('Bob Baker');
      chooseButton(element).click();
      expect(choose.mock.calls[0][0].detail).toEqual({
        mode: 'transfer',
        target: { type: 'agent', id: 'a-bob' },
      });
    });

    it('never offers a telephone number for non-live work', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'non-live' });
      const choose = listen(element, 'choose');
      await flush();
      await type(element, '+44 20 7946 0000');
      expect(options(element)).toHaveLength(0);
      expect(chooseButton(element).disabled).toBe(true);
      await press(element, 'Enter');
      expect(choose).not.toHaveBeenCalled();
    });

    it('offers a telephone number for a live call', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'live' });
      const choose = listen(element, 'choose');
      await flush();
      await type(element, '020 7946 0000');
      expect($(element, '[role="status"]').textContent.trim()).toBe('c.ContactPad_NoMatchesFound');
      await press(element, 'Enter');
      expect(choose.mock.calls[0][0].detail).toEqual({
        mode: 'transfer',
        target: { type: 'number', number: '02079460000' },
      });
    });

    it('selects a unique whole name of a logged-out agent', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'non-live' });
      await flush();
      await type(element, 'dan dole');
      expect(activeName(element)).toBe('Dan Dole');
    });
  });

  describe('Consult | Transfer switch', () => {
    it('is not shown when one mode is offered', async () => {
      const element = mount();
      await flush();
      expect($(element, 'input[type="radio"]')).toBeNull();
    });

    it('is shown when both are offered and dispatches modechange', async () => {
      const element = mount({ modes: ['consult', 'transfer'], kind: 'non-live' });
      const modechange = listen(element, 'modechange');
      await flush();
      const radios = $$(element, 'input[type="radio"]');
      expect(radios).toHaveLength(2);
      expect($(element, 'legend').textContent.trim()).toBe('c.ContactPad_ConsultOrTransfer');
      const [consult, transfer] = radios;
      expect(consult.checked).toBe(true);
      expect(transfer.checked).toBe(false);

      transfer.click();
      await flush();
      expect(modechange).toHaveBeenCalledTimes(1);
      expect(modechange.mock.calls[0][0].detail).toEqual({ mode: 'transfer' });
      // Re-listed at once: every agent can be chosen, services without the feature go.
      expect($(element, 'h2').textContent).toBe('c.ContactPad_Transfer');
      expect(names(element)).toHaveLength(5);
      expect(options(element).some((option) => option.hasAttribute('aria-disabled'))).toBe(false);

      element.mode = 'transfer';
      await flush();
      expect(modechange).toHaveBeenCalledTimes(1);
    });

    it('follows the mode the container sets', async () => {
      const element = mount({ modes: ['consult', 'transfer'] });
      await flush();
      element.mode = 'transfer';
      await flush();
      const [consult, transfer] = $$(element, 'input[type="radio"]');
      expect(consult.checked).toBe(false);
      expect(transfer.checked).toBe(true);
    });
  });

  describe('mouse and buttons', () => {
    it('Dial is disabled until something choosable is active', async () => {
      const element = mount();
      await flush();
      const dial = chooseButton(element);
      expect(dial.textContent.trim()).toBe('c.ContactPad_Dial');
      expect(dial.disabled).toBe(true);
      await press(element, 'ArrowDown');
      expect(dial.disabled).toBe(false);
    });

    it('a click selects a name, Dial then chooses it; a double click chooses at once', async () => {
      const element = mount();
      const choose = listen(element, 'choose');
      await flush();
      options(element)[4].click();
      await flush();
      expect(activeName(element)).toBe('Erin Eve');
      expect(choose).not.toHaveBeenCalled();
      chooseButton(element).click();
      expect(choose.mock.calls[0][0].detail.target).toEqual({ type: 'agent', id: 'a-erin' });

      options(element)[5].dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      await flush();
      expect(choose.mock.calls[1][0].detail.target).toEqual({
        type: 'service',
        id: 's-sales',
      });
    });

    it('a click on an agent who cannot be consulted selects nothing', async () => {
      const element = mount();
      await flush();
      options(element)[1].click();
      await flush();
      expect(activeOption(element)).toBeNull();
      expect(chooseButton(element).disabled).toBe(true);
    });

    it('Cancel closes', async () => {
      const element = mount();
      const close = listen(element, 'close');
      await flush();
      $(element, '.slds-modal__footer .slds-button_neutral').click();
      expect(close).toHaveBeenCalledTimes(1);
    });
  });

  describe('directory updates', () => {
    it('a version bump re-runs the search and keeps the active entry', async () => {
      const directory = new Directory(entries());
      const element = mount({ directory });
      await flush();
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      expect(activeName(element)).toBe('Carol Cole');

      directory.apply(
        [agent('a-aaron', 'Aaron Eagle'), agent('a-bob', 'Bob Baker', 'available-now')],
        [{ type: 'agent', id: 'a-alice' }],
      );
      element.version = 1;
      await flush();
      expect(names(element)).toContain('Aaron Eagle');
      expect(names(element)).not.toContain('Alice Able');
      expect(activeName(element)).toBe('Carol Cole');
      await press(element, 'ArrowUp');
      expect(activeName(element)).toBe('Bob Baker');
    });

    it('drops the active entry when it leaves the directory', async () => {
      const directory = new Directory(entries());
      const element = mount({ directory });
      await flush();
      await press(element, 'ArrowDown');
      directory.apply([], [{ type: 'agent', id: 'a-alice' }]);
      element.version = 2;
      await flush();
      expect(activeOption(element)).toBeNull();
      expect(chooseButton(element).disabled).toBe(true);
    });
  });

  describe('virtual list', () => {
    function bigDirectory(size) {
      const list = [];
      for (let i = 0; i < size; i++) {
        const n = String(i).padStart(5, '0');
        list.push(agent(`a-${n}`, `Agent ${n}`, i % 3 === 2 ? 'logged-out' : 'available-now'));
      }
      return new Directory(list);
    }

    it('renders only the rows in view for 50,000 entries, and End reaches the last', async () => {
      const element = mount({ directory: bigDirectory(50000) });
      await flush();
      const rendered = options(element);
      expect(rendered.length).toBeGreaterThan(5);
      expect(rendered.length).toBeLessThan(40);
      expect(rendered[0].getAttribute('aria-setsize')).toBe('50000');
      const spacer = $(element, '.spacer');
      expect(spacer.style.height).toBe(`${50000 * 52}px`);

      await press(element, 'End');
      const last = activeOption(element);
      expect(last).not.toBeNull();
      expect(last.getAttribute('aria-posinset')).toBe('50000');
      expect(activeName(element)).toBe('Agent 49999');
      expect(options(element).length).toBeLessThan(40);
      expect($(element, '[role="listbox"]').scrollTop).toBeGreaterThanOrEqual(0);

      await press(element, 'ArrowUp');
      expect(activeName(element)).toBe('Agent 49998');
      await press(element, 'ArrowUp');
      // Agent 49997 is logged out (49997 % 3 === 2): skipped.
      expect(activeName(element)).toBe('Agent 49996');

      await press(element, 'Home');
      expect(activeName(element)).toBe('Agent 00000');
      expect(options(element)[0].getAttribute('aria-posinset')).toBe('1');
    });

    it('follows the scroller as it scrolls', async () => {
      const element = mount({ directory: bigDirectory(1000) });
      await flush();
      const scroller = $(element, '[role="listbox"]');
      Object.defineProperty(scroller, 'scrollTop', { value: 520 * 52, configurable: true });
      scroller.dispatchEvent(new CustomEvent('scroll'));
      await flush();
      const positions = options(element).map((option) =>
        Number(option.getAttribute('aria-posinset')),
      );
      expect(positions).toContain(521);
      expect(Math.min(...positions)).toBeGreaterThan(500);
      expect(positions.length).toBeLessThan(40);
    });

    it('moves the scroller only when it is not where the list wants it', async () => {
      const element = mount({ directory: bigDirectory(1000) });
      await flush();
      const scroller = $(element, '[role="listbox"]');
      let position = 0;
      const writes = [];
      Object.defineProperty(scroller, 'scrollTop', {
        configurable: true,
        get: () => position,
        set: (value) => {
          writes.push(value);
          position = value;
        },
      });
      // Typing at the top of the list: already at 0, nothing to write.
      await type(element, 'a');
      await type(element, 'ag');
      expect(writes).toEqual([]);
      // Scrolled down, the next keystroke brings the list back to the top.
      position = 300 * 52;
      scroller.dispatchEvent(new CustomEvent('scroll'));
      await flush();
      await type(element, 'age');
      expect(writes).toEqual([0]);
      await type(element, 'agen');
      expect(writes).toEqual([0]);
      // A keyboard move past the viewport scrolls again.
      await press(element, 'End');
      expect(writes).toHaveLength(2);
      expect(writes[1]).toBeGreaterThan(0);
    });

    it('keeps the active row rendered when scrolled away from it', async () => {
      const element = mount({ directory: bigDirectory(1000) });
      await flush();
      await press(element, 'ArrowDown');
      const scroller = $(element, '[role="listbox"]');
      Object.defineProperty(scroller, 'scrollTop', { value: 800 * 52, configurable: true });
      scroller.dispatchEvent(new CustomEvent('scroll'));
      await flush();
      expect(activeName(element)).toBe('Agent 00000');
    });

    it('narrows as the query grows', async () => {
      const element = mount({ directory: bigDirectory(50000) });
      await flush();
      // Digits alone would be a telephone number to dial.
      await type(element, 'nt 4999');
      expect(options(element)[0].getAttribute('aria-setsize')).toBe('10');
      await type(element, 'nt 49999');
      expect(names(element)).toEqual(['Agent 49999']);
      await type(element, 'Agent 49999');
      expect(activeName(element)).toBe('Agent 49999');
    });
  });
});
