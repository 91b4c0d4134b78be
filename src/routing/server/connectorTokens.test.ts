import {
  bearerOf,
  hashSecret,
  newConnectorSecret,
  parseConnectorToken,
  secretMatches,
} from './connectorTokens';

describe('connector tokens', () => {
  it('hands out a token whose secret matches the hash kept, and no other', () => {
    const { token, secretHash } = newConnectorSecret('web_chat.1');
    const presented = parseConnectorToken(token);
    expect(presented?.connectorId).toBe('web_chat.1');
    expect(secretMatches(presented?.secret ?? '', secretHash)).toBe(true);
    expect(secretHash).toBe(hashSecret(presented?.secret ?? ''));
    expect(token).not.toContain(secretHash);
    const other = newConnectorSecret('web_chat.1');
    expect(secretMatches(presented?.secret ?? '', other.secretHash)).toBe(false);
    expect(secretMatches(presented?.secret ?? '', 'not hex')).toBe(false);
  });

  it.each([
    '',
    'cpc',
    'cpc_',
    'cpc__' + '0'.repeat(64),
    'cpc_web',
    'cpc_web_' + '0'.repeat(63),
    'cpc_web_' + 'G'.repeat(64),
    'xyz_web_' + '0'.repeat(64),
    'Bearer cpc_web_' + '0'.repeat(64),
  ])('parses %j as no token', (token) => {
    expect(parseConnectorToken(token)).toBeNull();
  });

  it('reads the bearer token of a header', () => {
    expect(bearerOf('Bearer abc')).toBe('abc');
    expect(bearerOf('Basic abc')).toBe('');
    expect(bearerOf(undefined)).toBe('');
  });
});
