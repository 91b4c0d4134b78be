import { normalisePhoneNumber, recognisePhoneNumber } from './phoneNumbers';

describe('recognisePhoneNumber', () => {
  it.each([
    ['+44 20 7123 4567', '+442071234567'],
    ['(415) 555-0100', '4155550100'],
    ['020-7123-4567', '02071234567'],
    ['020.7123.4567', '02071234567'],
    ['00442071234567', '+442071234567'],
    ['+44 (0)20 7123 4567', '+442071234567'],
    ['030/1234567', '0301234567'],
    ['  101  ', '101'],
    ['42', '42'],
  ])('recognises %s as %s', (query, number) => {
    expect(recognisePhoneNumber(query)).toBe(number);
  });

  it.each([
    ['Room 101'],
    ['Tier 2'],
    ['ann'],
    ['7'],
    [''],
    ['+'],
    ['12+34'],
    ['555-CALL'],
    ['123456789012345678901'],
  ])('does not treat %j as a number', (query) => {
    expect(recognisePhoneNumber(query)).toBeNull();
  });
});

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
