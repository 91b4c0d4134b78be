/**
 * Random operations against the engine: every effect must be a valid protocol event (checked by
 * the harness), a rejected command must change nothing, and the engine's invariants must hold.
 */
import fc from 'fast-check';
import type { Interaction } from '../../protocol';
import { CHANNELS, KINDS } from '../../protocol';
import type { CommandBody, Harness } from './testing';
import { ACCOUNT, harness, pickOf, toAgent, toNumber, toService } from './testing';

const AGENTS = ['ann', 'bob', 'cat'] as const;
const SERVICES = ['sales', 'support'] as const;

type Step =
  | {
      readonly op: 'arrive';
      readonly service: number;
      readonly channel: number;
      readonly priority: number;
    }
  | { readonly op: 'advance'; readonly seconds: number }
  | { readonly op: 'leave'; readonly pick: number }
  | { readonly op: 'answer'; readonly pick: number }
  | { readonly op: 'fault'; readonly pick: number; readonly hang: boolean }
  | {
      readonly op: 'command';
      readonly agent: number;
      readonly action: number;
      readonly pick: number;
      readonly target: number;
    };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('arrive' as const),
      service: fc.nat(1),
      channel: fc.nat(CHANNELS.length - 1),
      priority: fc.nat(9),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('advance' as const), seconds: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('leave' as const), pick: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('answer' as const), pick: fc.nat(50) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('fault' as const),
      pick: fc.nat(50),
      hang: fc.boolean(),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('command' as const),
      agent: fc.nat(AGENTS.length - 1),
      action: fc.nat(17),
      pick: fc.nat(50),
      target: fc.nat(5),
    }),
  },
);

function commandFor(
  h: Harness,
  agentId: string,
  s: Extract<Step, { op: 'command' }>,
): CommandBody | null {
  const snapshot = h.snapshot(agentId);
  const interaction: Interaction | undefined = pickOf(snapshot.interactions, s.pick);
  const consult = pickOf(snapshot.consults, s.pick);
  const targets = [
    toAgent(AGENTS[s.target % AGENTS.length] as string),
    toService(SERVICES[s.target % SERVICES.length] as string),
    toNumber('+441234567'),
  ];
  const target = targets[s.target % targets.length] as ReturnType<typeof toAgent>;
  const states = ['ready', 'away', 'logged-out'] as const;
  const on =
    interaction === undefined
      ? null
      : { interactionId: interaction.id, version: interaction.version };
  switch (s.action) {
    case 0:
    case 1:
      return { type: 'presence.set', state: states[s.pick % 3] ?? 'ready', reason: null };
    case 2:
    case 3:
      return on && { type: 'release', ...on };
    case 4:
      return on && { type: 'abandon', ...on };
    case 5:
      return on && { type: 'hold', ...on };
    case 6:
      return on && { type: 'retrieve', ...on };
    case 7:
      return on && { type: 'transfer', ...on, target };
    case 8:
      return on && { type: 'consult.start', ...on, target };
    case 9:
      return consult === undefined ? null : { type: 'consult.accept', consultId: consult.id };
    case 10:
      return consult === undefined ? null : { type: 'consult.decline', consultId: consult.id };
    case 11:
      return consult === undefined ? null : { type: 'consult.cancel', consultId: consult.id };
    case 12:
      return consult === undefined ? null : { type: 'consult.transfer', consultId: consult.id };
    case 13:
      return { type: 'dial', number: '+441234999', record: null };
    case 15:
      return on && { type: 'offer.accept', ...on };
    case 16:
      return on && { type: 'offer.decline', ...on, reason: null };
    case 14: {
      const log = pickOf(snapshot.agent.pendingLogs, s.pick);
      return log === undefined
        ? null
        : {
            type: 'log.submit',
            interactionId: log.interactionId,
            disposition: 'Resolved',
            notes: '',
          };
    }
    default:
      return on && { type: 'release', interactionId: on.interactionId, version: on.version + 1 };
  }
}

/**
 * `handedOver`: live calls a consult completed as a transfer. B9: an Interruptible agent (holding
 * only non-live work) may be consulted and take the call over, beyond their capacity; routing never
 * gives work past it.
 */
