import ContactPadDirectory from 'c/contactPadDirectory';
import { Directory } from 'c/contactPadCore';
import { modalControl } from 'lightning/modal';
import { ROW_HEIGHT, VISIBLE_ROWS } from '../virtualWindow';

// Labels with placeholders, so the formatting is seen (other labels stay as their names).
jest.mock('@salesforce/label/c.ContactPad_Waiting', () => ({ default: '{0} waiting' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_DialNumber', () => ({ default: 'Dial {0}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_Selected', () => ({ default: '{0} selected' }), {
  virtual: true,
});

const agent = (id, name, presence = 'available-now') => ({ type: 'agent', id, name, presence });
const service = (id, name, waiting = 0, consultable = true) => ({
  type: 'service',
  id,
  name,
  waiting,
  consultable,
});

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

/**
 * Opens the directory as the container does; the element is the modal's, `result` what
 * `choose()` resolves with.
 */
function mount(props = {}) {
  const result = ContactPadDirectory.choose({
    directory: new Directory(entries()),
    mode: 'consult',
    modes: ['consult'],
    kind: 'live',
    features: NO_FEATURES,
    ...props,
  });
  const element = modalControl.opened.at(-1);
  element.result = result;
  return element;
}

/** What the dialog closed with: the choice, or null. */
async function choiceOf(element) {
  const { choice } = await element.result;
  return choice;
}

const isOpen = (element) => modalControl.opened.includes(element);

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const search = (element) => $(element, 'input[role="combobox"]');
const options = (element) =>
  $$(element, '[role="option"]').sort(
    (a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')),
  );
const nameOf = (option) => option.querySelector('.name').textContent;
const names = (element) => options(element).map(nameOf);
const chooseButton = (element) => $(element, 'lightning-modal-footer .slds-button_brand');
const cancelButton = (element) => $(element, 'lightning-modal-footer .slds-button_neutral');
const status = (element) => $(element, '[role="status"]').textContent.trim();

function activeOption(element) {
  const id = search(element).getAttribute('aria-activedescendant');
  if (!id) return null;
  return options(element).find((option) => option.id === id) ?? null;
}

function activeName(element) {
  const option = activeOption(element);
  return option ? nameOf(option) : null;
}

const selectedNames = (element) =>
  options(element)
    .filter((option) => option.getAttribute('aria-selected') === 'true')
    .map(nameOf);

async function press(element, key, init = {}) {
  search(element).dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }),
  );
  await flush();
}

async function type(element, text) {
  const input = search(element);
  input.value = text;
  input.dispatchEvent(new CustomEvent('input'));
  await flush();
}

