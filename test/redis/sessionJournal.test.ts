/**
 * The session journal on a real redis-server: a session's state and its last event frames, the
 * answers to its last commands, each kept to its limit with an expiry, and forgotten only by the
 * process that wrote it last.
 */
import { RedisSessionJournal } from '../../src/routing/store/redisSessionJournal';
import { sessionKeys } from '../../src/routing/store/keys';
import { connectedRedis } from './world';

jest.setTimeout(30_000);

describe('the session journal on Redis', () => {
  const redis = connectedRedis();

  const journalOf = (prefix: string, owner: string) =>
    new RedisSessionJournal(redis.connection.client, {
      prefix,
      owner,
      replayEvents: 3,
      answers: 2,
      ttlSeconds: 60,
      now: () => 1000,
    });
  const session = (seq: number, logVersion: number) => ({
    id: 's1',
    accountId: 'acme',
    agentId: 'ann',
    seq,
    logVersion,
    directory: true,
  });
  const frames = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, n) => ({
      seq: from + n,
      text: `{"type":"event","seq":${from + n},"note":"a b"}`,
    }));

  it('keeps the state, the last event frames and the last answers, with an expiry', async () => {
    const journal = journalOf('j1', 'p1');
    expect(await journal.load('s1')).toBeNull();
    await journal.append(session(2, 5), frames(1, 2));
    await journal.append(session(4, 7), frames(3, 4));
    await journal.append(session(4, 8), []);
    await journal.answer('s1', 'c1', '{"ok":1}');
    await journal.answer('s1', 'c2', '{"ok":2}');
    await journal.answer('s1', 'c3', '{"ok":3}');
    expect(await journal.load('s1')).toEqual({
      id: 's1',
      accountId: 'acme',
      agentId: 'ann',
      seq: 4,
      logVersion: 8,
      directory: true,
      events: frames(2, 4),
      answers: [
        { id: 'c2', text: '{"ok":2}' },
        { id: 'c3', text: '{"ok":3}' },
      ],
    });
    const keys = sessionKeys('j1', 's1');
    for (const key of [keys.session, keys.events, keys.answers]) {
      const ttl = await redis.connection.client.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
    }
  });

  it('appends more frames at once than one script call may unpack', async () => {
    const journal = new RedisSessionJournal(redis.connection.client, {
      prefix: 'j2',
      owner: 'p1',
      replayEvents: 5000,
      answers: 2,
      ttlSeconds: 60,
      now: () => 1000,
    });
    await journal.append(session(2500, 1), frames(1, 2500));
    const stored = await journal.load('s1');
    expect(stored?.events).toEqual(frames(1, 2500));
  });

  it('is forgotten by the process that wrote it last, and not by another', async () => {
    const first = journalOf('j3', 'p1');
    const second = journalOf('j3', 'p2');
    await first.append(session(1, 1), frames(1, 1));
    await second.append(session(2, 2), frames(2, 2));
    await first.forget('s1');
    expect((await second.load('s1'))?.seq).toBe(2);
    await second.forget('s1');
    expect(await first.load('s1')).toBeNull();
  });
});
