import { OutsideNumbersModel } from './outsideNumbers';

describe('OutsideNumbersModel', () => {
  test('the chosen behaviour is sent for the number and said back', async () => {
    const calls: { path: string; body?: unknown }[] = [];
    const model = new OutsideNumbersModel(async (path, init) => {
      calls.push({ path, body: init?.body === undefined ? undefined : JSON.parse(init.body) });
      return null;
    });
    model.setNumber(' +15550100299 ');
    model.setAnswer('never');
    model.setAnswer('sometimes'); // not a choice: ignored
    await model.submit();
    expect(calls).toEqual([
      {
        path: '/workbench/api/simulate/numbers/%2B15550100299',
        body: { answer: 'never', afterMs: 0 },
      },
    ]);
    expect(model.state.status).toBe('+15550100299: never answers.');
  });

  test('pushed calls become rows; Answer now answers one', async () => {
    const paths: string[] = [];
    const model = new OutsideNumbersModel(async (path) => {
      paths.push(path);
      if (paths.length > 1) throw new Error('no such call');
      return null;
    });
    model.received([{ ref: 'c-1', number: '+15550100200', from: 'Ann Lee', ringingUntil: 1 }]);
    expect(model.state.calls).toEqual([
      {
        ref: 'c-1',
        number: '+15550100200',
        text: 'Ann Lee is calling +15550100200',
        title: '+15550100200 answers Ann Lee',
      },
    ]);
    await model.answerCall('c-1');
    expect(paths).toEqual(['/workbench/api/simulate/calls/c-1/answer']);
    expect(model.state.status).toBe('+15550100200 answered.');
    await model.answerCall('c-1');
    expect(model.state.status).toBe('Answer failed: no such call');
  });
});
