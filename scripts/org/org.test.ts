/**
 * The org scripts without an org: clear failures when the sf CLI or a login is missing, the sf
 * commands a scratch org gets, the verify-org report from fake query results.
 */
import type { Runner } from './sf';
import { OrgError, Sf, positionals, qualified, required } from './sf';
import { ScratchOrg } from './scratch';
import type { Queryable } from './verify';
import { installedNamespace, report, verifyOrg } from './verify';

const enoent = Object.assign(new Error('spawn sf ENOENT'), { code: 'ENOENT' });

/** A fake sf answering `--json` calls from a table keyed by the command's first words. */
function fakeSf(answers: Record<string, unknown>, calls: string[][] = []): Sf {
  const run: Runner = (_command, args) => {
    calls.push([...args]);
    if (args[0] === '--version') return '@salesforce/cli/2.0.0';
    const key = Object.keys(answers).find((k) => args.join(' ').startsWith(k));
    if (key === undefined) return JSON.stringify({ status: 0, result: {} });
    const answer = answers[key];
    if (answer instanceof Error) throw answer;
    return JSON.stringify({ status: 0, result: answer });
  };
  return new Sf(run, 'sf');
}

describe('sf CLI', () => {
  it('fails clearly when sf is not installed', () => {
    const sf = new Sf(() => {
      throw enoent;
    }, 'sf');
    expect(() => sf.requireOrg('ci')).toThrow(
      new OrgError(
        'The Salesforce CLI (sf) is not installed or not on PATH: install it (npm install --global @salesforce/cli, see docs/ADMIN.md) and log in to a Dev Hub.',
      ),
    );
  });

  it('fails clearly when no org is logged in under the alias', () => {
    const notFound = Object.assign(new Error('exit 1'), {
      stdout: JSON.stringify({ status: 1, message: 'No authorization information found for ci.' }),
    });
    const sf = fakeSf({ 'org display': notFound });
    expect(() => sf.requireOrg('ci')).toThrow(
      /No org is logged in as "ci": run sf org login web --alias ci .*No authorization information found for ci\./,
    );
  });

  it('reads positional arguments around options and flags', () => {
    expect(positionals(['all', '--devhub', 'hub', 'ci', '--keep'])).toEqual(['all', 'ci']);
    expect(() => required(['deploy'], 1, 'org alias', 'usage')).toThrow(
      'Missing org alias. Usage: usage',
    );
  });

  it('qualifies names with the namespace only when there is one', () => {
    expect(qualified('ContactPad_Agent', '')).toBe('ContactPad_Agent');
    expect(qualified('ContactPad_Agent', 'cpad')).toBe('cpad__ContactPad_Agent');
  });
});

describe('scratch org', () => {
  it('assigns the namespaced permission sets in an org with the namespace, and creates orgs without one by default', () => {
    const calls: string[][] = [];
    const sf = fakeSf(
      {
        'org display': { username: 'admin@ci.example', accessToken: 'x', instanceUrl: 'https://x' },
        'data query': { records: [{ Id: '04v000000000001' }] },
      },
      calls,
    );
    new ScratchOrg(sf, 'ci', () => undefined, 'cpad').assign();
    new ScratchOrg(sf, 'plain', () => undefined, '').create(undefined, '1');
    const commands = calls.map((c) => c.join(' '));
    expect(commands).toContain(
      'org assign permset --name cpad__ContactPad_Agent --name cpad__ContactPad_Admin --target-org ci --json',
    );
    expect(commands.find((c) => c.startsWith('org create scratch'))).toMatch(/ --no-namespace\b/);
    expect(positionals(['create', 'plain', '--with-namespace'])).toEqual(['create', 'plain']);
  });

  it('assigns the permission sets and puts the user in the ContactPad call center', () => {
    const calls: string[][] = [];
    const sf = fakeSf(
      {
        'org display': { username: 'admin@ci.example', accessToken: 'x', instanceUrl: 'https://x' },
        'data query': { records: [{ Id: '04v000000000001' }] },
      },
      calls,
    );
    new ScratchOrg(sf, 'ci', () => undefined, '').assign();
    const commands = calls.map((c) => c.join(' '));
    expect(commands).toContain(
      'org assign permset --name ContactPad_Agent --name ContactPad_Admin --target-org ci --json',
    );
    expect(commands).toContain(
      "data update record --target-org ci --sobject User --where Username='admin@ci.example' --values CallCenterId=04v000000000001 --json",
    );
  });

  it('fails clearly when the call center is not deployed', () => {
    const sf = fakeSf({
      'org display': { username: 'admin@ci.example', accessToken: 'x', instanceUrl: 'https://x' },
      'data query': { records: [] },
    });
    expect(() => new ScratchOrg(sf, 'ci', () => undefined).assign()).toThrow(
      'The ContactPad call center is not in ci: deploy first.',
    );
  });
});

describe('verify-org', () => {
  const org = (tables: Record<string, unknown[]>): Queryable => ({
    query: <T>(soql: string) => {
      const from = /FROM (\w+)/.exec(soql)?.[1] ?? '';
      return Promise.resolve({ records: (tables[from] ?? []) as T[] });
    },
  });

  it('passes an org where everything is in place', async () => {
    const checks = await verifyOrg(
      org({
        CallCenter: [{ Id: '04v1', Name: 'ContactPad', AdapterUrl: '/apex/ContactPadSoftphone' }],
        User: [{ Username: 'agent@example.com' }],
        PermissionSetAssignment: [
          {
            PermissionSet: { Name: 'ContactPad_Agent' },
            Assignee: { Username: 'agent@example.com' },
          },
        ],
        ContactPad_Setting__mdt: [
          { Routing_Url__c: 'wss://routing.acme.com/v1/agent', Account_Id__c: 'acme' },
        ],
        ApexPage: [{ Name: 'ContactPadSoftphone', NamespacePrefix: null }],
      }),
      '',
    );
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(report(checks)).toMatch(/^PASS {2}call center: ContactPad/);
  });

  it('reports each missing part', async () => {
    const checks = await verifyOrg(
      org({
        ContactPad_Setting__mdt: [
          { Routing_Url__c: 'wss://routing.example.com/v1/agent', Account_Id__c: '' },
        ],
      }),
      '',
    );
    expect(report(checks).split('\n')).toEqual([
      'FAIL  call center: no call center ContactPad',
      'FAIL  call center users: no call center',
      'FAIL  permission set assignments: ContactPad_Agent: nobody; ContactPad_Admin: nobody',
      'FAIL  custom metadata: routing URL is still the placeholder routing.example.com; no account id',
      'FAIL  Visualforce page: no ContactPadSoftphone page',
    ]);
  });
});

describe("the org's namespace", () => {
  it('is the one its ContactPad Apex carries, none when deployed from source', async () => {
    const org = (prefix: string | null | undefined): Queryable => ({
      query: <T>() =>
        Promise.resolve({
          records: (prefix === undefined ? [] : [{ NamespacePrefix: prefix }]) as T[],
        }),
    });
    await expect(installedNamespace(org('cpad'))).resolves.toBe('cpad');
    await expect(installedNamespace(org(null))).resolves.toBe('');
    await expect(installedNamespace(org(undefined))).resolves.toBe('');
  });
});
