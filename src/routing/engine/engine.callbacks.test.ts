/** Callbacks: a call waiting too long becomes a callback request, called back with one action. */
import { ACCOUNT, harness } from './testing';

/** Sales turns calls into callback requests after 60 s; Ann serves sales but is Away. */
function setup() {
  const h = harness({ wrapSeconds: 0 });
  h.service('sales');
  h.agent({ id: 'ann', services: ['sales'], state: 'away' });
  h.engine.setServiceCallbacks(ACCOUNT, 'sales', { afterSeconds: 60 });
  return h;
}

describe('callbacks', () => {
  it('a call waiting past the service’s callback time becomes a callback request, keeping its age', () => {
    const h = setup();
    const call = h.arrive('sales', 'voice');
    h.advance(59);
    expect(h.engine.queue(ACCOUNT, 'sales')[0]).toMatchObject({ id: call.id, channel: 'voice' });
    h.advance(1);
    const [request] = h.engine.queue(ACCOUNT, 'sales');
    expect(request).toMatchObject({
      id: call.id,
      channel: 'callback',
      kind: 'non-live',
      enqueuedAt: call.enqueuedAt,
      customer: { phone: call.customer.phone },
      searchKeys: [call.customer.phone],
      recording: 'off',
    });
  });

  it('the agent who gets it calls back with one action: the request becomes the call', () => {
    const h = setup();
    const call = h.arrive('sales', 'voice');
    h.advance(60);
    h.presenceSet('ann', 'ready');
    const request = h.view('ann', call.id);
    expect(request.channel).toBe('callback');
    const { interactionId } = h.cmd('ann', {
      type: 'callback.dial',
      interactionId: request.id,
      version: request.version,
    });
    expect(h.ids('ann')).toEqual([interactionId]);
    expect(h.view('ann', interactionId as string)).toMatchObject({
      kind: 'live',
      direction: 'outbound',
      state: 'ringing',
      customer: { phone: call.customer.phone },
      record: call.record,
    });
    // No call log or wrap for the request itself: the call is the work.
    expect(h.stateOf('ann')).toBe('busy');
  });

  it('Call back is refused on other work, and a call that was answered in time stays a call', () => {
    const h = setup();
    const email = h.arrive('sales', 'email');
    h.presenceSet('ann', 'ready');
    const refused = h.reject('ann', {
      type: 'callback.dial',
      interactionId: email.id,
      version: h.view('ann', email.id).version,
    });
    expect(refused.message).toBe('Only a callback request is called back.');
    h.release('ann', email.id);
    const call = h.arrive('sales', 'voice');
    h.advance(61);
    expect(h.view('ann', call.id).channel).toBe('voice');
  });

  it('a service without a callback time keeps its calls waiting; setting one applies to those waiting', () => {
    const h = setup();
    h.engine.setServiceCallbacks(ACCOUNT, 'sales', { afterSeconds: null });
    const call = h.arrive('sales', 'voice');
    h.advance(600);
    expect(h.engine.queue(ACCOUNT, 'sales')[0]?.channel).toBe('voice');
    h.engine.setServiceCallbacks(ACCOUNT, 'sales', { afterSeconds: 30 });
    h.advance(1);
    expect(h.engine.queue(ACCOUNT, 'sales')[0]).toMatchObject({ id: call.id, channel: 'callback' });
  });
});
