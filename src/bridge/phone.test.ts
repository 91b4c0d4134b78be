import { normalisePhoneNumber } from './phone';

describe('normalisePhoneNumber', () => {
  it.each([
    ['(415) 555-0100', '4155550100'],
    ['+44 20 7946 0000', '+442079460000'],
    [' +1.415.555.0100 ', '+14155550100'],
    ['+1 415 555 0100 ext. 12', '+14155550100'],
    ['415-555-0100 x7', '4155550100'],
    [14155550100, '14155550100'],
  ])('turns %p into %p', (input, expected) => {
    expect(normalisePhoneNumber(input)).toBe(expected);
  });

  it.each([
    [''],
    ['call me'],
    ['1'],
    ['+123456789012345678901'],
    [-5],
    [1.5],
    [null],
    [undefined],
    [{}],
  ])('rejects %p', (input) => {
    expect(normalisePhoneNumber(input)).toBeNull();
  });
});
