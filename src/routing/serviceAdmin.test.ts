import { withoutCredentials } from './serviceAdmin';

describe('withoutCredentials', () => {
  it.each([
    ['memory', 'memory'],
    ['redis://127.0.0.1:6379/0', 'redis://127.0.0.1:6379/0'],
    ['redis://ann:s3cret@redis.internal:6380/2', 'redis://redis.internal:6380/2'],
    ['rediss://:s3cret@redis.internal/1?password=s3cret', 'rediss://redis.internal/1'],
    ['redis-cluster://10.0.0.5:7000,10.0.0.6:7000', 'redis-cluster://10.0.0.5:7000,10.0.0.6:7000'],
    ['redis-cluster://ann:s3cret@10.0.0.5:7000', 'redis-cluster://10.0.0.5:7000'],
    ['not a url', 'unknown'],
  ])('%s shows as %s', (where, shown) => {
    expect(withoutCredentials(where)).toBe(shown);
  });
});
