/**
 * The benchmarks' client of a routing process's HTTP API: JSON over plain node:http with
 * keep-alive, so the cost of a client library stays out of the figures.
 */
import http from 'node:http';

export interface JsonClientOptions {
  readonly maxSockets?: number | undefined;
  readonly timeoutMs?: number;
  /** How long `must` tries again while the answer is 503 (an account moving); 0: never. */
  readonly retryUnavailableMs?: number;
}

export interface Answer {
  readonly status: number;
  readonly text: string;
}

export function jsonClient(url: string, adminKey: string, options: JsonClientOptions = {}) {
  const { maxSockets = 16, timeoutMs = 15_000, retryUnavailableMs = 0 } = options;
  // Idle connections close after 4 s, before the server's keep-alive timeout (5 s) would close
  // one under a request being written on it.
  const agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 4000 });
  const { hostname, port } = new URL(url);
  /** The status and text of the answer; `key` null: no admin key (as a load balancer asks). */
  const call = (method: string, path: string, body?: unknown, key: string | null = adminKey) =>
    new Promise<Answer>((resolve, reject) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      const request = http.request(
        {
          agent,
          hostname,
          port,
          method,
          path,
          timeout: timeoutMs,
          headers: {
            ...(key === null ? {} : { authorization: `Bearer ${key}` }),
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('timeout', () => request.destroy(new Error(`${method} ${path}: timed out`)));
      request.on('error', reject);
      request.end(text);
    });
  /** The parsed JSON answer; a status from 300 throws (503 tried again, see the options). */
  const must = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const until = Date.now() + retryUnavailableMs;
    let answer = await call(method, path, body);
    while (answer.status === 503 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await call(method, path, body);
    }
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
    return (answer.text === '' ? null : JSON.parse(answer.text)) as T;
  };
  return { call, must, close: () => agent.destroy() };
}

export type JsonClient = ReturnType<typeof jsonClient>;
