import { randomBytes } from 'node:crypto';
import { TokenIssuer } from './tokens';

describe('TokenIssuer', () => {
  const key = randomBytes(32);
  let now = Date.UTC(2026, 10, 24, 9, 0, 0);
  const issuer = new TokenIssuer(key, 600, () => now);

  it('issues a token that verifies to its account and agent', async () => {
    const { token, expiresAt } = await issuer.issue({ accountId: 'acme', agentId: 'ann' });
    expect(expiresAt).toBe(now + 600_000);
    await expect(issuer.verify(token)).resolves.toEqual({ accountId: 'acme', agentId: 'ann' });
  });

  it('refuses an expired token', async () => {
    const { token } = await issuer.issue({ accountId: 'acme', agentId: 'ann' }, 60);
    now += 61_000;
    await expect(issuer.verify(token)).resolves.toBeNull();
  });

  it('refuses a token signed with another key, a tampered one and garbage', async () => {
    const other = new TokenIssuer(randomBytes(32), 600, () => now);
    const { token } = await other.issue({ accountId: 'acme', agentId: 'ann' });
    await expect(issuer.verify(token)).resolves.toBeNull();
    const own = (await issuer.issue({ accountId: 'acme', agentId: 'ann' })).token;
    const [header, , signature] = own.split('.');
    const forged = Buffer.from(JSON.stringify({ acc: 'acme', sub: 'root', exp: 9e9 })).toString(
      'base64url',
    );
    await expect(issuer.verify(`${header}.${forged}.${signature}`)).resolves.toBeNull();
    await expect(issuer.verify('not.a.token')).resolves.toBeNull();
    await expect(issuer.verify('')).resolves.toBeNull();
  });

  it('refuses an unsigned token', async () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        acc: 'acme',
        sub: 'ann',
        exp: 9e9,
        aud: 'contactpad-agent',
        iss: 'contactpad-routing',
      }),
    ).toString('base64url');
    await expect(issuer.verify(`${header}.${body}.`)).resolves.toBeNull();
  });

  it('needs a key of at least 32 bytes', () => {
    expect(() => new TokenIssuer(randomBytes(16), 600)).toThrow(/32 bytes/);
  });
});
