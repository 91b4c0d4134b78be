/**
 * A real Redis Cluster for a test (Debian's redis-server and redis-cli, installed when missing
 * where it can be): masters and their replicas, each a redis-server on 127.0.0.1 with a free port,
 * a free cluster bus port and its own folder (append-only file on), joined by
 * `redis-cli --cluster create`. Tests kill, pause and restart nodes and wait for the failover;
 * `dispose()` stops every node and removes the folders. Nothing talks to any address but 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeLine } from './clusterNodes';
import {
  clusterInfo,
  command,
  HOST,
  isFailed,
  parseClusterNodes,
  REDIS_CLI,
  runRedisCli,
  serves,
  text,
} from './clusterNodes';
import type { NodeProcess, RedisClusterRole } from './clusterNodeProcess';
import { launch, NodeExited, stopNode } from './clusterNodeProcess';
import { ensureDebianPackage } from './debianPackage';
import { freePort, REDIS_PORT_TAKEN, REDIS_SERVER, retriedOnTakenPort } from './redisServer';

const SLOTS = 16384;

export interface RedisClusterOptions {
  /** Masters, each serving an equal share of the slots (default 3; redis-cli wants 3 or more). */
  masters?: number;
  /** Replicas of each master (default 1). */
  replicasPerMaster?: number;
  /** cluster-node-timeout: how long a silent node takes to be failed (default 1000 ms). */
  nodeTimeoutMs?: number;
}

export type { RedisClusterRole } from './clusterNodeProcess';

export interface RedisClusterNode {
  readonly port: number;
  /** The cluster bus port (chosen free, not port + 10000, which may be past 65535). */
  readonly clusterPort: number;
  /** The node's cluster id; it keeps it across restarts (its nodes.conf). */
  readonly id: string;
  /** The process id while the node runs, else undefined. */
  readonly pid: number | undefined;
  /** As last seen by the harness (after start, masters(), masterOf(), failovers, restarts). */
  readonly role: RedisClusterRole;
  readonly state: 'running' | 'paused' | 'stopped';
}

export interface RedisClusterMaster {
  readonly port: number;
  readonly id: string;
  /** Inclusive slot ranges it serves. */
  readonly slots: readonly (readonly [number, number])[];
}

export interface RedisCluster {
  /** `redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...`, every node (clusterNodes.ts `clusterNodesOf`). */
  readonly url: string;
  readonly nodes: readonly RedisClusterNode[];
  /** The masters that serve slots and are not failed, read live from CLUSTER NODES. */
  masters(): Promise<RedisClusterMaster[]>;
  /** The port of the master serving the slot of `key` (CLUSTER KEYSLOT, then CLUSTER NODES). */
  masterOf(key: string): Promise<number>;
  /** SIGKILLs the node, which must be a master now, and waits for the process to end. */
  killMaster(port: number): Promise<void>;
  /**
   * Waits until a former replica of the master on `oldPort` (killed or paused) serves all its
   * slots in the view of every surviving node, each with cluster_state:ok; returns its port.
   */
  waitForFailover(oldPort: number, timeoutMs?: number): Promise<number>;
  /**
   * Starts a stopped node again on its port and folder (nodes.conf, append-only file) and waits
   * until it has rejoined: cluster_state:ok in its own view, seen alive by the others with the
   * role and slots it claims, and in sync if a replica. A failed-over master comes back as a
   * replica of its successor.
   */
  restartNode(port: number, timeoutMs?: number): Promise<void>;
  /** SIGSTOP: the process stays, its sockets stay open, it answers nothing. */
  pause(port: number): Promise<void>;
  /**
   * SIGCONT, then waits as restartNode does: a master failed over meanwhile comes back as a
   * replica of its successor.
   */
  resume(port: number, timeoutMs?: number): Promise<void>;
  /** Stops every node (SIGTERM, SIGKILL after 5 s) and removes the folders. */
  dispose(): Promise<void>;
}

