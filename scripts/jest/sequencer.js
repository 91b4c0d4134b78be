// Jest's own order (last run's failures first, then the longest files, or the largest when no run
// is remembered), with the projects that measure latency moved to the end: by the time one starts,
// the other workers are finishing the shortest files and then stay idle, so it runs alone.
const Sequencer = require('@jest/test-sequencer').default;

/** Projects whose tests measure an honest client's latency, which another file's load would spoil. */
const RUN_ALONE = new Set(['abuse']);

class RunAloneLastSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const alone = (test) => RUN_ALONE.has(test.context.config.displayName?.name);
    return [...sorted.filter((test) => !alone(test)), ...sorted.filter(alone)];
  }
}

module.exports = RunAloneLastSequencer;
