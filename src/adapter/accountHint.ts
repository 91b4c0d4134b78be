/**
 * The routing service's WebSocket URL with the account the session belongs to (`?account=`), read
 * from the token's claims. Behind one address, a routing process that does not serve the account
 * then joins the socket to the one that does before any frame (the service's forward.ts), instead
 * of relaying each frame after `hello`. Only a hint: the token is not checked here (the service
 * does), and a token whose claims cannot be read leaves the URL as it was.
 */

/** The `acc` claim of a JWT's payload, or null. */
export function accountOfToken(token: string): string | null {
  const payload = token.split('.')[1];
  if (payload === undefined || payload === '') return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const account =
      typeof claims === 'object' && claims !== null ? (claims as { acc?: unknown }).acc : null;
    return typeof account === 'string' && account !== '' ? account : null;
  } catch {
    return null;
  }
}

/** `url` naming the token's account, replacing any account it named. */
export function withAccountHint(url: string, token: string): string {
  const account = accountOfToken(token);
  if (account === null) return url;
  const [base = '', query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  params.set('account', account);
  return `${base}?${params.toString()}`;
}
