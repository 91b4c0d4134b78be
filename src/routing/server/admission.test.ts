import type { PendingSocket } from './admission';
import { Admission } from './admission';

class FakeSocket implements PendingSocket {
  destroyed = false;
  constructor(readonly remoteAddress: string) {}
  destroy(): void {
    this.destroyed = true;
  }
}

describe('Admission', () => {
  let now = 0;
  const refusals: string[] = [];
  const admission = (pendingTotal = 10, pendingPerAddress = 3) =>
    new Admission(
      { pendingTotal, pendingPerAddress, helloMs: 1000 },
      () => now,
      (why) => {
        refusals.push(why);
      },
    );

  beforeEach(() => {
    now = 0;
    refusals.length = 0;
  });

  it('drops the oldest pending connection of an address past its cap', () => {
    const gate = admission();
    const sockets = [1, 2, 3, 4].map(() => new FakeSocket('10.0.0.1'));
    for (const socket of sockets) gate.admit(socket);
    expect(sockets.map((socket) => socket.destroyed)).toEqual([true, false, false, false]);
    expect(gate.size).toBe(3);
    expect(refusals).toEqual(['pending-per-address']);
  });

  it('drops the oldest pending connection of any address past the total cap', () => {
    const gate = admission(4, 3);
    const sockets = ['a', 'b', 'c', 'd', 'e'].map((address) => new FakeSocket(address));
    for (const socket of sockets) gate.admit(socket);
    expect(sockets.map((socket) => socket.destroyed)).toEqual([true, false, false, false, false]);
    expect(refusals).toEqual(['pending-total']);
  });

  it('no longer counts a settled connection', () => {
    const gate = admission(10, 2);
    const welcomed = new FakeSocket('10.0.0.1');
    gate.admit(welcomed);
    gate.settle(welcomed);
    const others = [new FakeSocket('10.0.0.1'), new FakeSocket('10.0.0.1')];
    for (const socket of others) gate.admit(socket);
    expect([welcomed, ...others].some((socket) => socket.destroyed)).toBe(false);
    expect(gate.size).toBe(2);
  });

  it('drops connections that sent nothing within the deadline, not upgraded ones', () => {
    const gate = admission();
    const silent = new FakeSocket('a');
    const upgraded = new FakeSocket('b');
    gate.admit(silent);
    gate.admit(upgraded);
    gate.upgraded(upgraded);
    now = 500;
    const young = new FakeSocket('c');
    gate.admit(young);
    now = 1001;
    gate.sweep();
    expect([silent.destroyed, upgraded.destroyed, young.destroyed]).toEqual([true, false, false]);
    expect(refusals).toEqual(['no-request']);
    expect(gate.size).toBe(2);
  });
});
