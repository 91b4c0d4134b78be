/**
 * Connector API benchmark (CONNECTORS.md), loopback only, bounded in count and time. In one run:
 *  (a) the floor: HTTP round trip of a small JSON POST to an echo server process (p50, p99), the
 *      same transport a webhook travels;
 *  (b0) the HTTP floor: GET /health under the same load as (b), requests per second;
 *  (b) creates per second on one routing process (memory store) through
 *      POST /connector/accounts/:id/interactions with idempotency on: distinct external ids, and a
 *      share of repeats of recent ones, each of which must answer 200 with the same interaction;
 *  (c) webhook delivery delay: interactions of (b) ended by the connector at a fixed rate; from each
 *      `ended` event (its time, taken when the change was committed) to the receiver (a real HTTP
 *      server on 127.0.0.1 here, checking every signature) holding it (p50, p99), and its ratio to
 *      (a)'s p99; also from the end request's start, which adds the request's own way in.
 * Goals: at least 5,000 creates/s; webhook p99 at most 10x the echo p99.
 * Last line: one JSON object with the figures, the goals and the ratios.
 *
 *   npm run bench:connector
 *   BENCH_CREATES=20000 BENCH_SECONDS=10 BENCH_EVENTS=500 npm run bench:connector
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_SETTINGS } from '../../src/routing/engine/engine';
import { webhookReceiver } from '../../test/support/webhookReceiver';
import { watch } from './fanout/measure';
import type { JsonClient } from './jsonClient';
import { jsonClient } from './jsonClient';
import { nowMs, percentile, round, serve } from './loopback';

const CREATES = Number(process.env['BENCH_CREATES'] ?? 40_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
/** Requests in flight at once during (b). */
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 64);
/** One request in REPEAT_EVERY repeats a recent create. */
const REPEAT_EVERY = 5;
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1000);
const EVENT_RATE = Number(process.env['BENCH_EVENT_RATE'] ?? 200);
const ECHO_ROUNDS = 3000;
const GOAL_CREATES_PER_SEC = 5000;
const GOAL_WEBHOOK_P99_OVER_ECHO = 10;

const ACCOUNT = 'bench';
const SERVICES = ['sales', 'support'];

/** The body of a create for the n-th distinct external id. */
const createBody = (n: number) => ({
  externalId: `ext-${n}`,
  channel: 'chat',
  serviceId: SERVICES[n % SERVICES.length],
  customer: { name: `Customer ${n}`, phone: null, email: null },
});

/** (a) Round trips of a ~200-byte JSON POST to the echo process, one at a time. */
async function httpEchoFloor() {
  const server = await serve('echo');
  const client = jsonClient(server.url.replace('ws:', 'http:'), '', { maxSockets: 1 });
  try {
    const body = { events: [{ id: 'bench:1', type: 'ended', pad: 'x'.repeat(120) }] };
    const samples: number[] = [];
    for (let i = 0; i < ECHO_ROUNDS + 300; i++) {
      const start = nowMs();
      const answer = await client.call('POST', '/echo', body, null);
      if (answer.status !== 200) throw new Error(`echo answered ${answer.status}`);
      if (i >= 300) samples.push(nowMs() - start);
    }
    samples.sort((a, b) => a - b);
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  } finally {
    client.close();
    server.stop();
  }
}

/**
 * The same load against the service's cheapest route, GET /health (no body, no state): the most
 * requests per second this process and machine serve over HTTP, for (b) to be read against.
 */
