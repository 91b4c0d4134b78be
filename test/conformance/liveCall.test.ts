/**
 * Live-call controls over the wire: Mute and Unmute, Pause and Resume recording (the account's
 * recording feature), each reaching the simulator's telephone system; refusals with the
 * catalogue's codes.
 */
import type { Interaction } from '../../src/protocol';
import type { TestClient } from './client';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('live-call controls', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const telephone = async (accountId: string, id: string) =>
    (await h.http('GET', `/simulator/accounts/${accountId}/calls/${id}`)).body;

  async function call(
    recording = true,
  ): Promise<{ a: string; ann: TestClient; call: Interaction }> {
    const a = await h.world({
      settings: { features: { recording } },
      services: ['s'],
      agents: [{ id: 'ann', services: ['s'] }],
    });
    const ann = await h.connect(a, 'ann');
    await h.arrive(a, { channel: 'voice', serviceId: 's', customer: { phone: '+14155550100' } });
    return { a, ann, call: await ann.added() };
  }

  it('mutes and unmutes a call; the telephone system follows', async () => {
    const { a, ann, call: live } = await call();
    expect(live).toMatchObject({ muted: false, recording: 'on' });
    await ann.ok({ type: 'mute', interactionId: live.id, version: live.version });
    const muted = await ann.changed(live.id);
    expect(muted).toMatchObject({ muted: true, version: live.version + 1 });
    expect(await telephone(a, live.id)).toMatchObject({ muted: true, connected: true });
    const again = await ann.refused({
      type: 'mute',
      interactionId: live.id,
      version: muted.version,
    });
    expect(again).toMatchObject({ code: 'not-allowed', message: 'The call is muted.' });
    await ann.ok({ type: 'unmute', interactionId: live.id, version: muted.version });
    expect(await ann.changed(live.id)).toMatchObject({ muted: false });
    expect(await telephone(a, live.id)).toMatchObject({ muted: false });
    expect(ann.invalid).toEqual([]);
  });

  it('pauses and resumes recording; the telephone system follows', async () => {
    const { a, ann, call: live } = await call();
    await ann.ok({ type: 'recording.pause', interactionId: live.id, version: live.version });
    const paused = await ann.changed(live.id);
    expect(paused.recording).toBe('paused');
    expect(await telephone(a, live.id)).toMatchObject({ recording: 'paused' });
    await ann.ok({ type: 'recording.resume', interactionId: live.id, version: paused.version });
    expect((await ann.changed(live.id)).recording).toBe('on');
    expect(await telephone(a, live.id)).toMatchObject({ recording: 'on' });
  });

  it('refuses recording controls where the account does not record calls', async () => {
    const { ann, call: live } = await call(false);
    expect(live.recording).toBe('off');
    const refused = await ann.refused({
      type: 'recording.pause',
      interactionId: live.id,
      version: live.version,
    });
    expect(refused).toMatchObject({ code: 'feature-disabled', messageType: 'recording.pause' });
  });

  it('refuses Mute on a chat: not for this kind', async () => {
    const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
    const ann = await h.connect(a, 'ann');
    await h.arrive(a, { channel: 'chat', serviceId: 's' });
    const chat = await ann.added();
    const refused = await ann.refused({
      type: 'mute',
      interactionId: chat.id,
      version: chat.version,
    });
    expect(refused).toMatchObject({
      code: 'not-allowed',
      message: 'Not available for this kind of interaction.',
    });
  });

  it('the telephone system answers not-found for a call it does not know', async () => {
    const a = await h.world({});
    expect((await h.http('GET', `/simulator/accounts/${a}/calls/i-nowhere`)).status).toBe(404);
  });
});
