/**
 * What a client of the routing service does with `unavailable` (503): it tries the call again,
 * here for up to 10 s (an account moving between processes, or being taken on its first call).
 * Such an answer may have been kept ("look before trying again"), so a create tried again that
 * finds its record made (409 `conflict`) was made by the try before.
 */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const TRY_FOR_MS = 10_000;
const PAUSE_MS = 200;

/** The answer to `call`, tried again while it is 503 (for up to 10 s); `again`: it was. */
export async function triedAgain<A extends Answer>(
  call: () => Promise<A>,
): Promise<{ result: A; again: boolean }> {
  const until = Date.now() + TRY_FOR_MS;
  let result = await call();
  let again = false;
  while (result.status === 503 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    again = true;
    result = await call();
  }
  return { result, again };
}

/** Whether a create's answer, from `triedAgain`, means the record is made. */
export function made({ result, again }: { result: Answer; again: boolean }): boolean {
  if (result.status < 300) return true;
  const body = result.body as { error?: { code?: string } } | null;
  return again && result.status === 409 && body?.error?.code === 'conflict';
}
