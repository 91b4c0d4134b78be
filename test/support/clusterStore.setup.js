// Runs the conformance suite against a Redis Cluster store (test/conformance/harness.ts).
process.env.CONFORMANCE_STORE = 'cluster';
// A harness starts a cluster of its own (six redis-servers, ~2 s), some inside a test: room for
// that on a busy machine beyond jest's default 5 s. Tests that set their own timeout keep it.
jest.setTimeout(20_000);
