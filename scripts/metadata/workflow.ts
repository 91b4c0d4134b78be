/** What the scratch-org GitHub Actions workflow must have, checked on its parsed YAML. */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Problems of a parsed workflow; none means it passes. */
export function workflowProblems(workflow: unknown): string[] {
  if (!isRecord(workflow)) return ['the workflow is not a mapping'];
  const problems: string[] = [];
  // YAML 1.1 readers turn a bare `on` key into true; the yaml package keeps it a string.
  if (!('on' in workflow) && !('true' in workflow)) problems.push('no on:');
  const jobs = workflow['jobs'];
  if (!isRecord(jobs) || Object.keys(jobs).length === 0) return [...problems, 'no jobs:'];
  for (const [name, job] of Object.entries(jobs)) {
    const where = `jobs.${name}`;
    if (!isRecord(job)) {
      problems.push(`${where}: not a mapping`);
      continue;
    }
    if (typeof job['runs-on'] !== 'string') problems.push(`${where}: no runs-on`);
    const steps = Array.isArray(job['steps']) ? (job['steps'] as unknown[]) : [];
    if (steps.length === 0) {
      problems.push(`${where}: no steps`);
      continue;
    }
    const runs = steps.map((s) => (isRecord(s) && typeof s['run'] === 'string' ? s['run'] : ''));
    const secretCheck = steps.some(
      (s) =>
        isRecord(s) &&
        JSON.stringify(s['env'] ?? {}).includes('secrets.DEVHUB_SFDX_AUTH_URL') &&
        typeof s['run'] === 'string' &&
        /-z "\$DEVHUB_SFDX_AUTH_URL"/.test(s['run']) &&
        /exit 1/.test(s['run']),
    );
    if (!secretCheck) problems.push(`${where}: no step fails when DEVHUB_SFDX_AUTH_URL is empty`);
    const deletes = steps.some(
      (s) =>
        isRecord(s) &&
        s['if'] === 'always()' &&
        typeof s['run'] === 'string' &&
        /scripts\/org\/scratch\.ts delete/.test(s['run']),
    );
    if (!deletes) {
      problems.push(`${where}: the scratch org is not deleted in a step with if: always()`);
    }
    for (const command of ['create', 'deploy', 'assign', 'data', 'test']) {
      if (!runs.some((r) => r.includes(`scripts/org/scratch.ts ${command}`))) {
        problems.push(`${where}: no step runs scripts/org/scratch.ts ${command}`);
      }
    }
    steps.forEach((step: unknown, i) => {
      if (
        !isRecord(step) ||
        (typeof step['run'] !== 'string' && typeof step['uses'] !== 'string')
      ) {
        problems.push(`${where}.steps[${i}]: a step needs run or uses`);
      }
    });
  }
  return problems;
}
