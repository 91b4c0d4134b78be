/** A clock for tests: time stands still until a test moves it. */
export class FakeClock {
  private time: number;

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('a clock does not go back');
    this.time += ms;
  }
}
