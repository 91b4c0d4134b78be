import type { DirectoryEntry } from '../../protocol';
import { CLOSE_CODES } from '../../protocol';
import { DEFAULT_SETTINGS } from '../engine/engine';
import type { Effect } from '../engine/effects';
import type { Socket } from './session';
import { DEFAULT_SESSION_LIMITS } from './session';
import type { SessionJournal } from './sessionJournal';
import { SessionHub } from './sessions';

/** A socket that keeps what it was sent, parsed, and how it was closed. */
class RecordingSocket implements Socket {
  readonly frames: { seq: number; type: string; [field: string]: unknown }[] = [];
  closedWith: number | null = null;
  send(text: string): void {
    this.frames.push(JSON.parse(text) as RecordingSocket['frames'][number]);
  }
  close(code: number): void {
    this.closedWith = code;
  }
  ofType(type: string) {
    return this.frames.filter((frame) => frame.type === type);
  }
}

const agent = (id: string, presence: 'available-now' | 'logged-in'): DirectoryEntry => ({
  type: 'agent',
  id,
  name: id.toUpperCase(),
  presence,
});
const directory = (upserted: DirectoryEntry[], removed: { type: 'agent'; id: string }[] = []) =>
  ({ kind: 'directory', accountId: 'acme', upserted, removed }) as Effect;

/** A journal whose appends each wait until released; the released ones are what it holds. */
function heldJournal() {
  const pending: (() => void)[] = [];
  const kept: { seq: number; logVersion: number; events: { seq: number; text: string }[] }[] = [];
  const journal: SessionJournal = {
    append: (session, events) =>
      new Promise<void>((resolve) =>
        pending.push(() => {
          kept.push({
            seq: session.seq,
            logVersion: session.logVersion,
            events: [...events],
          });
          resolve();
        }),
      ),
    answer: () => Promise.resolve(),
    forget: () => Promise.resolve(),
    load: () => Promise.resolve(null),
    seen: () => Promise.resolve(),
    stale: () => Promise.resolve([]),
    unseen: () => Promise.resolve(),
  };
  const release = () => {
    for (const write of pending.splice(0)) write();
  };
  return { journal, kept, release };
}

