/**
 * A unit of work over the in-memory store, for a store shared by several routing processes. The
 * engine reads and changes records in place; between `begin` and `changes` this store remembers the
 * JSON of everything the engine touched as it was before, so that it can tell what changed (to
 * commit it) and put it all back (when the commit is refused or the shared store is unreachable).
 * Changes committed by other processes are applied with `apply`.
 * The JSON each record had when its last unit of work was kept is remembered with the record
 * (a WeakMap: it goes with the record), so touching a record the engine only reads again costs a
 * lookup rather than writing it to JSON once more. Records only change inside units of work (the
 * runner's batches), so that JSON is what the record holds until it is touched again.
 */
import type { Change, RecordKey } from './changes';
import { decodeKey, keyOf, recordAt, writeKey } from './changes';
import { MemoryStore } from './memoryStore';
import type { Rank } from './rankedSet';
import type {
  AccountRecord,
  AgentRecord,
  ConsultRecord,
  ExternalRecord,
  InteractionRecord,
  OutcomeRecord,
  ServiceRecord,
  Store,
  TimerRecord,
} from './store';

export class TrackedStore implements Store {
  /** Each touched key (encoded) with its JSON before this unit of work (null: it held nothing). */
  private readonly before = new Map<
    string,
    { readonly parts: RecordKey; readonly was: string | null }
  >();
  /** Records already captured in this unit of work (a cheap check before building keys). */
  private readonly seen = new Set<object>();
  /** Ranks touched, by set and member, as they were (undefined: not a member). */
  private readonly ranksBefore = new Map<string, Map<string, Rank | undefined>>();
  /** Each record's JSON as of the last unit of work that kept it; see above. */
  private readonly kept = new WeakMap<object, string>();
  /** The records of this unit of work with their JSON now, kept in `kept` on `accept`. */
  private readonly keeping: [object, string][] = [];
  private tracking = false;
  /** Rollbacks, applies and resets so far (`epoch`). */
  private outside = 0;

  private base = new MemoryStore();

  /** Replaces everything with what `changes` hold (a load of the whole shared store). */
  reset(changes: readonly Change[]): void {
    this.base = new MemoryStore();
    this.end();
    this.apply(changes);
  }

  /** Starts remembering what the engine touches. */
  begin(): void {
    this.end();
    this.tracking = true;
  }

  /** What changed since `begin`. */
  changes(): Change[] {
    const changes: Change[] = [];
    this.keeping.length = 0;
    for (const [key, { parts, was }] of this.before) {
      const record = recordAt(this.base, parts);
      const now = record === undefined ? null : JSON.stringify(record);
      if (now !== was) changes.push({ key, value: now });
      if (now !== null && typeof record === 'object' && record !== null) {
        this.keeping.push([record, now]);
      }
    }
    for (const [set, members] of this.ranksBefore) {
      for (const [member, was] of members) {
        const now = this.base.rankOf(set, member);
        if (!sameRank(now, was)) {
          changes.push({
            key: keyOf(['rank', set, member]),
            value: now === undefined ? null : JSON.stringify(now),
          });
        }
      }
    }
    return changes;
  }

  /** Keeps the changes (they were committed) and stops tracking. */
  accept(): void {
    for (const [record, json] of this.keeping) this.kept.set(record, json);
    this.end();
  }

  /** Puts back everything touched since `begin` and stops tracking. */
  rollback(): void {
    this.outside += 1;
    for (const { parts, was } of this.before.values()) writeKey(this.base, parts, was);
    for (const [set, members] of this.ranksBefore) {
      for (const [member, was] of members) {
        if (was === undefined) this.base.rankRemove(set, member);
        else this.base.rankAdd(set, member, was);
      }
    }
    this.end();
  }

  private end(): void {
    this.keeping.length = 0;
    this.before.clear();
    this.seen.clear();
    this.ranksBefore.clear();
    this.tracking = false;
  }

  /** Applies changes another process committed (never inside a unit of work). */
  apply(changes: readonly Change[]): void {
    this.outside += 1;
    for (const change of changes) writeKey(this.base, decodeKey(change.key), change.value);
  }

  private touch(parts: RecordKey): void {
    if (!this.tracking) return;
    const key = keyOf(parts);
    if (this.before.has(key)) return;
    const record = recordAt(this.base, parts);
    const was =
      record === undefined
        ? null
        : ((typeof record === 'object' && record !== null ? this.kept.get(record) : undefined) ??
          JSON.stringify(record));
    this.before.set(key, { parts, was });
  }

  private touched<T extends object>(record: T | undefined, key: () => RecordKey): T | undefined {
    if (this.tracking && record !== undefined && !this.seen.has(record)) {
      this.touch(key());
      this.seen.add(record);
    }
    return record;
  }

