/**
 * What the fan-out benchmark measures during a run: a probe agent's command acks, `/health`
 * answers, the routing process's peak resident memory and CPU, and this process's own CPU (to show
 * when the clients, not the service, are the limit).
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { rssMbOf } from '../../../test/support/routingProcess';
import type { JsonClient } from '../jsonClient';
import { helloText, percentile } from '../loopback';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const nowMs = () => performance.now();

export interface Latencies {
  readonly p50: number;
  readonly p99: number;
  readonly count: number;
}

export function latencies(samples: readonly number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: sorted.length };
}

/**
 * The probe agent (Away, in no service): once welcomed (and `welcomed()` has resolved),
 * `presence.set` 10 times a second while `running()`; each ack's round trip. One still unanswered at
 * the end counts with the time it waited.
 */
export async function probeAcks(
  url: string,
  token: string,
  running: () => boolean,
  welcomed: () => Promise<void> | void = () => undefined,
): Promise<number[]> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  const isWelcomed = new Promise<void>((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string; id?: string; nonce?: number };
      if (frame.type === 'welcome') resolve();
      else if (frame.type === 'ping')
        ws.send(JSON.stringify({ v: 1, type: 'pong', nonce: frame.nonce, now: Date.now() }));
      else if ((frame.type === 'ack' || frame.type === 'error') && frame.id !== undefined) {
        const at = sentAt.get(frame.id);
        sentAt.delete(frame.id);
        if (at !== undefined) samples.push(nowMs() - at);
      }
    });
    ws.once('close', (code) => reject(new Error(`the probe was closed with ${code}`)));
  });
  ws.on('error', () => undefined);
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  ws.send(helloText(token, 'bench-probe'));
  await isWelcomed;
  await welcomed();
  for (let n = 0; running(); n++) {
    const id = `p-${n}`;
    sentAt.set(id, nowMs());
    if (ws.readyState === WebSocket.OPEN)
      ws.send(JSON.stringify({ v: 1, type: 'presence.set', id, state: 'away', reason: null }));
    await sleep(100);
  }
  await sleep(1000);
  const end = nowMs();
  for (const at of sentAt.values()) samples.push(end - at);
  ws.terminate();
  return samples;
}

/** `GET /health` (no key, as a load balancer asks) 5 times a second while `running()`. */
export async function healthTimes(
  call: JsonClient['call'],
  running: () => boolean,
): Promise<{ samples: number[]; failed: number }> {
  const samples: number[] = [];
  let failed = 0;
  while (running()) {
    const started = nowMs();
    try {
      const answer = await call('GET', '/health', undefined, null);
      if (answer.status !== 200) failed++;
    } catch {
      failed++;
    }
    samples.push(nowMs() - started);
    await sleep(Math.max(0, 200 - (nowMs() - started)));
  }
  return { samples, failed };
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Samples the server's RSS 4 times a second; CPU shares (% of one core) over the watch. */
export function watch(pid: number) {
  let peakRss = rssMbOf(pid);
  const startedAt = nowMs();
  const serverCpu = cpuSeconds(pid);
  const ownCpu = process.cpuUsage();
  const timer = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, rssMbOf(pid));
    } catch {
      // the process is gone: its peak stays what was seen
    }
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (nowMs() - startedAt) / 1000;
      const own = process.cpuUsage(ownCpu);
      let server = NaN;
      try {
        server = cpuSeconds(pid) - serverCpu;
      } catch {
        // gone
      }
      return {
        peakRssMb: peakRss,
        serverCpuPct: Math.round((100 * server) / seconds),
        benchCpuPct: Math.round((100 * (own.user + own.system)) / 1e6 / seconds),
      };
    },
  };
}
