import { FakeOpenCti } from './fakeOpenCti';
import { openCtiOf } from './openCti';

describe('openCtiOf', () => {
  it('finds sforce.opencti on a global object', () => {
    const openCti = new FakeOpenCti();
    expect(openCtiOf({ sforce: { opencti: openCti } })).toBe(openCti);
  });

  it.each([
    ['nothing', undefined],
    ['no sforce', {}],
    ['no opencti', { sforce: {} }],
    ['Classic interaction API only', { sforce: { interaction: {} } }],
  ])('returns null for %s', (_name, value) => {
    expect(openCtiOf(value)).toBeNull();
  });

  it('returns null when a method or constant we use is missing', () => {
    const openCti = new FakeOpenCti();
    const withoutSaveLog = Object.assign(Object.create(openCti) as object, { saveLog: undefined });
    expect(openCtiOf({ sforce: { opencti: withoutSaveLog } })).toBeNull();
    const withoutCallType = Object.assign(Object.create(openCti) as object, {
      CALL_TYPE: { INBOUND: 'inbound' },
    });
    expect(openCtiOf({ sforce: { opencti: withoutCallType } })).toBeNull();
  });

  it('returns null instead of throwing on a hostile global', () => {
    const hostile = Object.defineProperty({}, 'sforce', {
      get() {
        throw new Error('denied');
      },
    });
    expect(openCtiOf(hostile)).toBeNull();
  });
});