async function healthFloor(client: JsonClient, routingPid: number) {
  let requests = 0;
  let failed = 0;
  const cpu = watch(routingPid);
  const started = nowMs();
  const deadline = started + Math.min(SECONDS, 5) * 1000;
  const worker = async () => {
    while (requests < CREATES && nowMs() < deadline) {
      requests++;
      if ((await client.call('GET', '/health', undefined, null)).status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (nowMs() - started) / 1000;
  const { serverCpuPct } = cpu.stop();
  return {
    perSec: Math.round(requests / seconds),
    perCpuSec: Math.round(requests / ((serverCpuPct / 100) * seconds)),
    failed,
  };
}

/** (b) Creates by external id, CONCURRENCY at a time, bounded by CREATES and SECONDS. */
async function creates(connector: JsonClient, token: string, routingPid: number) {
  const path = `/connector/accounts/${ACCOUNT}/interactions`;
  /** Interaction id by the distinct n that made it, once answered. */
  const made = new Map<number, string>();
  const done: number[] = [];
  let next = 0;
  let distinct = 0;
  let repeats = 0;
  let repeatsSame = 0;
  let failed = 0;
  const cpu = watch(routingPid);
  const started = nowMs();
  const deadline = started + SECONDS * 1000;
  const worker = async () => {
    while (next < CREATES && nowMs() < deadline) {
      const turn = next++;
      // A repeat of one of the last 1,000 answered (well within what an account remembers).
      const repeatOf =
        turn % REPEAT_EVERY === REPEAT_EVERY - 1 && done.length > 0
          ? (done[done.length - 1 - (turn % Math.min(1000, done.length))] as number)
          : null;
      const n = repeatOf ?? distinct++;
      const answer = await connector.call('POST', path, createBody(n), token);
      if (repeatOf !== null) {
        repeats++;
        const id = (JSON.parse(answer.text) as { id?: string }).id;
        if (answer.status === 200 && id === made.get(n)) repeatsSame++;
        else failed++;
      } else if (answer.status === 201) {
        made.set(n, (JSON.parse(answer.text) as { id: string }).id);
        done.push(n);
      } else {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (nowMs() - started) / 1000;
  const { serverCpuPct, benchCpuPct } = cpu.stop();
  const requests = distinct + repeats;
  return {
    perSec: Math.round(requests / seconds),
    /** Creates per second of the routing process's own CPU time (what the machine's load hides). */
    perCpuSec: Math.round(requests / ((serverCpuPct / 100) * seconds)),
    serverCpuPct,
    benchCpuPct,
    requests,
    distinct: done.length,
    repeats,
    repeatsSame,
    failed,
    seconds: round(seconds, 2),
    /** The last distinct external ids answered, newest last: what (c) ends. */
    recent: done.slice(-EVENTS),
  };
}

/**
 * The webhook receiver: checks each signature and notes, for each `ended` event, when it arrived
 * (this process's clock) and how long after the event's own time (`at`, the routing process's
 * wall clock when the change was committed: the same machine's clock, to the millisecond).
 */
async function receiver() {
  const state = {
    badSignatures: 0,
    duplicates: 0,
    arrived: new Map<string, { readonly at: number; readonly afterEvent: number }>(),
  };
  const server = await webhookReceiver(({ events, signed }) => {
    if (!signed) {
      state.badSignatures++;
      return 400;
    }
    const at = nowMs();
    const wallClock = performance.timeOrigin + performance.now();
    for (const event of events) {
      if (event.type !== 'ended') continue;
      if (state.arrived.has(event.externalId)) state.duplicates++;
      else state.arrived.set(event.externalId, { at, afterEvent: wallClock - event.at });
    }
    return 204;
  });
  return { state, server };
}

/**
 * (c) Ends the given interactions at EVENT_RATE; the delay from each event to its webhook, and
 * from each end request's start (which adds the request's own way in).
 */
async function webhookDelays(
  connector: JsonClient,
  token: string,
  hook: Awaited<ReturnType<typeof receiver>>,
  externalIds: readonly string[],
) {
  const path = `/connector/accounts/${ACCOUNT}/interactions/end`;
  const sentAt = new Map<string, number>();
  const inflight: Promise<unknown>[] = [];
  let failed = 0;
  const started = nowMs();
  for (let i = 0; i < externalIds.length; i++) {
    const due = started + (i * 1000) / EVENT_RATE;
    if (due > nowMs()) await new Promise((resolve) => setTimeout(resolve, due - nowMs()));
    const externalId = externalIds[i] as string;
    sentAt.set(externalId, nowMs());
    inflight.push(
      connector
        .call('POST', path, { externalId, reason: 'customer-left' }, token)
        .then((answer) => answer.status === 200 || failed++),
    );
  }
  await Promise.all(inflight);
  const deadline = nowMs() + 10_000;
  while (hook.state.arrived.size < sentAt.size - failed && nowMs() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const fromEvent: number[] = [];
  const fromRequest: number[] = [];
  for (const [externalId, arrived] of hook.state.arrived) {
    const sent = sentAt.get(externalId);
    if (sent === undefined) continue;
    fromEvent.push(arrived.afterEvent);
    fromRequest.push(arrived.at - sent);
  }
  fromEvent.sort((a, b) => a - b);
  fromRequest.sort((a, b) => a - b);
  return {
    p50: percentile(fromEvent, 50),
    p99: percentile(fromEvent, 99),
    requestP50: percentile(fromRequest, 50),
    requestP99: percentile(fromRequest, 99),
    delivered: fromEvent.length,
    lost: sentAt.size - failed - fromEvent.length,
    failed,
  };
}

async function main() {
  console.log(
    `connector benchmark: up to ${CREATES} creates in ${SECONDS} s (${CONCURRENCY} in flight, ` +
      `1 in ${REPEAT_EVERY} a repeat), then ${EVENTS} webhook events at ${EVENT_RATE}/s`,
  );
  const echo = await httpEchoFloor();
  console.log(`(a) HTTP echo round trip: p50 ${round(echo.p50)} ms, p99 ${round(echo.p99)} ms`);

  const adminKey = randomBytes(16).toString('hex');
  const server = await serve('routing', { BENCH_ADMIN_KEY: adminKey });
  const admin = jsonClient(server.url, adminKey);
  const connector = jsonClient(server.url, '', { maxSockets: CONCURRENCY });
  const hook = await receiver();
  try {
    await admin.must('POST', '/admin/accounts', {
      id: ACCOUNT,
      name: 'Benchmark',
      settings: { ...DEFAULT_SETTINGS, wrapSeconds: 0 },
    });
    for (const id of SERVICES)
      await admin.must('POST', `/admin/accounts/${ACCOUNT}/services`, { id, name: id });
    const { token } = await admin.must<{ token: string }>(
      'POST',
      `/admin/accounts/${ACCOUNT}/connectors`,
      { id: 'bench', name: 'Benchmark', channels: ['chat'], services: SERVICES },
    );
    const { signingSecret } = await admin.must<{ signingSecret: string }>(
      'PUT',
      `/admin/accounts/${ACCOUNT}/connectors/bench/webhook`,
      { url: hook.server.url },
    );
    hook.server.secret = signingSecret;

    const health = await healthFloor(connector, server.pid);
    console.log(
      `(b0) GET /health, same load: ${health.perSec}/s (${health.perCpuSec} per CPU second of the ` +
        `routing process; ${health.failed} failed)`,
    );
    const made = await creates(connector, token, server.pid);
    console.log(
      `(b) creates: ${made.perSec}/s over ${made.requests} requests in ${made.seconds} s ` +
        `(${made.distinct} distinct, ${made.repeats} repeats of which ${made.repeatsSame} answered ` +
        `the same interaction; ${made.failed} failed); routing process ${made.serverCpuPct}% of a ` +
        `core (${made.perCpuSec} creates per CPU second), this process ${made.benchCpuPct}%`,
    );
    const hooks = await webhookDelays(
      connector,
      token,
      hook,
      made.recent.map((n) => createBody(n).externalId),
    );
    console.log(
      `(c) event -> webhook received: p50 ${round(hooks.p50)} ms, p99 ${round(hooks.p99)} ms; from ` +
        `the end request's start: p50 ${round(hooks.requestP50)} ms, p99 ${round(hooks.requestP99)} ms; over ` +
        `${hooks.delivered} events (${hooks.lost} not delivered, ${hooks.failed} ends failed, ` +
        `${hook.state.duplicates} duplicates, ${hook.state.badSignatures} bad signatures)`,
    );
    const webhookP99OverEcho = round(hooks.p99 / echo.p99, 2);
    const result = {
      echoP50Ms: round(echo.p50),
      echoP99Ms: round(echo.p99),
      createsPerSec: made.perSec,
      createsGoalPerSec: GOAL_CREATES_PER_SEC,
      createsOverGoal: round(made.perSec / GOAL_CREATES_PER_SEC, 2),
      createsPerRoutingCpuSec: made.perCpuSec,
      healthPerSec: health.perSec,
      healthPerRoutingCpuSec: health.perCpuSec,
      createsOverHealth: round(made.perSec / health.perSec, 2),
      routingCpuPct: made.serverCpuPct,
      benchCpuPct: made.benchCpuPct,
      createRequests: made.requests,
      repeats: made.repeats,
      repeatsSame: made.repeatsSame,
      createsFailed: made.failed,
      webhookP50Ms: round(hooks.p50),
      webhookP99Ms: round(hooks.p99),
      webhookP99OverEcho,
      endToWebhookP50Ms: round(hooks.requestP50),
      endToWebhookP99Ms: round(hooks.requestP99),
      webhookGoalP99OverEcho: GOAL_WEBHOOK_P99_OVER_ECHO,
      webhookEvents: hooks.delivered,
      webhookLost: hooks.lost,
      webhookDuplicates: hook.state.duplicates,
      badSignatures: hook.state.badSignatures,
      createsGoalMet: made.perSec >= GOAL_CREATES_PER_SEC && made.failed === 0,
      webhookGoalMet:
        webhookP99OverEcho <= GOAL_WEBHOOK_P99_OVER_ECHO &&
        hooks.lost === 0 &&
        hook.state.badSignatures === 0,
    };
    console.log(JSON.stringify(result));
  } finally {
    admin.close();
    connector.close();
    await hook.server.close();
    server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
