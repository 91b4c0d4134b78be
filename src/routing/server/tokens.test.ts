import { createHmac, randomBytes } from 'node:crypto';
import { ProtocolError } from '../../protocol';
import { TOKEN_CLOCK_SKEW_SECONDS, TokenIssuer, isCanonicalBase64url } from './tokens';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const HEADER = '{"alg":"HS256","typ":"JWT"}';

describe('TokenIssuer', () => {
  const key = randomBytes(32);
  let now = Date.UTC(2026, 10, 24, 9, 0, 0);
  const issuer = new TokenIssuer(key, 600, () => now, 3600);
  const seconds = () => Math.floor(now / 1000);

  /** Signs the segments as given (canonical or not) with the right key, as a key holder could. */
  const signed = (header: string, payload: string, algorithm = 'sha256') =>
    `${header}.${payload}.${createHmac(algorithm, key).update(`${header}.${payload}`).digest('base64url')}`;
  const claims = (extra: Record<string, unknown> = {}) => ({
    acc: 'acme',
    iss: 'contactpad-routing',
    aud: 'contactpad-agent',
    sub: 'ann',
    iat: seconds(),
    exp: seconds() + 600,
    ...extra,
  });
  const tokenOf = (body: Record<string, unknown>, header = HEADER) =>
    signed(b64(header), b64(JSON.stringify(body)));

  it('issues a token that verifies to its account and agent', async () => {
    const { token, expiresAt } = await issuer.issue({ accountId: 'acme', agentId: 'ann' });
    expect(expiresAt).toBe(now + 600_000);
    await expect(issuer.verify(token)).resolves.toEqual({ accountId: 'acme', agentId: 'ann' });
    // The helper signs exactly as the issuer does, so the refusals below are about one thing each.
    await expect(issuer.verify(tokenOf(claims()))).resolves.toEqual({
      accountId: 'acme',
      agentId: 'ann',
    });
  });

  it('carries iat and exp', async () => {
    const { token } = await issuer.issue({ accountId: 'acme', agentId: 'ann' }, 120);
    const body = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
    expect(body).toMatchObject({ iat: seconds(), exp: seconds() + 120 });
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
    const forged = b64(JSON.stringify({ acc: 'acme', sub: 'root', exp: 9e9 }));
    await expect(issuer.verify(`${header}.${forged}.${signature}`)).resolves.toBeNull();
    await expect(issuer.verify('not.a.token')).resolves.toBeNull();
    await expect(issuer.verify('')).resolves.toBeNull();
    await expect(issuer.verify(undefined as unknown as string)).resolves.toBeNull();
    await expect(issuer.verify('x'.repeat(5000))).resolves.toBeNull();
  });

  describe('refuses a valid token in any encoding but the canonical one', () => {
    let token: string;
    beforeEach(async () => {
      token = (await issuer.issue({ accountId: 'acme', agentId: 'ann' })).token;
    });

    it.each([
      ['padding on the signature', (t: string) => `${t}=`],
      ['two padding characters', (t: string) => `${t}==`],
      ['padding on the payload', (t: string) => t.replace(/\.([^.]+)\./, '.$1=.')],
      ['a leading space', (t: string) => ` ${t}`],
      ['a trailing newline', (t: string) => `${t}\n`],
      ['a space inside', (t: string) => t.replace('.', ' .')],
      ['a fourth segment', (t: string) => `${t}.`],
      ['five segments', (t: string) => `${t}.abc.def`],
      ['two segments', (t: string) => t.slice(0, t.lastIndexOf('.'))],
      ['an empty signature', (t: string) => t.slice(0, t.lastIndexOf('.') + 1)],
    ])('%s', async (_label, change) => {
      await expect(issuer.verify(token)).resolves.not.toBeNull();
      await expect(issuer.verify(change(token))).resolves.toBeNull();
    });

    it('non-zero trailing bits in the signature (the same bytes decoded)', async () => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = token.at(-1) as string;
      const stray = alphabet[alphabet.indexOf(last) ^ 1] as string;
      const changed = `${token.slice(0, -1)}${stray}`;
      const signature = (t: string) => Buffer.from(t.split('.')[2] as string, 'base64url');
      expect(signature(changed).equals(signature(token))).toBe(true);
      await expect(issuer.verify(changed)).resolves.toBeNull();
    });

    it('standard base64 (+ and /) for base64url', async () => {
      // Find an issued token whose signature holds - or _ (most do), then spell it the other way.
      let found: string | null = null;
      for (let n = 0; n < 200 && found === null; n++) {
        const issued = await issuer.issue({ accountId: 'acme', agentId: `agent-${n}` });
        if (/[-_]/.test(issued.token.split('.')[2] as string)) found = issued.token;
      }
      expect(found).not.toBeNull();
      const [header, payload, signature] = (found as string).split('.') as [string, string, string];
      const standard = signature.replace(/-/g, '+').replace(/_/g, '/');
      await expect(issuer.verify(`${header}.${payload}.${standard}`)).resolves.toBeNull();
    });

    it('a payload re-encoded with padding and signed with the right key', async () => {
      const body = claims({ acc: 'ac' }); // a length that base64 pads
      const padded = Buffer.from(JSON.stringify(body)).toString('base64');
      expect(padded.endsWith('=')).toBe(true);
      await expect(issuer.verify(signed(b64(HEADER), padded))).resolves.toBeNull();
      await expect(issuer.verify(tokenOf(body))).resolves.not.toBeNull();
    });
  });

  describe('refuses a header other than the one it writes, even signed with the right key', () => {
    it.each([
      ['alg none, unsigned', '{"alg":"none","typ":"JWT"}', 'none'],
      ['alg HS512', '{"alg":"HS512","typ":"JWT"}', 'sha512'],
      ['alg RS256', '{"alg":"RS256","typ":"JWT"}', 'sha256'],
      ['no typ', '{"alg":"HS256"}', 'sha256'],
      ['another typ', '{"alg":"HS256","typ":"at+jwt"}', 'sha256'],
      ['a kid', '{"alg":"HS256","typ":"JWT","kid":"other"}', 'sha256'],
      ['a jku', '{"alg":"HS256","typ":"JWT","jku":"http://127.0.0.1/keys"}', 'sha256'],
      ['crit', '{"alg":"HS256","typ":"JWT","crit":["exp"]}', 'sha256'],
      ['b64 false', '{"alg":"HS256","typ":"JWT","b64":false,"crit":["b64"]}', 'sha256'],
      ['the members in another order', '{"typ":"JWT","alg":"HS256"}', 'sha256'],
      ['white space', '{"alg": "HS256", "typ": "JWT"}', 'sha256'],
      ['a duplicate alg', '{"alg":"none","alg":"HS256","typ":"JWT"}', 'sha256'],
    ])('%s', async (_label, header, algorithm) => {
      const payload = b64(JSON.stringify(claims()));
      const token =
        algorithm === 'none'
          ? `${b64(header)}.${payload}.`
          : signed(b64(header), payload, algorithm);
      await expect(issuer.verify(token)).resolves.toBeNull();
    });
  });

  describe('refuses claims other than the ones it writes, even signed with the right key', () => {
    type Body = Record<string, unknown>;
    it.each<[string, (body: Body) => void]>([
      ['no iat', (body) => delete body['iat']],
      ['no exp', (body) => delete body['exp']],
      ['no account', (body) => delete body['acc']],
      ['an extra claim', (body) => (body['admin'] = true)],
      ['nbf', (body) => (body['nbf'] = 0)],
      ['an audience list', (body) => (body['aud'] = ['contactpad-agent'])],
      ['another issuer', (body) => (body['iss'] = 'someone-else')],
      ['an agent id that is no id', (body) => (body['sub'] = '../root')],
      ['an empty account', (body) => (body['acc'] = '')],
      ['a fractional iat', (body) => (body['iat'] = seconds() + 0.5)],
      ['an iat as text', (body) => (body['iat'] = 'now')],
    ])('%s', async (_label, change) => {
      const body: Body = claims();
      change(body);
      await expect(issuer.verify(tokenOf(body))).resolves.toBeNull();
    });

    it('a payload that is not a JSON object', async () => {
      for (const payload of ['[]', '"ann"', 'null', '{']) {
        await expect(issuer.verify(signed(b64(HEADER), b64(payload)))).resolves.toBeNull();
      }
    });
  });

  describe('lifetime', () => {
    it('refuses a token of ten years signed with the right key', async () => {
      const tenYears = 10 * 365 * 86_400;
      await expect(
        issuer.verify(tokenOf(claims({ exp: seconds() + tenYears }))),
      ).resolves.toBeNull();
    });

    it('accepts the maximum lifetime and refuses one second more', async () => {
      await expect(issuer.verify(tokenOf(claims({ exp: seconds() + 3600 })))).resolves.toEqual({
        accountId: 'acme',
        agentId: 'ann',
      });
      await expect(issuer.verify(tokenOf(claims({ exp: seconds() + 3601 })))).resolves.toBeNull();
    });

    it('refuses an exp not after iat', async () => {
      await expect(
        issuer.verify(tokenOf(claims({ iat: seconds() + 10, exp: seconds() + 10 }))),
      ).resolves.toBeNull();
    });

    it('refuses an iat in the future beyond the clock skew, not within it', async () => {
      const ahead = (by: number) => tokenOf(claims({ iat: seconds() + by, exp: seconds() + 600 }));
      await expect(issuer.verify(ahead(TOKEN_CLOCK_SKEW_SECONDS))).resolves.not.toBeNull();
      await expect(issuer.verify(ahead(TOKEN_CLOCK_SKEW_SECONDS + 1))).resolves.toBeNull();
    });

    it('issues no token longer than the maximum: a typed error naming ttlSeconds', async () => {
      const identity = { accountId: 'acme', agentId: 'ann' };
      await expect(issuer.issue(identity, 3600)).resolves.toMatchObject({
        expiresAt: now + 3_600_000,
      });
      for (const ttl of [3601, 0, -5, 1.5, Number.NaN]) {
        const refusal = issuer.issue(identity, ttl);
        await expect(refusal).rejects.toBeInstanceOf(ProtocolError);
        await expect(refusal).rejects.toMatchObject({ code: 'bad-field', field: 'ttlSeconds' });
      }
    });

    it('needs a default lifetime within the maximum', () => {
      expect(() => new TokenIssuer(key, 3601, Date.now, 3600)).toThrow(/from 1 to 3600/);
      expect(() => new TokenIssuer(key, 600, Date.now, 0)).toThrow(/maximum/);
    });

    it('a shorter maximum refuses what a longer one issued', async () => {
      const long = new TokenIssuer(key, 3600, () => now, 3600);
      const short = new TokenIssuer(key, 600, () => now, 600);
      const { token } = await long.issue({ accountId: 'acme', agentId: 'ann' });
      await expect(short.verify(token)).resolves.toBeNull();
    });
  });

  describe('supervisor tokens', () => {
    const supervisor = { accountId: 'acme', supervisorId: 'sue', name: 'Sue Park' };
    const supervisorClaims = (extra: Record<string, unknown> = {}) =>
      claims({
        aud: 'contactpad-supervisor',
        sub: 'sue',
        name: 'Sue Park',
        role: 'supervisor',
        ...extra,
      });

    it('verify to the account and supervisor, with their name', async () => {
      const { token, expiresAt } = await issuer.issueSupervisor(supervisor, 300);
      expect(expiresAt).toBe(now + 300_000);
      await expect(issuer.verifySupervisor(token)).resolves.toEqual(supervisor);
      await expect(issuer.verifySupervisor(tokenOf(supervisorClaims()))).resolves.toEqual(
        supervisor,
      );
    });

    it('never open an agent session, and an agent token never a supervisor session', async () => {
      const { token } = await issuer.issueSupervisor(supervisor);
      await expect(issuer.verify(token)).resolves.toBeNull();
      const agent = await issuer.issue({ accountId: 'acme', agentId: 'ann' });
      await expect(issuer.verifySupervisor(agent.token)).resolves.toBeNull();
    });

    it.each([
      ['the agent audience', { aud: 'contactpad-agent' }],
      ['another role', { role: 'agent' }],
      ['no role', { role: undefined }],
      ['no name', { name: undefined }],
      ['an extra claim', { admin: true }],
      ['a lifetime over the maximum', { exp: Math.floor(Date.UTC(2026, 10, 24, 9) / 1000) + 7200 }],
    ])('are refused with %s', async (_why, extra) => {
      await expect(issuer.verifySupervisor(tokenOf(supervisorClaims(extra)))).resolves.toBeNull();
    });

    it('refuse a lifetime above the maximum with a typed error', async () => {
      await expect(issuer.issueSupervisor(supervisor, 3601)).rejects.toBeInstanceOf(ProtocolError);
    });
  });

  it('needs a key of at least 32 bytes', () => {
    expect(() => new TokenIssuer(randomBytes(16), 600)).toThrow(/32 bytes/);
  });
});

describe('isCanonicalBase64url', () => {
  it.each([
    ['', false],
    ['QQ', true],
    ['QQ==', false],
    ['QR', false], // trailing bits
    ['Q', false], // no whole byte
    ['+/8', false],
    ['-_8', true],
    ['QQ ', false],
  ])('%j is %s', (segment, canonical) => {
    expect(isCanonicalBase64url(segment)).toBe(canonical);
  });
});
