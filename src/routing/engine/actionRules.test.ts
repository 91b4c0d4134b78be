/**
 * The property the catalogue exists for: for agent and interaction states reached by random
 * operations, the adapter allows an action exactly when the engine accepts it.
 */
import fc from 'fast-check';
import type { Action, Command, Interaction } from '../../protocol';
import {
  ACTIONS,
  AGENT_ACTION_NAMES,
  agentRefusalOf,
  CHANNELS,
  CONSULT_ACTION_NAMES,
  KINDS,
  INTERACTION_ACTIONS,
  REASONS,
} from '../../protocol';
import { allowedActions } from '../../adapter/rules';
import type { CommandBody, Harness } from './testing';
import { ACCOUNT, harness, pickOf, toAgent } from './testing';

const AGENTS = ['ann', 'bob'] as const;
/** Ready, in no service and never a target of the walk: any target action to her can go. */
const DAN = toAgent('dan');

type Step =
  | { readonly op: 'arrive'; readonly channel: number }
  | { readonly op: 'advance'; readonly seconds: number }
  | { readonly op: 'answer'; readonly pick: number }
  | { readonly op: 'fault'; readonly pick: number; readonly hang: boolean }
  | { readonly op: 'act'; readonly agent: number; readonly pick: number; readonly action: number }
  | { readonly op: 'reply'; readonly agent: number; readonly pick: number; readonly how: number }
  /** A consult to the other agent, accepted, then merged into a conference (if each step goes). */
  | { readonly op: 'conference'; readonly agent: number; readonly pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('arrive' as const), channel: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('advance' as const), seconds: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('answer' as const), pick: fc.nat(20) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('fault' as const),
      pick: fc.nat(20),
      hang: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('act' as const),
      agent: fc.nat(AGENTS.length - 1),
      pick: fc.nat(20),
      action: fc.nat(ACTIONS.length - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('reply' as const),
      agent: fc.nat(AGENTS.length - 1),
      pick: fc.nat(20),
      how: fc.nat(CONSULT_ACTION_NAMES.length - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('conference' as const),
      agent: fc.nat(AGENTS.length - 1),
      pick: fc.nat(20),
    }),
  },
);

/** The wire command for an action on an interaction, to a target the engine takes (Dan), or digits. */
function commandOf(action: Action, interaction: Interaction, target = DAN): CommandBody {
  const on = { interactionId: interaction.id, version: interaction.version };
  const command = INTERACTION_ACTIONS[action].command;
  if (command === 'consult.start' || command === 'transfer')
    return { type: command, ...on, target };
  if (command === 'digits.send') return { type: command, ...on, digits: '1#' };
  if (command === 'offer.decline') return { type: command, ...on, reason: null };
  return { type: command, ...on } as CommandBody;
}

/** Runs a command; the error when the engine refused it, else null. */
function tryCommand(h: Harness, agentId: string, body: CommandBody): Error | null {
  try {
    h.cmd(agentId, body);
    return null;
  } catch (thrown) {
    if (thrown instanceof Error && thrown.name === 'ProtocolError') return thrown;
    throw thrown;
  }
}

function walk(h: Harness, steps: readonly Step[]): void {
  for (const s of steps) {
    const ids = h.store.interactions(ACCOUNT).map((record) => record.interaction.id);
    switch (s.op) {
      case 'arrive':
        h.arrive('sales', CHANNELS[s.channel % CHANNELS.length] ?? 'voice');
        break;
      case 'advance':
        h.advance(s.seconds);
        break;
      case 'answer': {
        const ref = pickOf(ids, s.pick);
        if (ref !== undefined) {
          try {
            h.engine.outsideAnswers(ACCOUNT, ref);
          } catch {
            // Not something an outside party answers: nothing happens.
          }
        }
        break;
      }
      case 'fault': {
        const id = pickOf(ids, s.pick);
        if (id !== undefined) h.engine.armReleaseFault(ACCOUNT, id, s.hang ? 'hang' : 'error');
        break;
      }
      case 'act': {
        const agentId = AGENTS[s.agent] as string;
        const interaction = pickOf(h.list(agentId), s.pick);
        const action = ACTIONS[s.action] as Action;
        const other = toAgent(AGENTS[(s.agent + 1) % AGENTS.length] as string);
        if (interaction !== undefined)
          tryCommand(h, agentId, commandOf(action, interaction, other));
        break;
      }
      case 'reply': {
        const agentId = AGENTS[s.agent] as string;
        const consult = pickOf(h.snapshot(agentId).consults, s.pick);
        const type = CONSULT_ACTION_NAMES[s.how] ?? 'consult.accept';
        if (consult !== undefined) tryCommand(h, agentId, { type, consultId: consult.id });
        break;
      }
      case 'conference': {
        const agentId = AGENTS[s.agent] as string;
        const otherId = AGENTS[(s.agent + 1) % AGENTS.length] as string;
        const interaction = pickOf(h.list(agentId), s.pick);
        if (interaction === undefined) break;
        try {
          const { consultId } = h.cmd(agentId, commandOf('consult', interaction, toAgent(otherId)));
          h.cmd(otherId, { type: 'consult.accept', consultId: consultId as string });
          h.cmd(agentId, { type: 'consult.conference', consultId: consultId as string });
        } catch (thrown) {
          if (!(thrown instanceof Error && thrown.name === 'ProtocolError')) throw thrown;
        }
        break;
      }
    }
    h.take();
  }
}

