import { Confirmations } from './confirmations';

/** A confirming round the test ends by hand. */
function rounds() {
  const started: { resolve: () => void; reject: (err: Error) => void }[] = [];
  const confirm = () => new Promise<void>((resolve, reject) => started.push({ resolve, reject }));
  return { started, confirmations: new Confirmations(confirm) };
}

const settled = async <T>(promise: Promise<T>) => {
  let state = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('Confirmations', () => {
  it('runs one round at a time, the next covering every caller that came meanwhile', async () => {
    const { started, confirmations } = rounds();
    const first = confirmations.next();
    const second = confirmations.next();
    const third = confirmations.next();
    // The first caller starts a round; the two after it wait for the next one.
    expect(started).toHaveLength(1);
    started[0]?.resolve();
    expect(await settled(first)).toBe('resolved');
    expect(await settled(second)).toBe('pending');
    expect(started).toHaveLength(2);
    started[1]?.resolve();
    expect([await settled(second), await settled(third)]).toEqual(['resolved', 'resolved']);
    expect(started).toHaveLength(2);
  });

  it('fails the callers of a failed round alone, and confirms later ones in a new round', async () => {
    const { started, confirmations } = rounds();
    const first = confirmations.next();
    const second = confirmations.next();
    started[0]?.reject(new Error('0 of 1 replicas confirmed the write'));
    await expect(first).rejects.toThrow('0 of 1 replicas');
    expect(await settled(second)).toBe('pending');
    started[1]?.resolve();
    await expect(second).resolves.toBeUndefined();
    const third = confirmations.next();
    expect(started).toHaveLength(3);
    started[2]?.resolve();
    await expect(third).resolves.toBeUndefined();
  });
});

describe('Confirmations.now', () => {
  it('starts a round at once when none is under way, and none while one is', async () => {
    const { started, confirmations } = rounds();
    const first = confirmations.now();
    expect(first).not.toBeNull();
    expect(started).toHaveLength(1);
    // Under way: what was written meanwhile waits for the next round.
    expect(confirmations.now()).toBeNull();
    const later = confirmations.next();
    expect(started).toHaveLength(1);
    started[0]?.resolve();
    await expect(first).resolves.toBeUndefined();
    expect(await settled(later)).toBe('pending');
    expect(started).toHaveLength(2);
    started[1]?.resolve();
    await expect(later).resolves.toBeUndefined();
    expect(confirmations.now()).not.toBeNull();
    expect(started).toHaveLength(3);
  });

  it('fails a round nobody waits for without an unhandled rejection, and goes on', async () => {
    const { started, confirmations } = rounds();
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      expect(confirmations.now()).not.toBeNull();
      const waiter = confirmations.next();
      started[0]?.reject(new Error('0 of 1 replicas confirmed the write'));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      started[1]?.resolve();
      await expect(waiter).resolves.toBeUndefined();
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
