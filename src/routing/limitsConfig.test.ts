import { DEFAULT_ADMISSION_LIMITS } from './server/admission';
import { DEFAULT_CONNECTION_OPTIONS } from './server/agentSocket';
import { DEFAULT_SESSION_LIMITS } from './server/session';
import { ConfigError } from './configValues';
import { limitsOf } from './limitsConfig';

describe('limitsOf', () => {
  it('defaults to the limits declared beside the code that enforces them', () => {
    expect(limitsOf({}, 15)).toEqual({
      connection: DEFAULT_CONNECTION_OPTIONS,
      sessions: DEFAULT_SESSION_LIMITS,
      admission: DEFAULT_ADMISSION_LIMITS,
    });
  });

  it('takes each limit from its variable; the hello deadline serves both checks', () => {
    const limits = limitsOf(
      {
        ROUTING_HELLO_SECONDS: '2',
        ROUTING_MAX_BUFFERED_BYTES: '1048576',
        ROUTING_REPLAY_BYTES: '524288',
        ROUTING_MAX_SESSIONS_PER_AGENT: '3',
        ROUTING_DIRECTORY_BATCH_MS: '50',
        ROUTING_MAX_PENDING_CONNECTIONS: '256',
        ROUTING_MAX_PENDING_PER_ADDRESS: '16',
      },
      30,
    );
    expect(limits.connection).toMatchObject({
      heartbeatSeconds: 30,
      helloSeconds: 2,
      maxBufferedBytes: 1_048_576,
    });
    expect(limits.sessions).toMatchObject({
      replayBytes: 524_288,
      perAgent: 3,
      directoryBatchMs: 50,
    });
    expect(limits.admission).toEqual({ helloMs: 2000, pendingTotal: 256, pendingPerAddress: 16 });
  });

  it.each([
    ['ROUTING_MAX_SESSIONS_PER_AGENT', '0'],
    ['ROUTING_MAX_BUFFERED_BYTES', '1024'],
    ['ROUTING_HELLO_SECONDS', 'soon'],
    ['ROUTING_MAX_PENDING_PER_ADDRESS', '-1'],
    ['ROUTING_DIRECTORY_BATCH_MS', '1.5'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => limitsOf({ [name]: value }, 15)).toThrow(ConfigError);
    expect(() => limitsOf({ [name]: value }, 15)).toThrow(name);
  });
});