  private touchRank(set: string, member: string): void {
    if (!this.tracking) return;
    let members = this.ranksBefore.get(set);
    if (members === undefined) this.ranksBefore.set(set, (members = new Map()));
    if (!members.has(member)) members.set(member, this.base.rankOf(set, member));
  }

  account(id: string) {
    return this.touched(this.base.account(id), () => ['account', id]);
  }
  saveAccount(record: AccountRecord) {
    this.touched(record, () => ['account', record.id]);
    this.base.saveAccount(record);
  }
  accounts() {
    const records = this.base.accounts();
    for (const record of records) this.touched(record, () => ['account', record.id]);
    return records;
  }

  service(accountId: string, id: string) {
    return this.touched(this.base.service(accountId, id), () => ['service', accountId, id]);
  }
  saveService(record: ServiceRecord) {
    this.touched(record, () => ['service', record.accountId, record.id]);
    this.base.saveService(record);
  }
  services(accountId: string) {
    const records = this.base.services(accountId);
    for (const record of records) this.touched(record, () => ['service', accountId, record.id]);
    return records;
  }
  deleteService(accountId: string, id: string) {
    this.touch(['service', accountId, id]);
    this.base.deleteService(accountId, id);
  }

  agent(accountId: string, id: string) {
    return this.touched(this.base.agent(accountId, id), () => ['agent', accountId, id]);
  }
  saveAgent(record: AgentRecord) {
    this.touched(record, () => ['agent', record.accountId, record.id]);
    this.base.saveAgent(record);
  }
  agents(accountId: string) {
    const records = this.base.agents(accountId);
    for (const record of records) this.touched(record, () => ['agent', accountId, record.id]);
    return records;
  }
  deleteAgent(accountId: string, id: string) {
    this.touch(['agent', accountId, id]);
    this.base.deleteAgent(accountId, id);
  }

  interaction(id: string) {
    return this.touched(this.base.interaction(id), () => ['interaction', id]);
  }
  saveInteraction(record: InteractionRecord) {
    this.touched(record, () => ['interaction', record.interaction.id]);
    this.base.saveInteraction(record);
  }
  deleteInteraction(id: string) {
    this.touch(['interaction', id]);
    this.base.deleteInteraction(id);
  }
  interactions(accountId: string) {
    const records = this.base.interactions(accountId);
    for (const record of records)
      this.touched(record, () => ['interaction', record.interaction.id]);
    return records;
  }

  external(accountId: string, connectorId: string, externalId: string) {
    return this.touched(this.base.external(accountId, connectorId, externalId), () => [
      'external',
      accountId,
      connectorId,
      externalId,
    ]);
  }
  saveExternal(record: ExternalRecord) {
    const { accountId, connectorId, externalId } = record;
    this.touched(record, () => ['external', accountId, connectorId, externalId]);
    this.base.saveExternal(record);
  }
  deleteExternal(accountId: string, connectorId: string, externalId: string) {
    this.touch(['external', accountId, connectorId, externalId]);
    this.base.deleteExternal(accountId, connectorId, externalId);
  }

  outcome(accountId: string, seq: number) {
    return this.touched(this.base.outcome(accountId, seq), () => [
      'outcome',
      accountId,
      String(seq),
    ]);
  }
  saveOutcome(record: OutcomeRecord) {
    this.touched(record, () => ['outcome', record.accountId, String(record.seq)]);
    this.base.saveOutcome(record);
  }
  deleteOutcome(accountId: string, seq: number) {
    this.touch(['outcome', accountId, String(seq)]);
    this.base.deleteOutcome(accountId, seq);
  }

  consult(id: string) {
    return this.touched(this.base.consult(id), () => ['consult', id]);
  }
  saveConsult(record: ConsultRecord) {
    this.touched(record, () => ['consult', record.consult.id]);
    this.base.saveConsult(record);
  }
  deleteConsult(id: string) {
    this.touch(['consult', id]);
    this.base.deleteConsult(id);
  }

  rankAdd(set: string, member: string, rank: Rank) {
    this.touchRank(set, member);
    this.base.rankAdd(set, member, rank);
  }
  rankRemove(set: string, member: string) {
    this.touchRank(set, member);
    this.base.rankRemove(set, member);
  }
  rankOf(set: string, member: string) {
    return this.base.rankOf(set, member);
  }
  rankHas(set: string, member: string) {
    return this.base.rankHas(set, member);
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
  rankWalk(set: string) {
    return this.base.rankWalk(set);
  }
  rankAdditions() {
    return this.base.rankAdditions();
  }
  rankLastAdded(set: string) {
    return this.base.rankLastAdded(set);
  }
  epoch() {
    return this.outside;
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

function sameRank(a: Rank | undefined, b: Rank | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
