import { accountOfToken, withAccountHint } from './accountHint';

/** A token shaped like the service's: header, payload and signature in base64url. */
const tokenWith = (claims: object) =>
  [{ alg: 'HS256', typ: 'JWT' }, claims]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .concat('c2lnbmF0dXJl')
    .join('.');

describe('the account hint', () => {
  it("reads the token's account, whatever characters it holds", () => {
    expect(accountOfToken(tokenWith({ acc: 'acme', sub: 'ann' }))).toBe('acme');
    expect(accountOfToken(tokenWith({ acc: 'café ?&=/ 東京' }))).toBe('café ?&=/ 東京');
  });

  it('reads nothing from a token without an account or not a JWT', () => {
    expect(accountOfToken(tokenWith({ sub: 'ann' }))).toBeNull();
    expect(accountOfToken(tokenWith({ acc: 42 }))).toBeNull();
    expect(accountOfToken(tokenWith({ acc: '' }))).toBeNull();
    expect(accountOfToken('opaque')).toBeNull();
    expect(accountOfToken('a.!!!.b')).toBeNull();
    expect(accountOfToken('a..b')).toBeNull();
  });

  it('names the account in the URL, encoded, keeping what the URL asked already', () => {
    const token = tokenWith({ acc: 'café &1' });
    expect(withAccountHint('wss://routing.example.com/v1/agent', token)).toBe(
      'wss://routing.example.com/v1/agent?account=caf%C3%A9+%261',
    );
    expect(withAccountHint('wss://h/v1/agent?x=1&account=old', token)).toBe(
      'wss://h/v1/agent?x=1&account=caf%C3%A9+%261',
    );
    expect(withAccountHint('wss://h/v1/agent', 'opaque')).toBe('wss://h/v1/agent');
  });
});
