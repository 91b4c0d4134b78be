/**
 * Checks an org where ContactPad is deployed or installed, with jsforce, and prints a report:
 *   npx tsx scripts/org/verify.ts <alias> [--namespace <ns>] [--allow-placeholder]
 * (the namespace, unless given, is the one the org's ContactPad Apex carries: none when deployed
 * from source, the package's when installed)
 * the ContactPad call center and the users in it, the permission set assignments, the ContactPad
 * Setting named Default (routing URL, account id; the placeholder host fails unless
 * --allow-placeholder, as in scratch-org CI), the softphone Visualforce page. Exit code 1 when
 * a check fails.
 */
import { Connection } from '@jsforce/jsforce-node';
import { CALL_CENTER, PERMISSION_SETS } from './scratch';
import { Sf, option, qualified, required, runMain } from './sf';

const USAGE = 'npx tsx scripts/org/verify.ts <alias> [--namespace <ns>] [--allow-placeholder]';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The part of jsforce's Connection the checks use (tests pass a fake). */
export interface Queryable {
  query<T>(soql: string): Promise<{ records: T[] }>;
}

/** Runs every check against an org. */
export async function verifyOrg(
  conn: Queryable,
  namespace: string,
  allowPlaceholder = false,
): Promise<Check[]> {
  const checks: Check[] = [];
  const attempt = async (name: string, run: () => Promise<Omit<Check, 'name'>>) => {
    try {
      checks.push({ name, ...(await run()) });
    } catch (error) {
      checks.push({ name, ok: false, detail: (error as Error).message });
    }
  };

  let centerId: string | null = null;
  await attempt('call center', async () => {
    const { records } = await conn.query<{ Id: string; Name: string; AdapterUrl?: string }>(
      `SELECT Id, Name, AdapterUrl FROM CallCenter WHERE InternalName = '${CALL_CENTER}'`,
    );
    const center = records[0];
    if (!center) return { ok: false, detail: `no call center ${CALL_CENTER}` };
    centerId = center.Id;
    return {
      ok: true,
      detail: `${center.Name} (${center.Id}) adapter ${center.AdapterUrl ?? '?'}`,
    };
  });
  await attempt('call center users', async () => {
    if (centerId === null) return { ok: false, detail: 'no call center' };
    const { records } = await conn.query<{ Username: string }>(
      `SELECT Username FROM User WHERE CallCenterId = '${centerId}' AND IsActive = true`,
    );
    return records.length === 0
      ? { ok: false, detail: 'no active user is in the call center (User.CallCenterId)' }
      : { ok: true, detail: records.map((u) => u.Username).join(', ') };
  });
  const sets = PERMISSION_SETS.map((name) => qualified(name, namespace));
  await attempt('permission set assignments', async () => {
    const { records } = await conn.query<{
      PermissionSet: { Name: string };
      Assignee: { Username: string };
    }>(
      'SELECT PermissionSet.Name, Assignee.Username FROM PermissionSetAssignment ' +
        `WHERE PermissionSet.Name IN ('${sets.join("','")}')`,
    );
    const agents = records.filter((r) => r.PermissionSet.Name === sets[0]);
    const summary = sets
      .map(
        (set) =>
          `${set}: ${
            records
              .filter((r) => r.PermissionSet.Name === set)
              .map((r) => r.Assignee.Username)
              .join(', ') || 'nobody'
          }`,
      )
      .join('; ');
    return { ok: agents.length > 0, detail: summary };
  });
  await attempt('custom metadata', async () => {
    const type = qualified('ContactPad_Setting__mdt', namespace);
    const field = (name: string) => qualified(name, namespace);
    const { records } = await conn.query<Record<string, unknown>>(
      `SELECT DeveloperName, ${field('Routing_Url__c')}, ${field('Account_Id__c')} FROM ${type} WHERE DeveloperName = 'Default'`,
    );
    const record = records[0];
    if (!record) return { ok: false, detail: `no ${type} record named Default` };
    const url = String(record[field('Routing_Url__c')] ?? '');
    const account = String(record[field('Account_Id__c')] ?? '');
    const problems = [
      url.startsWith('wss://') ? null : `routing URL "${url}" is not wss://`,
      url.includes('routing.example.com') && !allowPlaceholder
        ? 'routing URL is still the placeholder routing.example.com'
        : null,
      account === '' ? 'no account id' : null,
    ].filter((p): p is string => p !== null);
    return {
      ok: problems.length === 0,
      detail: problems.join('; ') || `${url}, account ${account}`,
    };
  });
  await attempt('Visualforce page', async () => {
    const { records } = await conn.query<{ Name: string; NamespacePrefix: string | null }>(
      "SELECT Name, NamespacePrefix FROM ApexPage WHERE Name = 'ContactPadSoftphone'",
    );
    const page = records.find((r) => (r.NamespacePrefix ?? '') === namespace);
    return page
      ? { ok: true, detail: `${namespace ? `${namespace}__` : ''}${page.Name}` }
      : { ok: false, detail: 'no ContactPadSoftphone page' };
  });
  return checks;
}

/** The namespace of the ContactPad Apex in the org ('' when deployed from source or not there). */
export async function installedNamespace(org: Queryable): Promise<string> {
  const { records } = await org.query<{ NamespacePrefix: string | null }>(
    "SELECT NamespacePrefix FROM ApexClass WHERE Name = 'ContactPadSessionController' LIMIT 1",
  );
  return records[0]?.NamespacePrefix ?? '';
}

/** The report: one line per check. */
export function report(checks: readonly Check[]): string {
  return checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`).join('\n');
}

async function main(args: readonly string[]): Promise<void> {
  const alias = required(args, 0, 'org alias', USAGE);
  const org = new Sf().requireOrg(alias);
  const conn = new Connection({
    instanceUrl: org.instanceUrl,
    accessToken: org.accessToken,
    version: '65.0',
  });
  const queryable: Queryable = {
    query: async <T>(soql: string) => (await conn.query(soql)) as unknown as { records: T[] },
  };
  const namespace = option(args, 'namespace') ?? (await installedNamespace(queryable));
  const checks = await verifyOrg(queryable, namespace, args.includes('--allow-placeholder'));
  console.log(`ContactPad in ${alias} (${org.username})\n${report(checks)}`);
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}

if (require.main === module) runMain(() => main(process.argv.slice(2)));
