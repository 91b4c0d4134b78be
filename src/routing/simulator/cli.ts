/**
 * The simulator from a terminal, through the routing service's simulator API:
 *
 *   npm run simulate -- arrive --service sales --channel voice --name "John Smith" --phone +14155550100
 *   npm run simulate -- leave --interaction i-...
 *   npm run simulate -- answer --ref k-...            (a consult or outbound call to a number)
 *   npm run simulate -- fail-release --interaction i-... --fault error|hang
 *   npm run simulate -- number --number +442071234567 --answer never|auto --after-ms 2000
 *   npm run simulate -- load --rate 50 --seconds 30 --services sales,support [--channels chat,email]
 *
 * `--account` defaults to demo; ROUTING_URL (default http://127.0.0.1:4280) and ROUTING_ADMIN_KEY
 * (default: the data folder's admin-key) say where and how.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run simulate -- <arrive|leave|answer|fail-release|number|load> [options]
  arrive        --service ID --channel voice|video|chat|email|case [--name N] [--phone P] [--email E]
                [--subject S] [--priority 0-9] [--record ID:ObjectType]
  leave         --interaction ID
  answer        --ref CONSULT_OR_INTERACTION_ID
  fail-release  --interaction ID --fault error|hang
  number        --number +NUMBER --answer auto|never [--after-ms MS]
  load          --rate PER_SECOND --seconds N --services A,B [--channels chat,email]
common: --account ID (default demo)`;

export class UsageError extends Error {}

/** The HTTP request a command line stands for. */
export function requestFor(argv: readonly string[]): {
  method: string;
  path: string;
  body: unknown;
} {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      account: { type: 'string', default: 'demo' },
      service: { type: 'string' },
      channel: { type: 'string' },
      name: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      subject: { type: 'string' },
      priority: { type: 'string' },
      record: { type: 'string' },
      interaction: { type: 'string' },
      ref: { type: 'string' },
      fault: { type: 'string' },
      number: { type: 'string' },
      answer: { type: 'string' },
      'after-ms': { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      services: { type: 'string' },
      channels: { type: 'string' },
    },
  });
  const account = encodeURIComponent(values.account ?? 'demo');
  const need = (name: keyof typeof values): string => {
    const value = values[name];
    if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
    return value;
  };
  const integer = (name: keyof typeof values, fallback?: number): number => {
    const raw = values[name];
    if (raw === undefined && fallback !== undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value)) throw new UsageError(`--${name} must be an integer`);
    return value;
  };
  const list = (raw: string | undefined) => (raw === undefined || raw === '' ? [] : raw.split(','));
  switch (positionals[0]) {
    case 'arrive': {
      const record = values.record?.split(':');
      return {
        method: 'POST',
        path: `/simulator/accounts/${account}/interactions`,
        body: {
          channel: need('channel'),
          serviceId: need('service'),
          customer: {
            name: values.name ?? null,
            phone: values.phone ?? null,
            email: values.email ?? null,
          },
          ...(record === undefined
            ? {}
            : { record: { id: record[0], objectType: record[1] ?? 'Contact' } }),
          ...(values.subject === undefined ? {} : { subject: values.subject }),
          priority: integer('priority', 5),
        },
      };
    }
    case 'leave':
      return {
        method: 'POST',
        path: `/simulator/accounts/${account}/interactions/${encodeURIComponent(need('interaction'))}/leave`,
        body: {},
      };
    case 'answer':
      return {
        method: 'POST',
        path: `/simulator/accounts/${account}/calls/${encodeURIComponent(need('ref'))}/answer`,
        body: {},
      };
    case 'fail-release':
      return {
        method: 'POST',
        path: `/simulator/accounts/${account}/interactions/${encodeURIComponent(need('interaction'))}/fail-release`,
        body: { fault: need('fault') },
      };
    case 'number':
      return {
        method: 'PUT',
        path: `/simulator/numbers/${encodeURIComponent(need('number'))}`,
        body: { answer: need('answer'), afterMs: integer('after-ms', 2000) },
      };
    case 'load':
      return {
        method: 'POST',
        path: `/simulator/accounts/${account}/load`,
        body: {
          ratePerSecond: integer('rate'),
          durationSeconds: integer('seconds'),
          serviceIds: list(need('services')),
          channels: list(values.channels),
        },
      };
    default:
      throw new UsageError(
        positionals[0] === undefined
          ? 'a command is required'
          : `unknown command ${positionals[0]}`,
      );
  }
}

function adminKey(): string {
  const given = process.env['ROUTING_ADMIN_KEY'];
  if (given !== undefined && given !== '') return given;
  const file = join(resolve(process.env['ROUTING_DATA_DIR'] || 'data'), 'admin-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new UsageError('set ROUTING_ADMIN_KEY (no data/admin-key found)');
}

async function main(): Promise<number> {
  const request = requestFor(process.argv.slice(2));
  const base = process.env['ROUTING_URL'] || 'http://127.0.0.1:4280';
  const response = await fetch(`${base}${request.path}`, {
    method: request.method,
    headers: { authorization: `Bearer ${adminKey()}`, 'content-type': 'application/json' },
    body: JSON.stringify(request.body),
  });
  process.stdout.write(`${JSON.stringify(await response.json(), null, 2)}\n`);
  return response.ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(
        err instanceof UsageError ? `${err.message}\n${USAGE}\n` : `${String(err)}\n`,
      );
      process.exit(2);
    },
  );
}