function checkInvariants(
  h: Harness,
  multiInteraction: boolean,
  handedOver: ReadonlySet<string>,
): void {
  const records = h.store.interactions(ACCOUNT);
  for (const agentId of AGENTS) {
    const snapshot = h.snapshot(agentId);
    const held = snapshot.interactions;
    const routed = held.filter((i) => i.consultId === null);
    // Each interaction the agent lists is held by them in the store.
    for (const interaction of held) {
      expect(h.store.interaction(interaction.id)?.agentIds).toContain(agentId);
    }
    // B3 and B9: routed work within capacity (consult legs and dialled calls aside).
    const inbound = routed.filter((i) => i.direction === 'inbound' && !handedOver.has(i.id));
    if (!multiInteraction) expect(inbound.length).toBeLessThanOrEqual(1);
    const weights = snapshot.agent.weights;
    expect(inbound.reduce((sum, i) => sum + weights[i.kind], 0)).toBeLessThanOrEqual(100);
    // B7: no wrap while holding routed work, draining only while holding some.
    if (snapshot.agent.draining) expect(routed.length).toBeGreaterThan(0);
    if (snapshot.agent.state === 'logged-out') expect(held).toEqual([]);
    if (snapshot.agent.state === 'wrap-auto') expect(snapshot.agent.wrapEndsAt).not.toBeNull();
  }
  for (const record of records) {
    if (record.place.kind === 'assigned') expect(record.agentIds.length).toBeGreaterThan(0);
    else expect(record.agentIds).toEqual([]);
    // Never offered to two agents at once.
    if (record.interaction.state === 'offered') expect(record.agentIds).toHaveLength(1);
  }
  // A waiting interaction and a ready agent of its service with room cannot both exist.
  for (const serviceId of SERVICES) {
    for (const queued of h.engine.queue(ACCOUNT, serviceId)) {
      for (const agentId of AGENTS) {
        const snapshot = h.snapshot(agentId);
        const agent = h.store.agent(ACCOUNT, agentId);
        if (!agent?.services.includes(serviceId) || snapshot.agent.state !== 'ready') continue;
        // Not offered again to an agent who declined it lately.
        const declined = h.store.interaction(queued.id)?.declinedBy ?? [];
        if (declined.some((d) => d.agentId === agentId && d.until > h.clock.now())) continue;
        expect(snapshot.interactions).not.toEqual([]);
        if (!multiInteraction) continue;
        const room = 100 - snapshot.agent.capacityUsed;
        if (!snapshot.agent.draining)
          expect(snapshot.agent.weights[queued.kind]).toBeGreaterThan(room);
      }
    }
  }
}

describe('engine under random operations', () => {
  it.each([true, false])('keeps its invariants (multi-interaction %s)', (multiInteraction) => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 30, maxLength: 120 }),
        fc.boolean(),
        fc.subarray([...KINDS]),
        (steps, callLogging, offered) => {
          const h = harness({
            wrapSeconds: 15,
            consultTimeoutSeconds: 20,
            features: { multiInteraction, callLogging },
            weights: { 'semi-live': 30, 'non-live': 20 },
            offers: { kinds: offered, timeoutSeconds: 10, reofferAfterSeconds: 30 },
          });
          for (const id of SERVICES) h.service(id);
          h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
          h.agent({ id: 'bob', services: ['sales', 'support'], state: 'ready' });
          h.agent({ id: 'cat', services: ['support'], state: 'away', weights: { 'non-live': 50 } });
          const handedOver = new Set<string>();
          for (const s of steps) {
            const ids = h.store.interactions(ACCOUNT).map((r) => r.interaction.id);
            const tolerate = (run: () => void) => {
              try {
                run();
              } catch (thrown) {
                if (!(thrown instanceof Error) || thrown.name !== 'ProtocolError') throw thrown;
              }
            };
            switch (s.op) {
              case 'arrive':
                h.arrive(SERVICES[s.service] as string, CHANNELS[s.channel] ?? 'voice', {
                  priority: s.priority,
                });
                break;
              case 'advance':
                h.advance(s.seconds);
                break;
              case 'leave': {
                const id = pickOf(ids, s.pick);
                if (id !== undefined) h.engine.customerLeaves(ACCOUNT, id);
                break;
              }
              case 'answer': {
                const refs = [
                  ...ids,
                  ...AGENTS.flatMap((a) => h.snapshot(a).consults.map((c) => c.id)),
                ];
                const ref = pickOf(refs, s.pick);
                if (ref !== undefined) tolerate(() => h.engine.outsideAnswers(ACCOUNT, ref));
                break;
              }
              case 'fault': {
                const id = pickOf(ids, s.pick);
                if (id !== undefined)
                  h.engine.armReleaseFault(ACCOUNT, id, s.hang ? 'hang' : 'error');
                break;
              }
              case 'command': {
                const agentId = AGENTS[s.agent] as string;
                const body = commandFor(h, agentId, s);
                if (body === null) break;
                h.take();
                const before = h.state();
                try {
                  h.cmd(agentId, body);
                } catch (thrown) {
                  if (!(thrown instanceof Error) || thrown.name !== 'ProtocolError') throw thrown;
                  expect(h.state()).toEqual(before);
                  expect(h.engine.takeEffects()).toEqual([]);
                }
                break;
              }
            }
            for (const effect of h.take()) {
              if (effect.kind !== 'event') continue;
              const { event } = effect;
              if (event.type === 'consult.changed' && event.consult.endReason === 'transferred') {
                handedOver.add(event.consult.interactionId);
              }
              // A declined or missed offer is never lost: it waits again, or is offered to another.
              if (event.type !== 'interaction.removed') continue;
              if (event.reason === 'declined' || event.reason === 'missed') {
                expect(h.store.interaction(event.interactionId)).toBeDefined();
              }
            }
            checkInvariants(h, multiInteraction, handedOver);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
