/**
 * Configuration from environment variables, checked at start: a bad value stops the service with a
 * message naming the variable. Keys not given are generated once into the data folder.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, flag, integer } from './configValues';
import type { ServiceLimits } from './limitsConfig';
import { limitsOf } from './limitsConfig';
import { DEFAULT_LEASE_MS } from './partitions/open';
import { DEFAULT_STALL_MS } from './store/leaseKeeper';
import { DEFAULT_TOKEN_MAX_TTL_SECONDS } from './server/tokens';
import { ALLOW_PRIVATE_WEBHOOKS_VARIABLE } from './server/webhookTargets';
import { parseRedisUrl } from './store/redisConnection';

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly adminKey: string;
  /** Where the admin key came from, to print instead of the key: the variable or the file. */
  readonly adminKeyFrom: string;
  readonly signingKey: Uint8Array;
  readonly dataDir: string;
  readonly logLevel: string;
  /** Lifetime of a token issued without one. */
  readonly tokenTtlSeconds: number;
  /** The longest token lifetime issued or accepted. */
  readonly tokenMaxTtlSeconds: number;
  readonly heartbeatSeconds: number;
  /** What one client may cost (src/routing/README.md, "Limits"). */
  readonly limits: ServiceLimits;
  /**
   * `memory` (the default: one process, gone on restart), a `redis://` / `rediss://` URL, or a
   * Redis Cluster, `redis-cluster://host:port,host:port,...`.
   */
  readonly store: string;
  /** Prefix of every Redis key, so that one Redis can hold several routing services. */
  readonly storePrefix: string;
  /** How long an account's lease lasts unless renewed: how soon a dead process's accounts move. */
  readonly leaseMs: number;
  /**
   * How long the main thread may show no life before its leases are left to lapse (they are
   * renewed from a worker thread meanwhile); at least the lease time.
   */
  readonly stallMs: number;
  /** Where the other routing processes reach this one; null: the URL it listens at. */
  readonly advertiseUrl: string | null;
  /** Whether webhooks may point at loopback, private and link-local addresses. */
  readonly allowPrivateWebhooks: boolean;
}

export { ConfigError };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

interface Secret {
  readonly value: string;
  /** The variable, or the file it is kept in. */
  readonly from: string;
}

/** A secret from the environment, else from the data folder, else a new one written there. */
function secret(env: NodeJS.ProcessEnv, name: string, dataDir: string, file: string): Secret {
  const given = env[name];
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
    return { value: given, from: name };
  }
  const path = join(dataDir, file);
  if (existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored.length < 32)
      throw new ConfigError(name, `${path} holds a key shorter than 32 characters`);
    return { value: stored, from: path };
  }
  mkdirSync(dataDir, { recursive: true });
  const created = randomBytes(32).toString('hex');
  writeFileSync(path, `${created}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { value: created, from: path };
}

/** Default lifetime and maximum; the default lifetime may not exceed the maximum. */
function tokenLifetimes(env: NodeJS.ProcessEnv): { ttl: number; max: number } {
  const max = integer(
    env,
    'ROUTING_TOKEN_MAX_TTL_SECONDS',
    DEFAULT_TOKEN_MAX_TTL_SECONDS,
    10,
    86_400,
  );
  // Unset, the default lifetime follows a maximum set below it.
  const ttl = integer(env, 'ROUTING_TOKEN_TTL_SECONDS', Math.min(600, max), 10, 86_400);
  if (ttl > max) {
    throw new ConfigError(
      'ROUTING_TOKEN_TTL_SECONDS',
      `${ttl} is longer than ROUTING_TOKEN_MAX_TTL_SECONDS (${max})`,
    );
  }
  return { ttl, max };
}

function storePrefixOf(env: NodeJS.ProcessEnv): string {
  const given = env['ROUTING_STORE_PREFIX'] || 'contactpad';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(given)) {
    throw new ConfigError('ROUTING_STORE_PREFIX', 'expected 1-64 letters, digits, _ . : or -');
  }
  return given;
}

function storeOf(env: NodeJS.ProcessEnv): string {
  const given = env['ROUTING_STORE'] || 'memory';
  if (given === 'memory') return given;
  try {
    parseRedisUrl(given);
  } catch {
    throw new ConfigError(
      'ROUTING_STORE',
      'expected "memory", a redis:// URL or redis-cluster://host:port,host:port,...',
    );
  }
  return given;
}

/** The lease time, and the stall limit, which may not be shorter. */
function leaseTimes(env: NodeJS.ProcessEnv): { leaseMs: number; stallMs: number } {
  const leaseMs = integer(env, 'ROUTING_LEASE_MS', DEFAULT_LEASE_MS, 500, 60_000);
  const stallMs = integer(
    env,
    'ROUTING_STALL_MS',
    Math.max(DEFAULT_STALL_MS, leaseMs),
    1000,
    600_000,
  );
  if (stallMs < leaseMs) {
    throw new ConfigError(
      'ROUTING_STALL_MS',
      `${stallMs} is shorter than ROUTING_LEASE_MS (${leaseMs})`,
    );
  }
  return { leaseMs, stallMs };
}

function advertiseUrlOf(env: NodeJS.ProcessEnv): string | null {
  const given = env['ROUTING_ADVERTISE_URL'];
  if (given === undefined || given === '') return null;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new ConfigError('ROUTING_ADVERTISE_URL', 'expected an http:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('ROUTING_ADVERTISE_URL', 'expected an http:// URL');
  }
  return url.origin;
}

/** The service's configuration from `env`; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const dataDir = resolve(cwd, env['ROUTING_DATA_DIR'] || 'data');
  const logLevel = env['LOG_LEVEL'] || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}`);
  }
  const host = env['ROUTING_HOST'] || '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]+$/.test(host))
    throw new ConfigError('ROUTING_HOST', 'expected a host name or address');
  const adminKey = secret(env, 'ROUTING_ADMIN_KEY', dataDir, 'admin-key');
  const tokens = tokenLifetimes(env);
  const heartbeatSeconds = integer(env, 'ROUTING_HEARTBEAT_SECONDS', 15, 1, 300);
  return {
    host,
    port: integer(env, 'PORT', 4280, 0, 65_535),
    adminKey: adminKey.value,
    adminKeyFrom: adminKey.from,
    signingKey: new TextEncoder().encode(
      secret(env, 'ROUTING_SIGNING_KEY', dataDir, 'signing-key').value,
    ),
    dataDir,
    logLevel,
    tokenTtlSeconds: tokens.ttl,
    tokenMaxTtlSeconds: tokens.max,
    heartbeatSeconds,
    limits: limitsOf(env, heartbeatSeconds),
    store: storeOf(env),
    storePrefix: storePrefixOf(env),
    ...leaseTimes(env),
    advertiseUrl: advertiseUrlOf(env),
    allowPrivateWebhooks: flag(env, ALLOW_PRIVATE_WEBHOOKS_VARIABLE, false),
  };
}
