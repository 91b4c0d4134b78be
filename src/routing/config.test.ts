import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'contactpad-config-'));

  it('defaults to loopback, port 4280, and generates keys once into the data folder', () => {
    const cwd = dir();
    const first = loadConfig({}, cwd);
    expect(first).toMatchObject({
      host: '127.0.0.1',
      port: 4280,
      logLevel: 'info',
      tokenTtlSeconds: 600,
      tokenMaxTtlSeconds: 3600,
      store: 'memory',
      storePrefix: 'contactpad',
    });
    expect(first.adminKey).toMatch(/^[0-9a-f]{64}$/);
    const keyFile = join(cwd, 'data', 'admin-key');
    expect(first.adminKeyFrom).toBe(keyFile);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(first.adminKey);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const second = loadConfig({}, cwd);
    expect(second.adminKey).toBe(first.adminKey);
    expect(Buffer.from(second.signingKey).equals(Buffer.from(first.signingKey))).toBe(true);
  });

  it('takes values from the environment', () => {
    const config = loadConfig(
      {
        ROUTING_HOST: '0.0.0.0',
        PORT: '0',
        ROUTING_ADMIN_KEY: 'a'.repeat(32),
        ROUTING_SIGNING_KEY: 'b'.repeat(40),
        LOG_LEVEL: 'silent',
        ROUTING_TOKEN_TTL_SECONDS: '60',
      },
      dir(),
    );
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      adminKey: 'a'.repeat(32),
      adminKeyFrom: 'ROUTING_ADMIN_KEY',
      logLevel: 'silent',
      tokenTtlSeconds: 60,
    });
    expect(config.signingKey.length).toBe(40);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['ROUTING_ADMIN_KEY', 'short'],
    ['ROUTING_SIGNING_KEY', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['ROUTING_TOKEN_TTL_SECONDS', '1'],
    ['ROUTING_TOKEN_TTL_SECONDS', '3601'],
    ['ROUTING_TOKEN_MAX_TTL_SECONDS', '5'],
    ['ROUTING_TOKEN_MAX_TTL_SECONDS', '86401'],
    ['ROUTING_TOKEN_MAX_TTL_SECONDS', '1h'],
    ['ROUTING_HOST', 'bad host;'],
    ['ROUTING_WEBHOOK_ALLOW_PRIVATE', 'yes'],
  ])('refuses %s=%s with an error naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value }, dir())).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value }, dir())).toThrow(new RegExp(`^${variable}:`));
  });

  it('refuses private webhook addresses unless ROUTING_WEBHOOK_ALLOW_PRIVATE is true', () => {
    const cwd = dir();
    expect(loadConfig({}, cwd).allowPrivateWebhooks).toBe(false);
    expect(loadConfig({ ROUTING_WEBHOOK_ALLOW_PRIVATE: 'false' }, cwd).allowPrivateWebhooks).toBe(
      false,
    );
    expect(loadConfig({ ROUTING_WEBHOOK_ALLOW_PRIVATE: 'true' }, cwd).allowPrivateWebhooks).toBe(
      true,
    );
  });

  it('takes a Redis store by URL and refuses anything else, naming the variable', () => {
    const cwd = dir();
    expect(
      loadConfig({ ROUTING_STORE: 'redis://127.0.0.1:6380/2', ROUTING_STORE_PREFIX: 'east' }, cwd),
    ).toMatchObject({ store: 'redis://127.0.0.1:6380/2', storePrefix: 'east' });
    for (const store of ['postgres://db', 'redis', 'file:///tmp/x']) {
      expect(() => loadConfig({ ROUTING_STORE: store }, cwd)).toThrow(
        expect.objectContaining({ variable: 'ROUTING_STORE' }),
      );
    }
    expect(() => loadConfig({ ROUTING_STORE_PREFIX: 'a b' }, cwd)).toThrow(ConfigError);
  });

  it('takes a Redis Cluster, a lease time, a stall limit and the URL other processes reach this one at', () => {
    const cwd = dir();
    expect(
      loadConfig(
        {
          ROUTING_STORE: 'redis-cluster://10.0.0.5:7000,10.0.0.6:7000',
          ROUTING_LEASE_MS: '1500',
          ROUTING_STALL_MS: '20000',
          ROUTING_ADVERTISE_URL: 'http://10.0.0.11:4301/',
        },
        cwd,
      ),
    ).toMatchObject({
      store: 'redis-cluster://10.0.0.5:7000,10.0.0.6:7000',
      leaseMs: 1500,
      stallMs: 20_000,
      advertiseUrl: 'http://10.0.0.11:4301',
    });
    expect(loadConfig({}, cwd)).toMatchObject({
      leaseMs: 3000,
      stallMs: 30_000,
      advertiseUrl: null,
    });
    // The stall limit is never shorter than a lease: unset, it follows a longer lease.
    expect(loadConfig({ ROUTING_LEASE_MS: '45000' }, cwd)).toMatchObject({ stallMs: 45_000 });
    expect(() => loadConfig({ ROUTING_LEASE_MS: '5000', ROUTING_STALL_MS: '2000' }, cwd)).toThrow(
      expect.objectContaining({ variable: 'ROUTING_STALL_MS' }),
    );
    for (const [variable, value] of [
      ['ROUTING_STORE', 'redis-cluster://10.0.0.5:99999'],
      ['ROUTING_LEASE_MS', '100'],
      ['ROUTING_STALL_MS', '500'],
      ['ROUTING_STALL_MS', 'soon'],
      ['ROUTING_ADVERTISE_URL', 'ws://10.0.0.11:4301'],
      ['ROUTING_ADVERTISE_URL', 'not a url'],
    ]) {
      expect(() => loadConfig({ [variable as string]: value }, cwd)).toThrow(
        expect.objectContaining({ variable }),
      );
    }
  });

  describe('token lifetimes', () => {
    const lifetimes = (env: NodeJS.ProcessEnv) => {
      const { tokenTtlSeconds, tokenMaxTtlSeconds } = loadConfig(env, dir());
      return [tokenTtlSeconds, tokenMaxTtlSeconds];
    };

    it('takes a maximum and a default within it', () => {
      expect(lifetimes({ ROUTING_TOKEN_MAX_TTL_SECONDS: '86400' })).toEqual([600, 86_400]);
      expect(
        lifetimes({ ROUTING_TOKEN_MAX_TTL_SECONDS: '7200', ROUTING_TOKEN_TTL_SECONDS: '7200' }),
      ).toEqual([7200, 7200]);
    });

    it('lowers the unset default to a maximum below it', () => {
      expect(lifetimes({ ROUTING_TOKEN_MAX_TTL_SECONDS: '300' })).toEqual([300, 300]);
    });

    it('refuses a default above the maximum, naming the default', () => {
      expect(() =>
        lifetimes({ ROUTING_TOKEN_MAX_TTL_SECONDS: '300', ROUTING_TOKEN_TTL_SECONDS: '301' }),
      ).toThrow(
        /^ROUTING_TOKEN_TTL_SECONDS: 301 is longer than ROUTING_TOKEN_MAX_TTL_SECONDS \(300\)$/,
      );
    });
  });

  it('takes the admin key from its file, and says so', () => {
    const cwd = dir();
    const created = loadConfig({}, cwd);
    const again = loadConfig({ ROUTING_ADMIN_KEY: '' }, cwd);
    expect(again.adminKey).toBe(created.adminKey);
    expect(again.adminKeyFrom).toBe(join(cwd, 'data', 'admin-key'));
  });
});
