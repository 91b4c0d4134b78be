import type { LookupAddress } from 'node:dns';
import { HttpError } from '../../http/errors';
import { isPrivateAddress, webhookLookup, webhookUrl } from './webhookTargets';

describe('webhook targets', () => {
  it('tells loopback, private, link-local, shared and unspecified addresses from others', () => {
    const refused = [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ];
    const open = [
      '8.8.8.8',
      '172.32.0.1',
      '192.169.0.1',
      '100.128.0.1',
      '2001:db8::1',
      '::ffff:8.8.8.8',
    ];
    expect(refused.filter((address) => !isPrivateAddress(address))).toEqual([]);
    expect(open.filter((address) => isPrivateAddress(address))).toEqual([]);
    expect(isPrivateAddress('example.com')).toBe(false);
  });

  it('refuses a URL naming such an address or localhost with a typed 400, unless allowed', () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://[::1]/hook',
      'https://localhost/hook',
      'https://api.localhost/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.5/hook',
      'http://[::ffff:192.168.0.1]/hook',
    ]) {
      let refusal: unknown = null;
      try {
        webhookUrl(url, false);
      } catch (err) {
        refusal = err;
      }
      expect(refusal).toBeInstanceOf(HttpError);
      expect(refusal).toMatchObject({ status: 400, code: 'private-address', field: 'url' });
      expect(webhookUrl(url, true)).toBe(new URL(url).toString());
    }
    expect(webhookUrl('https://hooks.example.com/contactpad', false)).toBe(
      'https://hooks.example.com/contactpad',
    );
    expect(() => webhookUrl('ftp://hooks.example.com/x', false)).toThrow(
      expect.objectContaining({ code: 'bad-field', field: 'url' }),
    );
  });

  it('refuses, at delivery, a host name that resolves to such addresses only', async () => {
    const resolve = (allowPrivate: boolean) =>
      new Promise<{ err: NodeJS.ErrnoException | null; addresses: LookupAddress[] }>((done) =>
        webhookLookup(allowPrivate)('localhost', { all: true }, (err, addresses) =>
          done({ err, addresses: Array.isArray(addresses) ? addresses : [] }),
        ),
      );
    const refused = await resolve(false);
    expect(refused.err?.code).toBe('EACCES');
    const allowed = await resolve(true);
    expect(allowed.err).toBeNull();
    expect(allowed.addresses.length).toBeGreaterThan(0);
  });
});
