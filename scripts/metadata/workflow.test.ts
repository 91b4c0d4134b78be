/**
 * The scratch-org workflow, validated offline: it parses, runs the org scripts in order, takes the
 * Dev Hub from a secret and fails clearly without it, and deletes the org under `if: always()`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workflowProblems } from './workflow';

const ROOT = join(__dirname, '..', '..');
const read = (path: string): unknown => parse(readFileSync(path, 'utf8'));

describe('scratch-org workflow', () => {
  it('is a valid workflow with the secret check, the lifecycle and the always() delete', () => {
    expect(workflowProblems(read(join(ROOT, '.github', 'workflows', 'scratch-org.yml')))).toEqual(
      [],
    );
  });

  it('fails on a broken workflow (fixture workflow-broken.yml)', () => {
    expect(workflowProblems(read(join(__dirname, 'fixtures', 'workflow-broken.yml')))).toEqual([
      'jobs.scratch-org: no step fails when DEVHUB_SFDX_AUTH_URL is empty',
      'jobs.scratch-org: the scratch org is not deleted in a step with if: always()',
      'jobs.scratch-org: no step runs scripts/org/scratch.ts test',
      'jobs.scratch-org.steps[1]: a step needs run or uses',
    ]);
  });

  it('fails on something that is not a workflow', () => {
    expect(workflowProblems('name: x')).toEqual(['the workflow is not a mapping']);
    expect(workflowProblems({ name: 'x' })).toEqual(['no on:', 'no jobs:']);
  });
});