describe('the catalogue of agent actions', () => {
  it('the adapter allows an action exactly when the engine accepts it', () => {
    let allowedSeen = 0;
    let refusedSeen = 0;
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 5, maxLength: 40 }),
        fc.record({ crossMediaConsult: fc.boolean(), transferToService: fc.boolean() }),
        fc.subarray([...KINDS]),
        fc.nat(AGENTS.length - 1),
        fc.nat(20),
        fc.nat(ACTIONS.length - 1),
        (steps, features, offered, agentIndex, pick, actionIndex) => {
          const h = harness({
            consultTimeoutSeconds: 20,
            wrapSeconds: 5,
            features,
            offers: { kinds: offered, timeoutSeconds: 15 },
            wrapExtensionSeconds: 10,
          });
          h.service('sales');
          for (const id of AGENTS) h.agent({ id, services: ['sales'], state: 'ready' });
          h.agent({ id: 'dan', state: 'ready', weights: { live: 51 } });
          walk(h, steps);

          const agentId = AGENTS[agentIndex] as string;
          // The agent's own actions: the catalogue's verdict is the engine's.
          for (const action of AGENT_ACTION_NAMES) {
            const { agent, settings } = h.snapshot(agentId);
            const refusal = agentRefusalOf(action, agent, settings);
            const body: CommandBody =
              action === 'extend-wrap'
                ? { type: 'wrap.extend' }
                : { type: 'presence.next', next: null };
            const refused = tryCommand(h, agentId, body);
            if (refusal === null) expect(refused).toBeNull();
            else expect(refused).toMatchObject({ message: REASONS[refusal].text });
            h.take();
          }
          const snapshot = h.snapshot(agentId);
          const interaction = pickOf(snapshot.interactions, pick);
          if (interaction === undefined) return;
          const action = ACTIONS[actionIndex] as Action;
          const consults = snapshot.consults.filter((c) => c.interactionId === interaction.id);
          const load = {
            weights: snapshot.agent.weights,
            held: snapshot.interactions.map((held) => held.kind),
          };
          const verdict = allowedActions(
            interaction,
            snapshot.settings.features,
            consults,
            null,
            load,
          )[action];

          const refused = tryCommand(h, agentId, commandOf(action, interaction));
          if (verdict.allowed) {
            allowedSeen += 1;
            expect(refused).toBeNull();
          } else {
            refusedSeen += 1;
            const reason = REASONS[verdict.reason as keyof typeof REASONS];
            expect(refused).toMatchObject({ code: reason.code, message: reason.text });
          }
          h.take();
        },
      ),
      { numRuns: 400 },
    );
    // The walk reaches both sides of the property, or it proves nothing.
    expect(allowedSeen).toBeGreaterThan(20);
    expect(refusedSeen).toBeGreaterThan(20);
  });

  it('every refusal a command can meet has a code and an English text', () => {
    for (const { code, text } of Object.values(REASONS)) {
      expect(['not-allowed', 'feature-disabled']).toContain(code);
      expect(text).toMatch(/^[A-Z].*\.$/);
    }
    const commands = new Set<Command['type']>(
      ACTIONS.map((action) => INTERACTION_ACTIONS[action].command),
    );
    expect(commands.size).toBe(ACTIONS.length);
  });
});
