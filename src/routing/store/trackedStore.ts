/**
 * A unit of work over the in-memory store, for a store shared by several routing processes. The
 * engine reads and changes records in place; between `begin` and `changes` this store remembers the
 * JSON of everything the engine touched as it was before, so that it can tell what changed (to
 * commit it) and put it all back (when the commit is refused or the shared store is unreachable).
 * Changes committed by other processes are applied with `apply`.
 */
import type { Change, RecordKey } from './changes';
import { keyOf, readKey, writeKey } from './changes';
import { MemoryStore } from './memoryStore';
import type { Rank } from './rankedSet';
import type {
  AccountRecord,
  AgentRecord,
  ConsultRecord,
  InteractionRecord,
  ServiceRecord,
  Store,
  TimerRecord,
} from './store';

export class TrackedStore implements Store {
  /** Each touched key's JSON before this unit of work (null: it held nothing). */
  private readonly before = new Map<string, string | null>();
  private tracking = false;

  private base = new MemoryStore();

  /** Replaces everything with what `changes` hold (a load of the whole shared store). */
  reset(changes: readonly Change[]): void {
    this.base = new MemoryStore();
    this.before.clear();
    this.tracking = false;
    this.apply(changes);
  }

  /** Starts remembering what the engine touches. */
  begin(): void {
    this.before.clear();
    this.tracking = true;
  }

  /** What changed since `begin`. */
  changes(): Change[] {
    const changes: Change[] = [];
    for (const [key, was] of this.before) {
      const now = readKey(this.base, key);
      if (now !== was) changes.push({ key, value: now });
    }
    return changes;
  }

  /** Keeps the changes (they were committed) and stops tracking. */
  accept(): void {
    this.before.clear();
    this.tracking = false;
  }

  /** Puts back everything touched since `begin` and stops tracking. */
  rollback(): void {
    for (const [key, was] of this.before) writeKey(this.base, key, was);
    this.before.clear();
    this.tracking = false;
  }

  /** Applies changes another process committed (never inside a unit of work). */
  apply(changes: readonly Change[]): void {
    for (const change of changes) writeKey(this.base, change.key, change.value);
  }

  private touch(key: RecordKey): void {
    if (!this.tracking) return;
    const encoded = keyOf(key);
    if (!this.before.has(encoded)) this.before.set(encoded, readKey(this.base, encoded));
  }

  private touched<T>(record: T | undefined, key: () => RecordKey): T | undefined {
    if (this.tracking && record !== undefined) this.touch(key());
    return record;
  }

  account(id: string) {
    return this.touched(this.base.account(id), () => ['account', id]);
  }
  saveAccount(record: AccountRecord) {
    this.touch(['account', record.id]);
    this.base.saveAccount(record);
  }
  accounts() {
    const records = this.base.accounts();
    if (this.tracking) for (const record of records) this.touch(['account', record.id]);
    return records;
  }

  service(accountId: string, id: string) {
    return this.touched(this.base.service(accountId, id), () => ['service', accountId, id]);
  }
  saveService(record: ServiceRecord) {
    this.touch(['service', record.accountId, record.id]);
    this.base.saveService(record);
  }
  services(accountId: string) {
    const records = this.base.services(accountId);
    if (this.tracking) for (const record of records) this.touch(['service', accountId, record.id]);
    return records;
  }

  agent(accountId: string, id: string) {
    return this.touched(this.base.agent(accountId, id), () => ['agent', accountId, id]);
  }
  saveAgent(record: AgentRecord) {
    this.touch(['agent', record.accountId, record.id]);
    this.base.saveAgent(record);
  }
  agents(accountId: string) {
    const records = this.base.agents(accountId);
    if (this.tracking) for (const record of records) this.touch(['agent', accountId, record.id]);
    return records;
  }

  interaction(id: string) {
    return this.touched(this.base.interaction(id), () => ['interaction', id]);
  }
  saveInteraction(record: InteractionRecord) {
    this.touch(['interaction', record.interaction.id]);
    this.base.saveInteraction(record);
  }
  deleteInteraction(id: string) {
    this.touch(['interaction', id]);
    this.base.deleteInteraction(id);
  }
  interactions(accountId: string) {
    const records = this.base.interactions(accountId);
    if (this.tracking) {
      for (const record of records) this.touch(['interaction', record.interaction.id]);
    }
    return records;
  }

  consult(id: string) {
    return this.touched(this.base.consult(id), () => ['consult', id]);
  }
  saveConsult(record: ConsultRecord) {
    this.touch(['consult', record.consult.id]);
    this.base.saveConsult(record);
  }
  deleteConsult(id: string) {
    this.touch(['consult', id]);
    this.base.deleteConsult(id);
  }

  rankAdd(set: string, member: string, rank: Rank) {
    this.touch(['rank', set, member]);
    this.base.rankAdd(set, member, rank);
  }
  rankRemove(set: string, member: string) {
    this.touch(['rank', set, member]);
    this.base.rankRemove(set, member);
  }
  rankFirst(set: string) {
    return this.base.rankFirst(set);
  }
  rankSize(set: string) {
    return this.base.rankSize(set);
  }
  rankMembers(set: string, limit: number) {
    return this.base.rankMembers(set, limit);
  }

  saveTimer(timer: TimerRecord) {
    this.touch(['timer', timer.id]);
    this.base.saveTimer(timer);
  }
  deleteTimer(id: string) {
    this.touch(['timer', id]);
    this.base.deleteTimer(id);
  }
  dueTimers(now: number, limit?: number) {
    return this.base.dueTimers(now, limit);
  }
  nextDueAt() {
    return this.base.nextDueAt();
  }

  nextOrder() {
    this.touch(['order']);
    return this.base.nextOrder();
  }
}