describe('SessionHub', () => {
  let flushes: (() => void)[];
  let counter: number;
  const hub = (limits = {}) =>
    new SessionHub({
      newId: () => `s-${++counter}`,
      now: () => 1000,
      limits: { ...DEFAULT_SESSION_LIMITS, ...limits },
      schedule: (run) => {
        flushes.push(run);
        return () => {
          flushes = flushes.filter((flush) => flush !== run);
        };
      },
    });
  const subscribed = (sessions: SessionHub, agentId: string) => {
    const socket = new RecordingSocket();
    sessions.open('acme', agentId, socket).directory = true;
    return socket;
  };

  beforeEach(() => {
    flushes = [];
    counter = 0;
  });

  describe('directory batches', () => {
    it('sends each subscriber one batch per interval, the latest state of each entry', () => {
      const sessions = hub();
      const ann = subscribed(sessions, 'ann');
      const bob = subscribed(sessions, 'bob');
      const quiet = new RecordingSocket();
      sessions.open('acme', 'cy', quiet); // not subscribed
      for (let i = 0; i < 50; i++) {
        sessions.deliver([directory([agent('dee', i % 2 === 0 ? 'logged-in' : 'available-now')])]);
      }
      sessions.deliver([directory([agent('eve', 'logged-in')])]);
      sessions.deliver([directory([], [{ type: 'agent', id: 'eve' }])]);
      expect(ann.ofType('directory.changed')).toEqual([]);
      expect(flushes).toHaveLength(1); // one timer, however many changes
      flushes[0]?.();
      for (const socket of [ann, bob]) {
        const batches = socket.ofType('directory.changed');
        expect(batches).toHaveLength(1);
        expect(batches[0]).toMatchObject({
          upserted: [agent('dee', 'available-now')],
          removed: [{ type: 'agent', id: 'eve' }],
        });
      }
      expect(quiet.ofType('directory.changed')).toEqual([]);
      // Each session numbers the shared text with its own seq, with no gap.
      expect(ann.frames.map((frame) => frame.seq)).toEqual([1]);
    });

    it('serves subscribers a chunk at a time; the next batch waits for the last chunk', () => {
      const sessions = hub();
      const sockets = Array.from({ length: 150 }, (_, i) => subscribed(sessions, `a${i}`));
      const got = () => sockets.filter((socket) => socket.ofType('directory.changed').length > 0);
      sessions.deliver([directory([agent('dee', 'logged-in')])]);
      flushes.shift()?.();
      const first = got().length;
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(150);
      sessions.deliver([directory([agent('dee', 'available-now')])]); // arrives mid-batch
      let chunks = 1;
      while (got().length < 150 && chunks < 150) {
        expect(flushes).toHaveLength(1); // the next chunk, not a second batch
        flushes.shift()?.();
        chunks += 1;
      }
      expect(chunks).toBe(Math.ceil(150 / first));
      expect(sockets.every((socket) => socket.ofType('directory.changed').length === 1)).toBe(true);
      // Only now is the next batch due, an interval later.
      expect(flushes).toHaveLength(1);
      while (flushes.length > 0) flushes.shift()?.();
      for (const socket of sockets) {
        expect(socket.ofType('directory.changed').map((batch) => batch['upserted'])).toEqual([
          [agent('dee', 'logged-in')],
          [agent('dee', 'available-now')],
        ]);
      }
    });

    it('an entry removed then added again is sent as added', () => {
      const sessions = hub();
      const ann = subscribed(sessions, 'ann');
      sessions.deliver([directory([], [{ type: 'agent', id: 'dee' }])]);
      sessions.deliver([directory([agent('dee', 'logged-in')])]);
      flushes[0]?.();
      expect(ann.ofType('directory.changed')).toEqual([
        expect.objectContaining({ upserted: [agent('dee', 'logged-in')], removed: [] }),
      ]);
    });

    it('keeps nothing for accounts with no session here, and stops its timer', () => {
      const sessions = hub();
      sessions.deliver([directory([agent('dee', 'logged-in')])]);
      expect(flushes).toHaveLength(0);
      subscribed(sessions, 'ann');
      sessions.deliver([directory([agent('dee', 'logged-in')])]);
      sessions.stop();
      expect(flushes).toHaveLength(0);
    });

    it('agent events leave at once, in order, before a pending batch', () => {
      const sessions = hub();
      const ann = subscribed(sessions, 'ann');
      sessions.deliver([
        directory([agent('dee', 'logged-in')]),
        {
          kind: 'event',
          accountId: 'acme',
          agentId: 'ann',
          event: { type: 'settings.changed', settings: DEFAULT_SETTINGS },
        },
      ]);
      expect(ann.frames.map((frame) => frame.type)).toEqual(['settings.changed']);
      flushes[0]?.();
      expect(ann.frames.map((frame) => [frame.seq, frame.type])).toEqual([
        [1, 'settings.changed'],
        [2, 'directory.changed'],
      ]);
    });
  });

  it('subscribers share the directory as last sent whole until it changes', () => {
    const sessions = hub();
    let reads = 0;
    const entries = () => {
      reads += 1;
      return [agent('dee', 'logged-in')];
    };
    const sockets = [1, 2, 3].map(() => new RecordingSocket());
    const opened = sockets.map((socket, i) => sessions.open('acme', `a${i}`, socket));
    sessions.sendDirectory(opened[0]!, entries);
    sessions.sendDirectory(opened[1]!, entries);
    expect(reads).toBe(1);
    sessions.deliver([directory([agent('dee', 'available-now')])]);
    sessions.sendDirectory(opened[2]!, () => [agent('dee', 'available-now')]);
    expect(sockets.map((socket) => socket.ofType('directory.snapshot')[0]?.['entries'])).toEqual([
      [agent('dee', 'logged-in')],
      [agent('dee', 'logged-in')],
      [agent('dee', 'available-now')],
    ]);
  });

  describe('sessions per agent', () => {
    it('opening one more than the limit closes and forgets the oldest', () => {
      const sessions = hub({ perAgent: 2 });
      const sockets = [1, 2, 3].map(() => new RecordingSocket());
      const opened = sockets.map((socket) => sessions.open('acme', 'ann', socket));
      sessions.open('acme', 'bob', new RecordingSocket());
      expect(sockets.map((socket) => socket.closedWith)).toEqual([
        CLOSE_CODES.tooManySessions,
        null,
        null,
      ]);
      expect(sessions.has(opened[0]?.id ?? '')).toBe(false);
      expect(sessions.size).toBe(3);
      expect(sessions.resume(opened[0]?.id ?? '', 0, 'acme', 'ann', new RecordingSocket())).toBe(
        null,
      );
    });
  });

  describe('replay', () => {
    it('a session whose missed events went past the byte limit gets a fresh start', () => {
      const sessions = hub({ replayBytes: 2000 });
      const first = new RecordingSocket();
      const session = sessions.open('acme', 'ann', first);
      sessions.detach(session, first);
      const settings = {
        kind: 'event',
        accountId: 'acme',
        agentId: 'ann',
        event: { type: 'settings.changed', settings: DEFAULT_SETTINGS },
      } as Effect;
      sessions.deliver([settings]);
      expect(sessions.resume(session.id, 0, 'acme', 'ann', new RecordingSocket())).toBe(session);
      sessions.detach(session, session.socket as Socket);
      for (let i = 0; i < 20; i++) sessions.deliver([settings]);
      expect(session.buffer.bytes).toBeLessThanOrEqual(2000);
      expect(sessions.resume(session.id, 1, 'acme', 'ann', new RecordingSocket())).toBeNull();
      const last = session.seq;
      const socket = new RecordingSocket();
      expect(sessions.resume(session.id, last - 1, 'acme', 'ann', socket)).toBe(session);
      expect(sessions.missed(session, last - 1)).toHaveLength(1);
    });

    it('resumes a session whose events are still being written to the journal', async () => {
      // Every journal write waits until released: events are numbered, not yet kept or sent.
      const { journal, release } = heldJournal();
      const sessions = new SessionHub({
        newId: () => 's-1',
        now: () => 1000,
        limits: DEFAULT_SESSION_LIMITS,
        journal,
      });
      const first = new RecordingSocket();
      const session = sessions.open('acme', 'ann', first);
      sessions.deliver([
        {
          kind: 'event',
          accountId: 'acme',
          agentId: 'ann',
          event: { type: 'settings.changed', settings: DEFAULT_SETTINGS },
        },
      ]);
      sessions.detach(session, first);
      const again = new RecordingSocket();
      expect(sessions.resume(session.id, 0, 'acme', 'ann', again)).toBe(session);
      release();
      await session.outbox;
      expect(first.frames).toEqual([]);
      expect(again.frames.map((frame) => [frame.seq, frame.type])).toEqual([
        [1, 'settings.changed'],
      ]);
    });

    describe('with a journal', () => {
      const settings = (agentId: string): Effect => ({
        kind: 'event',
        accountId: 'acme',
        agentId,
        event: { type: 'settings.changed', settings: DEFAULT_SETTINGS },
      });
      const hubWith = (journal: SessionJournal) =>
        new SessionHub({
          newId: () => `s-${++counter}`,
          now: () => 1000,
          limits: DEFAULT_SESSION_LIMITS,
          journal,
        });

      it("sends a commit's events at once and writes them behind; other frames, and what follows them, wait for theirs", async () => {
        const { journal, release } = heldJournal();
        const sessions = hubWith(journal);
        const socket = new RecordingSocket();
        const session = sessions.open('acme', 'ann', socket);
        release();
        await session.outbox;
        sessions.deliver([settings('ann')], 7);
        expect(socket.frames.map((frame) => frame.seq)).toEqual([1]);
        let written = false;
        void session.outbox.then(() => (written = true));
        await Promise.resolve();
        expect(written).toBe(false); // leaving the account waits for the write
        // A resync's event is in no commit: it waits for the journal, and the commit after it too.
        sessions.sendEvent(session, { type: 'settings.changed', settings: DEFAULT_SETTINGS });
        sessions.deliver([settings('ann')], 8);
        sessions.sendAnswer(session, '{"type":"ack"}', 'c-1');
        expect(socket.frames).toHaveLength(1);
        release();
        await session.outbox;
        expect(written).toBe(true);
        expect(socket.frames.map((frame) => frame.seq ?? frame.type)).toEqual([1, 2, 3, 'ack']);
        // Nothing waits now: the next commit's events leave at once again.
        sessions.deliver([settings('ann')], 9);
        expect(socket.frames.map((frame) => frame.seq ?? frame.type)).toEqual([1, 2, 3, 'ack', 4]);
        // An answer on its way (its own write) is not overtaken by the next commit's events.
        sessions.sendAnswer(session, '{"type":"ack"}', 'c-2');
        sessions.deliver([settings('ann')], 10);
        expect(socket.frames).toHaveLength(5);
        release();
        await session.outbox;
        expect(socket.frames.map((frame) => frame.seq ?? frame.type)).toEqual([
          1,
          2,
          3,
          'ack',
          4,
          'ack',
          5,
        ]);
      });

      it('a process taking over a session numbers the events sent but not yet written as they were', async () => {
        const { journal, kept, release } = heldJournal();
        const sessions = hubWith(journal);
        const socket = new RecordingSocket();
        const session = sessions.open('acme', 'ann', socket);
        sessions.deliver([settings('ann')], 4);
        release();
        await session.outbox;
        // Two more commits' events sent; then this process dies before the journal has them.
        sessions.deliver([settings('ann'), settings('bob')], 5);
        sessions.deliver([settings('ann'), settings('ann')], 6);
        expect(socket.frames.map((frame) => frame.seq)).toEqual([1, 2, 3, 4]);
        const last = kept.at(-1)!;
        expect([last.seq, last.logVersion]).toEqual([1, 4]);

        const other = hubWith(heldJournal().journal);
        const stored = {
          id: session.id,
          accountId: 'acme',
          agentId: 'ann',
          seq: last.seq,
          logVersion: last.logVersion,
          directory: false,
          events: kept.flatMap((write) => write.events),
          answers: [],
        };
        const committed = [
          { version: 5, effects: [settings('ann'), settings('bob')] },
          { version: 6, effects: [settings('ann'), settings('ann')] },
        ];
        expect(other.adopt(stored, committed, () => [])).toBe(true);
        const again = new RecordingSocket();
        const taken = other.resume(session.id, 2, 'acme', 'ann', again)!;
        expect(taken).not.toBeNull();
        const missed = other.missed(taken, 2).map((text) => JSON.parse(text) as { seq: number });
        expect(missed.map((event) => event.seq)).toEqual([3, 4]);
        expect(taken.seq).toBe(4);
      });
    });
  });
});