/** What a master served and who replicated it, taken before it is killed or paused. */
interface Snapshot {
  id: string;
  slots: [number, number][];
  replicaIds: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const masterCount = options.masters ?? 3;
  const replicasPerMaster = options.replicasPerMaster ?? 1;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 1000;
  if (masterCount < 3) throw new Error('redis-cli --cluster create needs 3 masters or more');
  await ensureDebianPackage('redis-server', REDIS_SERVER);
  await ensureDebianPackage('redis-tools', REDIS_CLI);

  const nodes: NodeProcess[] = [];
  const snapshots = new Map<number, Snapshot>();
  let createOutput = '';
  let lastView = '';
  let disposed = false;

  const taken = new Set<number>();
  const takePort = async () => {
    for (let tries = 0; tries < 20; tries++) {
      const port = await freePort();
      if (port > 0 && !taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
    throw new Error('no free port found');
  };

  const describe = () =>
    [
      `last CLUSTER NODES seen:\n${lastView}`,
      createOutput === '' ? '' : `redis-cli --cluster create:\n${createOutput}`,
      ...nodes.map(
        (node) =>
          `--- node ${node.port} (${node.role}, ${node.state}, pid ${node.child?.pid ?? '-'}):\n` +
          node.output,
      ),
    ].join('\n');

  /** Polls `check` every 100 ms until it holds; on timeout, throws with the nodes' output. */
  const waitUntil = async (what: string, timeoutMs: number, check: () => Promise<boolean>) => {
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    for (;;) {
      try {
        if (await check()) return;
        lastError = '';
      } catch (err) {
        if (err instanceof NodeExited) throw err;
        lastError = (err as Error).message;
      }
      if (Date.now() > deadline) {
        const why = lastError === '' ? '' : ` (last error: ${lastError})`;
        throw new Error(`Redis Cluster: ${what} not within ${timeoutMs} ms${why}\n${describe()}`);
      }
      await sleep(100);
    }
  };

  const nodeAt = (port: number) => {
    const node = nodes.find((candidate) => candidate.port === port);
    if (node === undefined) throw new Error(`no node of this cluster on port ${port}`);
    return node;
  };

  const waitForPing = (node: NodeProcess, timeoutMs: number) =>
    waitUntil(`node ${node.port} answering PING`, timeoutMs, async () => {
      if (node.child === null) throw new NodeExited(`node ${node.port} exited`);
      return (await text(node.port, ['PING'])) === 'PONG';
    });

  /** Launches a node on ports of its own and waits for it (on others when one was taken). */
  const started = (node: NodeProcess) =>
    retriedOnTakenPort(
      async () => {
        node.port = await takePort();
        node.clusterPort = await takePort();
        node.output = '';
        launch(node, nodeTimeoutMs);
        await waitForPing(node, 10_000);
      },
      () => node.output.includes(REDIS_PORT_TAKEN),
    );

  const survivors = (except?: number) =>
    nodes.filter((node) => node.state === 'running' && node.port !== except);

  /** CLUSTER NODES from the first surviving node that answers (`asked`); notes the roles. */
  let asked = 0;
  const view = async (except?: number): Promise<NodeLine[]> => {
    let lastError: unknown = new Error('no node of the cluster is running');
    for (const node of survivors(except)) {
      try {
        lastView = await text(node.port, ['CLUSTER', 'NODES']);
        asked = node.port;
        const lines = parseClusterNodes(lastView);
        noteRoles(lines);
        return lines;
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  };

  const noteRoles = (lines: NodeLine[]) => {
    for (const line of lines) {
      const node = nodes.find((candidate) => candidate.id === line.id);
      if (node === undefined) continue;
      if (line.flags.includes('master')) node.role = 'master';
      else if (line.flags.includes('slave')) node.role = 'replica';
    }
  };

  /** Whether `node` is ok in its own view, known alive in the others' with the role it has. */
  const rejoined = async (node: NodeProcess): Promise<boolean> => {
    const info = clusterInfo(await text(node.port, ['CLUSTER', 'INFO']));
    if (info.get('cluster_state') !== 'ok') return false;
    const own = parseClusterNodes(await text(node.port, ['CLUSTER', 'NODES']));
    const myself = own.find((line) => line.flags.includes('myself'));
    if (myself === undefined || isFailed(myself)) return false;
    const role = myself.flags.includes('master') ? 'master' : 'slave';
    for (const other of survivors(node.port)) {
      lastView = await text(other.port, ['CLUSTER', 'NODES']);
      const seen = parseClusterNodes(lastView).find((line) => line.id === node.id);
      if (seen === undefined || isFailed(seen) || !seen.flags.includes(role)) return false;
      if (JSON.stringify(seen.slots) !== JSON.stringify(myself.slots)) return false;
    }
    if (role === 'slave') {
      const replication = clusterInfo(await text(node.port, ['INFO', 'replication']));
      if (replication.get('master_link_status') !== 'up') return false;
    }
    return true;
  };

  const snapshotOf = (lines: NodeLine[], node: NodeProcess): Snapshot => {
    const line = lines.find((candidate) => candidate.id === node.id);
    if (line === undefined || !line.flags.includes('master')) {
      throw new Error(`node ${node.port} is not a master\n${lastView}`);
    }
    return {
      id: node.id,
      slots: line.slots,
      replicaIds: lines.filter((other) => other.masterId === node.id).map((other) => other.id),
    };
  };

  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await Promise.all(nodes.map(stopNode));
    for (const node of nodes) rmSync(node.dir, { recursive: true, force: true });
  };

  try {
    const total = masterCount * (1 + replicasPerMaster);
    for (let i = 0; i < total; i++) {
      nodes.push({
        port: 0,
        clusterPort: 0,
        dir: mkdtempSync(join(tmpdir(), 'contactpad-redis-cluster-')),
        id: '',
        child: null,
        role: 'master',
        state: 'stopped',
        output: '',
      });
    }
    // Every node settled before any failure is thrown: none is launched after the clean-up.
    const launched = await Promise.allSettled(nodes.map(started));
    for (const result of launched) if (result.status === 'rejected') throw result.reason;
    for (const node of nodes) node.id = await text(node.port, ['CLUSTER', 'MYID']);

    createOutput = await runRedisCli(
      [
        '--cluster',
        'create',
        ...nodes.map((node) => `${HOST}:${node.port}`),
        '--cluster-replicas',
        String(replicasPerMaster),
        '--cluster-yes',
      ],
      60_000,
    );

    // Every node: the cluster ok, every slot covered, every node known, every replica in sync.
    await waitUntil('the cluster ok on every node', 30_000, async () => {
      for (const node of nodes) {
        const info = clusterInfo(await text(node.port, ['CLUSTER', 'INFO']));
        if (info.get('cluster_state') !== 'ok') return false;
        if (info.get('cluster_slots_ok') !== String(SLOTS)) return false;
        if (info.get('cluster_known_nodes') !== String(total)) return false;
      }
      const lines = await view();
      const masters = lines.filter((line) => line.flags.includes('master') && !isFailed(line));
      if (masters.length !== masterCount) return false;
      for (const master of masters) {
        const replicas = lines.filter((line) => line.masterId === master.id && !isFailed(line));
        if (replicas.length !== replicasPerMaster) return false;
      }
      for (const node of nodes.filter((candidate) => candidate.role === 'replica')) {
        const replication = clusterInfo(await text(node.port, ['INFO', 'replication']));
        if (replication.get('master_link_status') !== 'up') return false;
      }
      return true;
    });
  } catch (err) {
    const failure = err instanceof Error ? err.message : String(err);
    await dispose();
    throw new Error(failure.includes('--- node ') ? failure : `${failure}\n${describe()}`);
  }

  return {
    url: `redis-cluster://${nodes.map((node) => `${HOST}:${node.port}`).join(',')}`,
    nodes: nodes.map((node): RedisClusterNode => ({
      port: node.port,
      clusterPort: node.clusterPort,
      get id() {
        return node.id;
      },
      get pid() {
        return node.child?.pid;
      },
      get role() {
        return node.role;
      },
      get state() {
        return node.state;
      },
    })),

    async masters() {
      return (await view())
        .filter((line) => line.flags.includes('master') && !isFailed(line) && line.slots.length > 0)
        .map((line) => ({ port: line.port, id: line.id, slots: line.slots }));
    },

    async masterOf(key: string) {
      const lines = await view();
      const slot = Number(await command(asked, ['CLUSTER', 'KEYSLOT', key]));
      const master = lines.find(
        (line) => line.flags.includes('master') && !isFailed(line) && serves(line, slot),
      );
      if (master === undefined) throw new Error(`no master serves slot ${slot}\n${lastView}`);
      return master.port;
    },

    async killMaster(port: number) {
      const node = nodeAt(port);
      if (node.state !== 'running') throw new Error(`node ${port} is ${node.state}`);
      snapshots.set(port, snapshotOf(await view(port), node));
      const running = node.child!;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },

    async waitForFailover(oldPort: number, timeoutMs = 20_000) {
      const old = nodeAt(oldPort);
      const snapshot = snapshots.get(oldPort) ?? snapshotOf(await view(oldPort), old);
      if (snapshot.replicaIds.length === 0) throw new Error(`node ${oldPort} has no replica`);
      let successor = 0;
      await waitUntil(`a replica of ${oldPort} taking over`, timeoutMs, async () => {
        const owners = new Set<string>();
        for (const node of survivors(oldPort)) {
          const info = clusterInfo(await text(node.port, ['CLUSTER', 'INFO']));
          if (info.get('cluster_state') !== 'ok') return false;
          lastView = await text(node.port, ['CLUSTER', 'NODES']);
          const lines = parseClusterNodes(lastView);
          for (const [from, to] of snapshot.slots) {
            for (const slot of [from, to]) {
              const owner = lines.find(
                (line) => line.flags.includes('master') && !isFailed(line) && serves(line, slot),
              );
              if (owner === undefined || !snapshot.replicaIds.includes(owner.id)) return false;
              owners.add(owner.id);
              successor = owner.port;
            }
          }
        }
        return owners.size === 1;
      });
      await view(oldPort);
      snapshots.delete(oldPort);
      return successor;
    },

    async restartNode(port: number, timeoutMs = 20_000) {
      const node = nodeAt(port);
      if (node.state !== 'stopped') throw new Error(`node ${port} is ${node.state}`);
      launch(node, nodeTimeoutMs);
      await waitForPing(node, 10_000);
      // Its nodes.conf may still say it is a master: wait until it and the others agree.
      await waitUntil(`node ${port} rejoining`, timeoutMs, () => rejoined(node));
      await view();
    },

    async pause(port: number) {
      const node = nodeAt(port);
      if (node.state !== 'running') throw new Error(`node ${port} is ${node.state}`);
      const lines = await view(port);
      if (lines.find((line) => line.id === node.id)?.flags.includes('master')) {
        snapshots.set(port, snapshotOf(lines, node));
      }
      node.child!.kill('SIGSTOP');
      node.state = 'paused';
    },

    async resume(port: number, timeoutMs = 20_000) {
      const node = nodeAt(port);
      if (node.state !== 'paused') throw new Error(`node ${port} is ${node.state}`);
      node.child!.kill('SIGCONT');
      node.state = 'running';
      await waitUntil(`node ${port} rejoining`, timeoutMs, () => rejoined(node));
      await view();
    },

    dispose,
  };
}
