import { DEFAULT_WEBHOOK_OPTIONS, retryDelay } from './webhooks';

describe('webhook retries', () => {
  it('double the delay after each failure, capped', () => {
    const options = { ...DEFAULT_WEBHOOK_OPTIONS, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 50, 5000].map((n) => retryDelay(n, options))).toEqual([
      100, 200, 400, 800, 1000, 1000, 1000,
    ]);
  });
});
