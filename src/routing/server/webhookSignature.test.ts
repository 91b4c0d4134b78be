import { newSigningSecret, signature, verifySignature } from './webhookSignature';

describe('webhook signatures', () => {
  const secret = newSigningSecret();
  const body = '{"events":[]}';
  const now = 1_800_000_000;

  it('verifies its own signature within the replay window', () => {
    expect(verifySignature(secret, signature(secret, now, body), body, now)).toBe(true);
    expect(verifySignature(secret, signature(secret, now - 300, body), body, now)).toBe(true);
  });

  it.each([
    ['another body', signature(secret, now, body), '{"events":[1]}', now],
    ['another secret', signature(newSigningSecret(), now, body), body, now],
    ['a time past the window', signature(secret, now - 301, body), body, now],
    ['a time ahead of the window', signature(secret, now + 301, body), body, now],
    ['a garbled header', 'v1=abc', body, now],
    ['no header', undefined, body, now],
  ])('refuses %s', (_label, header, sent, at) => {
    expect(verifySignature(secret, header, sent, at)).toBe(false);
  });
});
