import takeCase from '@salesforce/apex/ContactPadCaseController.takeCase';
import releaseCase from '@salesforce/apex/ContactPadCaseController.releaseCase';
import { CaseOwnership, routedCaseOf } from '../caseOwner';
import {
  MockAdapter,
  interactionFixture,
  snapshotFixture,
} from '../../../../../test/jest-mocks/c/contactPadAdapter';

jest.mock('@salesforce/apex/ContactPadCaseController.takeCase', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ContactPadCaseController.releaseCase', () => ({ default: jest.fn() }), {
  virtual: true,
});

const CASE = { id: '500000000000001AAA', objectType: 'Case' };
const caseWork = (change = {}) =>
  interactionFixture({
    id: 'i-7',
    kind: 'non-live',
    channel: 'case',
    record: CASE,
    searchKeys: [],
    ...change,
  });

/** Lets the Apex promises settle. */
async function flush() {
  for (let i = 0; i < 5; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

describe('c-contact-pad routed Cases', () => {
  let adapter;
  let failures;

  beforeEach(() => {
    takeCase.mockResolvedValue(true);
    releaseCase.mockResolvedValue(true);
    adapter = new MockAdapter({});
    failures = [];
    new CaseOwnership((error, code) => failures.push({ error, code })).follow(adapter);
    adapter.welcome(snapshotFixture({ interactions: [] }));
  });

  afterEach(() => jest.clearAllMocks());

  it('knows routed Case work by its channel and record', () => {
    expect(routedCaseOf(caseWork())).toBe(CASE.id);
    expect(routedCaseOf(caseWork({ channel: 'email' }))).toBeNull();
    expect(routedCaseOf(caseWork({ record: { id: CASE.id, objectType: 'Contact' } }))).toBeNull();
    expect(routedCaseOf(caseWork({ record: null }))).toBeNull();
    expect(routedCaseOf(undefined)).toBeNull();
  });

  it('takes the Case once it is assigned, not while it is only offered, and once only', async () => {
    adapter.apply({ type: 'interaction.added', interaction: caseWork({ state: 'offered' }) });
    await flush();
    expect(takeCase).not.toHaveBeenCalled();
    adapter.apply({ type: 'interaction.changed', interaction: caseWork({ version: 2 }) });
    adapter.apply({ type: 'interaction.changed', interaction: caseWork({ version: 3 }) });
    await flush();
    expect(takeCase).toHaveBeenCalledTimes(1);
    expect(takeCase).toHaveBeenCalledWith({ caseId: CASE.id });
  });

  it('takes the Cases of a fresh snapshot', async () => {
    adapter.welcome(snapshotFixture({ interactions: [caseWork()] }));
    await flush();
    expect(takeCase).toHaveBeenCalledWith({ caseId: CASE.id });
  });

  it('sets the status on release only when the agent released it', async () => {
    adapter.apply({ type: 'interaction.added', interaction: caseWork() });
    adapter.apply({ type: 'interaction.removed', interactionId: 'i-7', reason: 'released' });
    await flush();
    expect(releaseCase).toHaveBeenCalledWith({ caseId: CASE.id });

    adapter.apply({ type: 'interaction.added', interaction: caseWork({ id: 'i-8' }) });
    adapter.apply({ type: 'interaction.removed', interactionId: 'i-8', reason: 'transferred' });
    adapter.apply({ type: 'interaction.removed', interactionId: 'i-9', reason: 'released' });
    await flush();
    expect(releaseCase).toHaveBeenCalledTimes(1);
  });

  it('leaves other work alone', async () => {
    adapter.apply({ type: 'interaction.added', interaction: interactionFixture({ id: 'i-2' }) });
    adapter.apply({ type: 'interaction.removed', interactionId: 'i-2', reason: 'released' });
    await flush();
    expect(takeCase).not.toHaveBeenCalled();
    expect(releaseCase).not.toHaveBeenCalled();
  });

  it('hands a refusal over to be shown, with its code, and never throws', async () => {
    const refusal = {
      body: {
        message: 'case-owner-refused: Salesforce did not let you take ownership of the case.',
      },
    };
    takeCase.mockRejectedValueOnce(refusal);
    releaseCase.mockRejectedValueOnce(refusal);
    adapter.apply({ type: 'interaction.added', interaction: caseWork() });
    await flush();
    adapter.apply({ type: 'interaction.removed', interactionId: 'i-7', reason: 'released' });
    await flush();
    const said = {
      code: 'case-owner-refused',
      message: 'Salesforce did not let you take ownership of the case.',
    };
    expect(failures).toEqual([
      { error: said, code: 'case-owner-failed' },
      { error: said, code: 'case-release-failed' },
    ]);
    const offline = new Error('Failed to fetch');
    takeCase.mockRejectedValueOnce(offline);
    adapter.apply({ type: 'interaction.added', interaction: caseWork({ id: 'i-3' }) });
    await flush();
    expect(failures[2]).toEqual({ error: offline, code: 'case-owner-failed' });
  });
});
