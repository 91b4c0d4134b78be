/**
 * Where a webhook may point (CONNECTORS.md, src/routing/README.md configuration): by default never
 * at a loopback, private, link-local, shared (carrier-grade NAT) or unspecified address, so that
 * whoever holds the admin key cannot make the routing service post to the machines beside it. An
 * operator whose receivers sit on such a network allows them with ROUTING_WEBHOOK_ALLOW_PRIVATE=true
 * (tests and the workbench do, their receivers listen on 127.0.0.1). The rule is checked twice:
 * when the URL is set (an address written in it, or `localhost`: a typed 400), and on every
 * delivery, on the address a host name resolves to (so a name that resolves to such an address,
 * now or later, is refused too).
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';
import { HttpError } from '../../http/errors';

/** The environment variable that allows private addresses (`true` / `false`). */
export const ALLOW_PRIVATE_WEBHOOKS_VARIABLE = 'ROUTING_WEBHOOK_ALLOW_PRIVATE';

/** Address ranges a webhook may not reach unless allowed (IANA special-purpose registries). */
const PRIVATE_RANGES: readonly (readonly [string, number, 'ipv4' | 'ipv6'])[] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", unspecified
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.168.0.0', 16, 'ipv4'], // private
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
];

const blocked = new BlockList();
for (const [network, prefix, family] of PRIVATE_RANGES) blocked.addSubnet(network, prefix, family);

/** Whether an IP address (v4 or v6, an IPv4-mapped v6 one by its v4 part) is not for webhooks. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
    if (mapped !== null) return blocked.check(mapped[1] as string, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return blocked.check(address, 'ipv4');
}

const refused = () =>
  new HttpError(
    400,
    'private-address',
    `webhook.url: loopback, private and link-local addresses are refused (${ALLOW_PRIVATE_WEBHOOKS_VARIABLE})`,
    { field: 'url' },
  );

/**
 * An http(s) URL without credentials, as the webhook is sent to; else a typed 400 (`bad-field`,
 * or `private-address` when it names a refused address and those are not allowed).
 */
export function webhookUrl(given: string, allowPrivate: boolean): string {
  let url: URL | null = null;
  try {
    url = new URL(given);
  } catch {
    url = null;
  }
  if (
    url === null ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new HttpError(
      400,
      'bad-field',
      'webhook.url: expected an http(s) URL without credentials',
      { field: 'url' },
    );
  }
  if (isRefusedHost(url.hostname, allowPrivate)) throw refused();
  return url.toString();
}

/** Whether a URL's host (a name or an address, IPv6 in brackets) is refused as it is written. */
export function isRefusedHost(hostname: string, allowPrivate: boolean): boolean {
  if (allowPrivate) return false;
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host);
}

/**
 * The name resolution a delivery connects with: the system's, refusing (as a connection error)
 * every answer that is a refused address unless those are allowed.
 */
export function webhookLookup(allowPrivate: boolean): LookupFunction {
  if (allowPrivate) return dnsLookup;
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err !== null) return callback(err, '', 0);
      const open = addresses.filter((entry) => !isPrivateAddress(entry.address));
      if (open.length === 0) {
        const error: NodeJS.ErrnoException = new Error(
          `webhook host ${hostname} resolves to refused addresses only (${ALLOW_PRIVATE_WEBHOOKS_VARIABLE})`,
        );
        error.code = 'EACCES';
        return callback(error, '', 0);
      }
      if (options.all === true) return callback(null, open);
      const first = open[0] as (typeof open)[number];
      return callback(null, first.address, first.family);
    });
  };
}
