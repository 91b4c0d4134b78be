import { PadCommands, alertOf, describeError } from '../commands';
import { pendingLogFixture } from '../../../../../../src/protocol/fixtures';

// English text for the labels whose placeholders the tests read; other labels read as their names.
jest.mock('@salesforce/label/c.ContactPad_ActionFailed', () => ({ default: '{0} failed: {1}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_RecordNotOpened',
  () => ({ default: 'The record could not be opened: {0}' }),
  { virtual: true },
);
jest.mock('@salesforce/label/c.ContactPad_LogSubject', () => ({ default: '{0} with {1}' }), {
  virtual: true,
});

const CONTACT = { id: '003000000000001AAA', objectType: 'Contact' };

const ADAPTER_METHODS = [
  'setPresence',
  'select',
  'act',
  'answerConsult',
  'dial',
  'dismissConsult',
  'subscribeDirectory',
  'submitLog',
  'dismissLost',
  'connect',
];

/** An adapter whose every command resolves. */
function fakeAdapter() {
  const adapter = {};
  for (const method of ADAPTER_METHODS) adapter[method] = jest.fn(() => Promise.resolve({}));
  return adapter;
}

/** A record opener that opens and logs. */
function fakeOpener() {
  return {
    open: jest.fn(() => Promise.resolve(null)),
    log: jest.fn(() => Promise.resolve(null)),
  };
}

/** PadCommands on a host whose parts a test may change; `alerts` collects what was shown. */
function setUp({ adapter = fakeAdapter(), opener = fakeOpener() } = {}) {
  const state = { adapter, opener, disposed: false, alerts: [] };
  const commands = new PadCommands({
    adapter: () => state.adapter,
    opener: () => Promise.resolve(state.opener),
    disposed: () => state.disposed,
    alert: (alert) => state.alerts.push(alert),
  });
  return { commands, state };
}

/** Lets promise callbacks run. */
async function flush(times = 5) {
  await Promise.resolve();
  if (times > 1) await flush(times - 1);
}

const pendingLog = (change = {}) => pendingLogFixture({ record: CONTACT, ...change });

describe('c-contact-pad commands', () => {
  afterEach(() => {
    jest.clearAllMocks();
  });

  describe('describeError', () => {
    it('reads a protocol error, an Apex error body (one or a list) and a fetch response', () => {
      expect(describeError({ code: 'refused', message: 'no' }, 'error')).toEqual({
        code: 'refused',
        message: 'no',
      });
      expect(describeError({ body: { errorCode: 'E', message: 'apex' } }, 'error')).toEqual({
        code: 'E',
        message: 'apex',
      });
      expect(describeError({ body: [{ message: 'first' }] }, 'error')).toEqual({
        code: 'error',
        message: 'first',
      });
      expect(describeError({ statusText: 'Bad Gateway' }, 'x')).toEqual({
        code: 'x',
        message: 'Bad Gateway',
      });
    });

    it('keeps the fallback code for a string, null or undefined', () => {
      expect(describeError('plain', 'x')).toEqual({ code: 'x', message: 'plain' });
      expect(describeError(null, 'x')).toEqual({ code: 'x', message: '' });
      expect(describeError(undefined, 'x')).toEqual({ code: 'x', message: '' });
    });
  });

  describe('alertOf', () => {
    it('names the command that failed, or gives the message alone', () => {
      const error = { code: 'refused', message: 'no' };
      expect(alertOf('release', error, 'error')).toEqual({
        code: 'refused',
        text: 'C.ContactPad_Release failed: no.',
        detail: 'c.ContactPad_ErrorDetail',
      });
      expect(alertOf(null, error, 'error')).toEqual({
        code: 'refused',
        text: 'No.',
        detail: 'c.ContactPad_ErrorDetail',
      });
      expect(alertOf('unknown', error, 'error').text).toBe('Unknown failed: no.');
    });
  });

  describe('run', () => {
    it('is true when the command succeeds, and alerts nothing', async () => {
      const { commands, state } = setUp();
      await expect(commands.run('hold', (adapter) => adapter.act('hold', 'i-1'))).resolves.toBe(
        true,
      );
      expect(state.adapter.act).toHaveBeenCalledWith('hold', 'i-1');
      expect(state.alerts).toEqual([]);
    });

    it('alerts a rejection and a throw instead of passing them on', async () => {
      const { commands, state } = setUp();
      state.adapter.act.mockRejectedValueOnce({ code: 'refused', message: 'no' });
      await expect(commands.run('hold', (adapter) => adapter.act('hold', 'i-1'))).resolves.toBe(
        false,
      );
      const thrown = () => {
        throw new Error('unknown interaction');
      };
      await expect(commands.run('select', thrown)).resolves.toBe(false);
      expect(state.alerts).toEqual([
        {
          code: 'refused',
          text: 'C.ContactPad_Hold failed: no.',
          detail: 'c.ContactPad_ErrorDetail',
        },
        {
          code: 'error',
          text: 'C.ContactPad_Interactions failed: unknown interaction.',
          detail: 'c.ContactPad_ErrorDetail',
        },
      ]);
    });

    it('says Not connected without an adapter', async () => {
      const { commands, state } = setUp({ adapter: null });
      await expect(commands.presence('ready')).resolves.toBe(false);
      expect(state.alerts).toEqual([
        {
          code: 'unavailable',
          text: 'C.ContactPad_ChangePresence failed: c.ContactPad_NotConnected.',
          detail: 'c.ContactPad_ErrorDetail',
        },
      ]);
    });
  });

  describe('the children’s commands', () => {
    it.each(['release', 'hold', 'retrieve', 'abandon'])(
      'runs %s on the interaction at once',
      async (action) => {
        const { commands, state } = setUp();
        await expect(commands.direct(action, 'i-1')).resolves.toBe(true);
        expect(state.adapter.act).toHaveBeenCalledWith(action, 'i-1');
      },
    );

    it('runs no other action (consult and transfer go through the directory)', async () => {
      const { commands, state } = setUp();
      await expect(commands.direct('consult', 'i-1')).resolves.toBe(false);
      await expect(commands.direct('toString', 'i-1')).resolves.toBe(false);
      expect(state.adapter.act).not.toHaveBeenCalled();
      expect(state.alerts).toEqual([]);
    });

    it('choose: a consult or a transfer of the current interaction', async () => {
      const { commands, state } = setUp();
      const target = { type: 'agent', id: 'bob' };
      await commands.choose('consult', target, 'i-1');
      await commands.choose('transfer', target, 'i-1');
      expect(state.adapter.act).toHaveBeenCalledWith('consult', 'i-1', target);
      expect(state.adapter.act).toHaveBeenCalledWith('transfer', 'i-1', target);
    });

    it('choose with nothing current: dials a number, says there is no interaction otherwise', async () => {
      const { commands, state } = setUp();
      await commands.choose('consult', { type: 'number', number: '+442071234567' }, null);
      expect(state.adapter.dial).toHaveBeenCalledWith('+442071234567', null);
      await expect(commands.choose('transfer', { type: 'agent', id: 'bob' }, null)).resolves.toBe(
        false,
      );
      expect(state.adapter.act).not.toHaveBeenCalled();
      expect(state.alerts).toEqual([
        {
          code: 'not-found',
          text: 'C.ContactPad_Transfer failed: c.ContactPad_NoInteractions.',
          detail: 'c.ContactPad_ErrorDetail',
        },
      ]);
    });

    it.each(['consult.cancel', 'consult.accept', 'consult.decline', 'consult.transfer'])(
      'answers a consult: %s',
      async (action) => {
        const { commands, state } = setUp();
        await expect(commands.answerConsult(action, 'k-1')).resolves.toBe(true);
        expect(state.adapter.answerConsult).toHaveBeenCalledWith(action, 'k-1');
      },
    );

    it('gives no answer the catalogue does not have', async () => {
      const { commands, state } = setUp();
      await expect(commands.answerConsult('consult.start', 'k-1')).resolves.toBe(false);
      expect(state.adapter.answerConsult).not.toHaveBeenCalled();
    });

    it('dismisses an ended consult', async () => {
      const { commands, state } = setUp();
      await commands.dismissConsult('k-1');
      expect(state.adapter.dismissConsult).toHaveBeenCalledWith('k-1');
    });

    it('wrap end, Dismiss of the lost notice and Try again', async () => {
      const { commands, state } = setUp();
      await commands.wrapEnd();
      await commands.dismissLost();
      await commands.retry();
      expect(state.adapter.setPresence).toHaveBeenCalledWith('ready');
      expect(state.adapter.dismissLost).toHaveBeenCalled();
      expect(state.adapter.connect).toHaveBeenCalled();
    });
  });

  describe('the directory subscription', () => {
    it('is taken once per session, and again after a new session', async () => {
      const { commands, state } = setUp();
      expect(commands.subscribeDirectory()).toBe(true);
      expect(commands.subscribeDirectory()).toBe(false);
      await Promise.resolve();
      expect(state.adapter.subscribeDirectory).toHaveBeenCalledTimes(1);
      commands.forgetDirectory();
      expect(commands.subscribeDirectory()).toBe(true);
      expect(state.adapter.subscribeDirectory).toHaveBeenCalledTimes(2);
    });

    it('is tried again after it failed, and not without an adapter', async () => {
      const { commands, state } = setUp();
      state.adapter.subscribeDirectory.mockRejectedValueOnce({ code: 'refused', message: 'no' });
      expect(commands.subscribeDirectory()).toBe(true);
      await flush();
      expect(state.alerts).toEqual([
        {
          code: 'refused',
          text: 'C.ContactPad_Directory failed: no.',
          detail: 'c.ContactPad_ErrorDetail',
        },
      ]);
      expect(commands.subscribeDirectory()).toBe(true);
      state.adapter = null;
      commands.forgetDirectory();
      expect(commands.subscribeDirectory()).toBe(false);
    });
  });

  describe('records and call logs', () => {
    it('opens the record, and a log without a record of its own lands on the one a search popped', async () => {
      const { commands, state } = setUp();
      const interaction = { id: 'i-1' };
      state.opener.open.mockResolvedValueOnce({ recordId: '001000000000002AAA' });
      await commands.openRecord('i-1', interaction);
      expect(state.opener.open).toHaveBeenCalledWith(interaction);

      await commands.saveLog({ interactionId: 'i-1', disposition: 'Resolved', notes: 'ok' }, [
        pendingLog({ record: null }),
      ]);
      expect(state.opener.log).toHaveBeenCalledWith(
        expect.objectContaining({
          interactionId: 'i-1',
          subject: 'c.ContactPad_Voice with John Smith',
          disposition: 'Resolved',
          notes: 'ok',
          record: null,
          whatId: '001000000000002AAA',
        }),
      );
      expect(state.adapter.submitLog).toHaveBeenCalledWith('i-1', 'Resolved', 'ok');
      // Submitted: the popped record is forgotten.
      await commands.saveLog({ interactionId: 'i-1', disposition: 'Resolved', notes: 'ok' }, [
        pendingLog({ record: null }),
      ]);
      expect(state.opener.log.mock.calls[1][0].whatId).toBeNull();
    });

    it('says why a record could not be opened, and opens nothing once disposed', async () => {
      const { commands, state } = setUp();
      state.opener.open.mockRejectedValueOnce({ message: 'tab refused' });
      await commands.openRecord('i-1', { id: 'i-1' });
      expect(state.alerts).toEqual([
        {
          code: 'workspace-failed',
          text: 'The record could not be opened: tab refused.',
          detail: 'c.ContactPad_ErrorDetail',
        },
      ]);
      state.disposed = true;
      await commands.openRecord('i-1', { id: 'i-1' });
      expect(state.opener.open).toHaveBeenCalledTimes(1);
    });

    it('a log with no pending entry is submitted alone; no disposition and notes are null and ""', async () => {
      const { commands, state } = setUp();
      await commands.saveLog({ interactionId: 'i-2', disposition: '', notes: undefined }, [
        pendingLog(),
      ]);
      expect(state.opener.log).not.toHaveBeenCalled();
      expect(state.adapter.submitLog).toHaveBeenCalledWith('i-2', null, '');
    });

    it('a failed Task save is shown and the log is not submitted', async () => {
      const { commands, state } = setUp();
      state.opener.log.mockRejectedValueOnce({ body: { message: 'FIELD_CUSTOM_VALIDATION' } });
      await commands.saveLog({ interactionId: 'i-1', disposition: null, notes: '' }, [
        pendingLog(),
      ]);
      expect(state.alerts).toEqual([
        {
          code: 'save-failed',
          text: 'C.ContactPad_Save failed: FIELD_CUSTOM_VALIDATION.',
          detail: 'c.ContactPad_ErrorDetail',
        },
      ]);
      expect(state.adapter.submitLog).not.toHaveBeenCalled();
    });

    it('does nothing without a record opener (the panel left before one was chosen)', async () => {
      const { commands, state } = setUp({ opener: null });
      await commands.saveLog({ interactionId: 'i-1', disposition: null, notes: '' }, [
        pendingLog(),
      ]);
      await commands.openRecord('i-1', { id: 'i-1' });
      expect(state.adapter.submitLog).not.toHaveBeenCalled();
      expect(state.alerts).toEqual([]);
    });
  });
});