describe('c-contact-pad-directory', () => {
  afterEach(() => {
    modalControl.reset();
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('modal and combobox', () => {
    it('opens as a small console modal headed by its mode, a Search combobox controlling a listbox', async () => {
      const element = mount();
      await flush();
      expect(element.size).toBe('small');
      expect($(element, 'lightning-modal-header').label).toBe('c.ContactPad_Consult');
      const input = search(element);
      const listbox = $(element, '[role="listbox"]');
      expect(input.getAttribute('aria-controls')).toBe(listbox.id);
      expect(input.getAttribute('aria-autocomplete')).toBe('list');
      expect(input.getAttribute('aria-expanded')).toBe('true');
      expect(input.getAttribute('aria-describedby')).toContain($(element, '[id^="help"]').id);
      expect(listbox.getAttribute('aria-label')).toBe('c.ContactPad_Directory');
      expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    });

    it('shows at least 10 rows at once', async () => {
      const element = mount();
      await flush();
      expect(VISIBLE_ROWS).toBeGreaterThanOrEqual(10);
      expect($(element, '[role="listbox"]').style.height).toBe(`${ROW_HEIGHT * VISIBLE_ROWS}px`);
    });

    it('lists agents and services alphabetically; name, kind and state read apart', async () => {
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
      // What a screen reader reads: the parts apart, the visible middle dots hidden.
      const spoken = (option) => {
        const walker = document.createTreeWalker(option, NodeFilter.SHOW_TEXT);
        let text = '';
        while (walker.nextNode()) {
          if (!walker.currentNode.parentElement.closest('[aria-hidden="true"]')) {
            text += walker.currentNode.textContent;
          }
        }
        return text;
      };
      expect(spoken(alice)).toBe('Alice Able, c.ContactPad_Agent, c.ContactPad_AvailableNow');
      expect(alice.hasAttribute('aria-disabled')).toBe(false);
      expect(bob.getAttribute('aria-disabled')).toBe('true');
      expect(spoken(bob)).toBe(
        'Bob Baker, c.ContactPad_Agent, c.ContactPad_LoggedIn, c.ContactPad_CannotConsultAgent',
      );
      expect(bob.querySelector('.state').title).toBe(
        'c.ContactPad_LoggedIn · c.ContactPad_CannotConsultAgent',
      );
      expect(spoken(options(element)[5])).toBe('Sales, c.ContactPad_Service, 3 waiting');
      options(element).forEach((option, index) => {
        expect(option.getAttribute('aria-setsize')).toBe('7');
        expect(option.getAttribute('aria-posinset')).toBe(String(index + 1));
      });
    });

    it('shows a service nobody can take a consult in, unselectable with the reason', async () => {
      const element = mount({
        directory: new Directory([...entries(), service('s-help', 'Help desk', 2, false)]),
      });
      await flush();
      await type(element, 'Help');
      const [help] = options(element);
      expect(help.getAttribute('aria-disabled')).toBe('true');
      expect(help.querySelector('.state').title).toBe(
        '2 waiting · c.ContactPad_NobodyCanTakeConsult',
      );
      await press(element, 'ArrowDown');
      expect(activeOption(element)).toBeNull();
    });

    it('is accessible', async () => {
      const element = mount({ modes: ['consult', 'transfer'] });
      await flush();
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      await expect(element).toBeAccessible();
    });

    it('is accessible with no matches', async () => {
      const element = mount();
      await flush();
      await type(element, 'zzz');
      await expect(element).toBeAccessible();
    });

    it('focuses the Search field when it opens', async () => {
      const element = mount();
      await flush();
      expect(element.shadowRoot.activeElement).toBe(search(element));
    });

    it('gives focus back to what opened it when it closes', async () => {
      const opener = document.createElement('button');
      document.body.appendChild(opener);
      opener.focus();
      const element = mount();
      await flush();
      await press(element, 'Escape');
      const { choice, gone } = await element.result;
      expect(choice).toBeNull();
      await gone;
      expect(document.activeElement).toBe(opener);
    });
  });

  describe('keyboard', () => {
    it('moves the highlight with the arrows, skipping agents who cannot be consulted, without wrapping', async () => {
      const element = mount();
      await flush();
      await press(element, 'ArrowDown');
      expect(activeName(element)).toBe('Alice Able');
      expect(activeOption(element).classList.contains('slds-has-focus')).toBe(true);
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
      // Moving selects nothing: Return (or a click) does.
      expect(selectedNames(element)).toEqual([]);
      expect(chooseButton(element).disabled).toBe(true);
    });

    it('ArrowUp with nothing highlighted goes to the last row', async () => {
      const element = mount();
      await flush();
      await press(element, 'ArrowUp');
      expect(activeName(element)).toBe('Support');
    });

    it('Return selects the highlighted agent, then Return connects', async () => {
      const element = mount();
      await flush();
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      expect(isOpen(element)).toBe(true);
      expect(selectedNames(element)).toEqual(['Carol Cole']);
      expect(status(element)).toBe('Carol Cole selected');
      expect(chooseButton(element).disabled).toBe(false);
      await press(element, 'Enter');
      expect(isOpen(element)).toBe(false);
      await expect(choiceOf(element)).resolves.toEqual({
        mode: 'consult',
        target: { type: 'agent', id: 'a-carol' },
      });
    });

    it('Return on another row selects that one instead; Dial connects the selected one', async () => {
      const element = mount();
      await flush();
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      await press(element, 'ArrowDown');
      expect(selectedNames(element)).toEqual(['Alice Able']);
      await press(element, 'Enter');
      expect(selectedNames(element)).toEqual(['Carol Cole']);
      expect(isOpen(element)).toBe(true);
      chooseButton(element).click();
      await expect(choiceOf(element)).resolves.toEqual({
        mode: 'consult',
        target: { type: 'agent', id: 'a-carol' },
      });
    });

    it('Return selects a service, then connects to it', async () => {
      const element = mount();
      await flush();
      await press(element, 'End');
      await press(element, 'ArrowUp');
      await press(element, 'Enter');
      await press(element, 'Enter');
      await expect(choiceOf(element)).resolves.toEqual({
        mode: 'consult',
        target: { type: 'service', id: 's-sales' },
      });
    });

    it('Return with nothing highlighted does nothing', async () => {
      const element = mount();
      await flush();
      await press(element, 'Enter');
      expect(isOpen(element)).toBe(true);
    });

    it('Escape closes with no choice', async () => {
      const element = mount();
      await flush();
      await press(element, 'Escape');
      expect(isOpen(element)).toBe(false);
      await expect(choiceOf(element)).resolves.toBeNull();
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

    it('selects a unique whole name by itself; Return connects', async () => {
      const element = mount();
      await flush();
      await type(element, 'Carol Cole');
      expect(activeName(element)).toBe('Carol Cole');
      expect(selectedNames(element)).toEqual(['Carol Cole']);
      expect(chooseButton(element).disabled).toBe(false);
      await press(element, 'Enter');
      await expect(choiceOf(element)).resolves.toEqual({
        mode: 'consult',
        target: { type: 'agent', id: 'a-carol' },
      });
    });

    it.each(['consult', 'transfer'])(
      'lists the signed-in agent as You, never a target (%s)',
      async (mode) => {
        const element = mount({ agentId: 'a-carol', mode, modes: [mode] });
        await flush();
        await type(element, 'Carol Cole');
        expect(names(element)).toEqual(['Carol Cole']);
        const [carol] = options(element);
        expect(carol.getAttribute('aria-disabled')).toBe('true');
        expect(carol.textContent).toContain('c.ContactPad_CannotChooseYourself');
        expect(activeOption(element)).toBeNull();
        await press(element, 'Enter');
        expect(isOpen(element)).toBe(true);
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

    it('a telephone number shows No matches found and Dial connects the number', async () => {
      const element = mount();
      await flush();
      await type(element, '+44 20 7946 0000');
      expect(options(element)).toHaveLength(0);
      expect(status(element)).toBe('c.ContactPad_NoMatchesFound');
      const dial = chooseButton(element);
      expect(dial.disabled).toBe(false);
      expect(dial.textContent.trim()).toBe('Dial +442079460000');
      await press(element, 'Enter');
      await expect(choiceOf(element)).resolves.toEqual({
        mode: 'consult',
        target: { type: 'number', number: '+442079460000' },
      });
    });

    it('says nothing when names match and nothing is selected', async () => {
      const element = mount();
      await flush();
      expect(status(element)).toBe('');
    });
  });

  describe('transfer', () => {
    it('lists every agent, selectable, with when they can handle it; no services without the feature', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'non-live' });
      await flush();
      expect($(element, 'lightning-modal-header').label).toBe('c.ContactPad_Transfer');
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
      expect(names(element)).toHaveLength(7);
    });

    it('moves through agents of every presence; Return selects, Transfer connects', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'non-live' });
      await flush();
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      expect(activeName(element)).toBe('Bob Baker');
      expect(chooseButton(element).disabled).toBe(true);
      await press(element, 'Enter');
      chooseButton(element).click();
      await expect(choiceOf(element)).resolves.toEqual({
        mode: 'transfer',
        target: { type: 'agent', id: 'a-bob' },
      });
    });

    it('never offers a telephone number for non-live work', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'non-live' });
      await flush();
      await type(element, '+44 20 7946 0000');
      expect(options(element)).toHaveLength(0);
      expect(chooseButton(element).disabled).toBe(true);
      await press(element, 'Enter');
      expect(isOpen(element)).toBe(true);
    });

    it('offers a telephone number for a live call', async () => {
      const element = mount({ mode: 'transfer', modes: ['transfer'], kind: 'live' });
      await flush();
      await type(element, '020 7946 0000');
      expect(status(element)).toBe('c.ContactPad_NoMatchesFound');
      await press(element, 'Enter');
      await expect(choiceOf(element)).resolves.toEqual({
        mode: 'transfer',
        target: { type: 'number', number: '02079460000' },
      });
    });
  });

  describe('Consult | Transfer switch', () => {
    it('is not shown when one mode is offered', async () => {
      const element = mount();
      await flush();
      expect($(element, 'input[type="radio"]')).toBeNull();
    });

    it('is shown when both are offered and dispatches modechange', async () => {
      const modechange = jest.fn();
      const element = mount({
        modes: ['consult', 'transfer'],
        kind: 'non-live',
        onmodechange: modechange,
      });
      await flush();
      const radios = $$(element, 'input[type="radio"]');
      expect(radios).toHaveLength(2);
      expect($(element, 'legend').textContent.trim()).toBe('c.ContactPad_ConsultOrTransfer');
      const [consult, transfer] = radios;
      expect(consult.checked).toBe(true);
      transfer.click();
      await flush();
      expect(modechange).toHaveBeenCalledTimes(1);
      expect(modechange.mock.calls[0][0].detail).toEqual({ mode: 'transfer' });
      expect($(element, 'lightning-modal-header').label).toBe('c.ContactPad_Transfer');
      expect(names(element)).toHaveLength(5);
    });
  });

  describe('mouse and buttons', () => {
    it('Dial is disabled until something is selected', async () => {
      const element = mount();
      await flush();
      const dial = chooseButton(element);
      expect(dial.textContent.trim()).toBe('c.ContactPad_Dial');
      expect(dial.disabled).toBe(true);
      await press(element, 'ArrowDown');
      expect(dial.disabled).toBe(true);
      await press(element, 'Enter');
      expect(dial.disabled).toBe(false);
    });

    it('a click selects a name, Dial then connects it', async () => {
      const element = mount();
      await flush();
      options(element)[4].click();
      await flush();
      expect(activeName(element)).toBe('Erin Eve');
      expect(selectedNames(element)).toEqual(['Erin Eve']);
      expect(isOpen(element)).toBe(true);
      expect(element.shadowRoot.activeElement).toBe(search(element));
      chooseButton(element).click();
      await expect(choiceOf(element)).resolves.toEqual({
        mode: 'consult',
        target: { type: 'agent', id: 'a-erin' },
      });
    });

    it('a double click connects at once', async () => {
      const element = mount();
      await flush();
      options(element)[5].dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      await expect(choiceOf(element)).resolves.toEqual({
        mode: 'consult',
        target: { type: 'service', id: 's-sales' },
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

    it('Cancel closes with no choice', async () => {
      const element = mount();
      await flush();
      cancelButton(element).click();
      await expect(choiceOf(element)).resolves.toBeNull();
    });
  });

  describe('directory updates', () => {
    function watched() {
      const watch = { listener: null, stopped: 0 };
      watch.fn = (listener) => {
        watch.listener = listener;
        return () => {
          watch.stopped += 1;
        };
      };
      return watch;
    }

    it('a change re-runs the search and keeps the highlighted and selected entries', async () => {
      const directory = new Directory(entries());
      const watch = watched();
      const element = mount({ directory, watch: watch.fn });
      await flush();
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      expect(activeName(element)).toBe('Carol Cole');

      directory.apply(
        [agent('a-aaron', 'Aaron Eagle'), agent('a-bob', 'Bob Baker', 'available-now')],
        [{ type: 'agent', id: 'a-alice' }],
      );
      watch.listener(directory);
      await flush();
      expect(names(element)).toContain('Aaron Eagle');
      expect(names(element)).not.toContain('Alice Able');
      expect(activeName(element)).toBe('Carol Cole');
      expect(selectedNames(element)).toEqual(['Carol Cole']);
      await press(element, 'ArrowUp');
      expect(activeName(element)).toBe('Bob Baker');

      await press(element, 'Escape');
      expect(watch.stopped).toBe(1);
    });

    it('drops the selection when its entry leaves the directory', async () => {
      const directory = new Directory(entries());
      const watch = watched();
      const element = mount({ directory, watch: watch.fn });
      await flush();
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      directory.apply([], [{ type: 'agent', id: 'a-alice' }]);
      watch.listener(directory);
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
      expect(rendered.length).toBeGreaterThan(VISIBLE_ROWS);
      expect(rendered.length).toBeLessThan(40);
      expect(rendered[0].getAttribute('aria-setsize')).toBe('50000');
      expect($(element, '.spacer').style.height).toBe(`${50000 * ROW_HEIGHT}px`);

      await press(element, 'End');
      expect(activeOption(element).getAttribute('aria-posinset')).toBe('50000');
      expect(activeName(element)).toBe('Agent 49999');
      expect(options(element).length).toBeLessThan(40);

      await press(element, 'ArrowUp');
      expect(activeName(element)).toBe('Agent 49998');
      await press(element, 'ArrowUp');
      // Agent 49997 is logged out (49997 % 3 === 2): skipped.
      expect(activeName(element)).toBe('Agent 49996');

      await press(element, 'Home');
      expect(activeName(element)).toBe('Agent 00000');
    });

    it('scrolls so the highlighted row is always in full view', async () => {
      const element = mount({ directory: bigDirectory(1000) });
      await flush();
      const scroller = $(element, '[role="listbox"]');
      for (let i = 0; i < 14; i++) {
        // eslint-disable-next-line no-await-in-loop
        await press(element, 'ArrowDown');
      }
      await flush();
      const index = Number(activeOption(element).getAttribute('aria-posinset')) - 1;
      const top = index * ROW_HEIGHT;
      expect(top).toBeGreaterThanOrEqual(scroller.scrollTop);
      expect(top + ROW_HEIGHT).toBeLessThanOrEqual(scroller.scrollTop + ROW_HEIGHT * VISIBLE_ROWS);
      expect(scroller.scrollTop).toBeGreaterThan(0);
    });

    it('follows the scroller as it scrolls', async () => {
      const element = mount({ directory: bigDirectory(1000) });
      await flush();
      const scroller = $(element, '[role="listbox"]');
      Object.defineProperty(scroller, 'scrollTop', { value: 520 * ROW_HEIGHT, configurable: true });
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
      await type(element, 'a');
      await type(element, 'ag');
      expect(writes).toEqual([]);
      position = 300 * ROW_HEIGHT;
      scroller.dispatchEvent(new CustomEvent('scroll'));
      await flush();
      await type(element, 'age');
      expect(writes).toEqual([0]);
      await press(element, 'End');
      expect(writes).toHaveLength(2);
      expect(writes[1]).toBeGreaterThan(0);
    });

    it('keeps the highlighted row rendered when scrolled away from it', async () => {
      const element = mount({ directory: bigDirectory(1000) });
      await flush();
      await press(element, 'ArrowDown');
      const scroller = $(element, '[role="listbox"]');
      Object.defineProperty(scroller, 'scrollTop', { value: 800 * ROW_HEIGHT, configurable: true });
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
