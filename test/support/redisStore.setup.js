// Runs the conformance suite against the Redis store (test/conformance/harness.ts).
process.env.CONFORMANCE_STORE = 'redis';
