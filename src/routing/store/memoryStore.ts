/** The embedded default store: everything in this process's memory, gone when it stops. */
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
import type { Rank } from './rankedSet';
import { RankedSet } from './rankedSet';

const key = (accountId: string, id: string) => `${accountId}\u0000${id}`;
const externalKey = (accountId: string, connectorId: string, externalId: string) =>
  `${accountId}\u0000${connectorId}\u0000${externalId}`;

export class MemoryStore implements Store {
  private readonly accountRecords = new Map<string, AccountRecord>();
  // Services and agents by account, then id: a lookup builds no key string.
  private readonly servicesByAccount = new Map<string, Map<string, ServiceRecord>>();
  private readonly agentsByAccount = new Map<string, Map<string, AgentRecord>>();
  private readonly interactionRecords = new Map<string, InteractionRecord>();
  private readonly interactionsByAccount = new Map<string, Map<string, InteractionRecord>>();
  private readonly consultRecords = new Map<string, ConsultRecord>();
  private readonly externalRecords = new Map<string, ExternalRecord>();
  private readonly outcomeRecords = new Map<string, OutcomeRecord>();
  private readonly sets = new Map<string, RankedSet>();
  /** Members that joined a ranked set so far, and the count when each set last gained one. */
  private additions = 0;
  private readonly lastAdded = new Map<string, number>();
  private readonly timers = new RankedSet();
  private readonly timerRecords = new Map<string, TimerRecord>();
  private order = 0;

  account(id: string) {
    return this.accountRecords.get(id);
  }
  saveAccount(record: AccountRecord) {
    this.accountRecords.set(record.id, record);
  }
  accounts() {
    return [...this.accountRecords.values()];
  }
  /** Undoes saveAccount (a rolled-back creation); the engine itself never deletes accounts. */
  deleteAccount(id: string) {
    this.accountRecords.delete(id);
  }

  service(accountId: string, id: string) {
    return this.servicesByAccount.get(accountId)?.get(id);
  }
  saveService(record: ServiceRecord) {
    byAccount(this.servicesByAccount, record.accountId).set(record.id, record);
  }
  services(accountId: string) {
    return [...(this.servicesByAccount.get(accountId)?.values() ?? [])];
  }
  deleteService(accountId: string, id: string) {
    this.servicesByAccount.get(accountId)?.delete(id);
  }

  agent(accountId: string, id: string) {
    return this.agentsByAccount.get(accountId)?.get(id);
  }
  saveAgent(record: AgentRecord) {
    byAccount(this.agentsByAccount, record.accountId).set(record.id, record);
  }
  agents(accountId: string) {
    return [...(this.agentsByAccount.get(accountId)?.values() ?? [])];
  }
  deleteAgent(accountId: string, id: string) {
    this.agentsByAccount.get(accountId)?.delete(id);
  }

  interaction(id: string) {
    return this.interactionRecords.get(id);
  }
  saveInteraction(record: InteractionRecord) {
    this.interactionRecords.set(record.interaction.id, record);
    byAccount(this.interactionsByAccount, record.accountId).set(record.interaction.id, record);
  }
  deleteInteraction(id: string) {
    const record = this.interactionRecords.get(id);
    if (record === undefined) return;
    this.interactionRecords.delete(id);
    this.interactionsByAccount.get(record.accountId)?.delete(id);
  }
  interactions(accountId: string) {
    return [...(this.interactionsByAccount.get(accountId)?.values() ?? [])];
  }

  consult(id: string) {
    return this.consultRecords.get(id);
  }
  saveConsult(record: ConsultRecord) {
    this.consultRecords.set(record.consult.id, record);
  }
  deleteConsult(id: string) {
    this.consultRecords.delete(id);
  }

  external(accountId: string, connectorId: string, externalId: string) {
    return this.externalRecords.get(externalKey(accountId, connectorId, externalId));
  }
  saveExternal(record: ExternalRecord) {
    const { accountId, connectorId, externalId } = record;
    this.externalRecords.set(externalKey(accountId, connectorId, externalId), record);
  }
  deleteExternal(accountId: string, connectorId: string, externalId: string) {
    this.externalRecords.delete(externalKey(accountId, connectorId, externalId));
  }

  outcome(accountId: string, seq: number) {
    return this.outcomeRecords.get(key(accountId, String(seq)));
  }
  saveOutcome(record: OutcomeRecord) {
    this.outcomeRecords.set(key(record.accountId, String(record.seq)), record);
  }
  deleteOutcome(accountId: string, seq: number) {
    this.outcomeRecords.delete(key(accountId, String(seq)));
  }

  rankAdd(set: string, member: string, rank: Rank) {
    let ranked = this.sets.get(set);
    if (ranked === undefined) {
      ranked = new RankedSet();
      this.sets.set(set, ranked);
    }
    if (ranked.add(member, rank)) this.lastAdded.set(set, ++this.additions);
  }
  rankRemove(set: string, member: string) {
    const ranked = this.sets.get(set);
    if (ranked === undefined) return;
    ranked.remove(member);
    if (ranked.size === 0) {
      this.sets.delete(set);
      this.lastAdded.delete(set);
    }
  }
  /** A member's rank in a set, if it is there (for change tracking and replication). */
  rankOf(set: string, member: string): Rank | undefined {
    return this.sets.get(set)?.rankOf(member);
  }
  rankHas(set: string, member: string) {
    return this.sets.get(set)?.has(member) ?? false;
  }
  rankFirst(set: string) {
    return this.sets.get(set)?.first();
  }
  rankSize(set: string) {
    return this.sets.get(set)?.size ?? 0;
  }
  rankMembers(set: string, limit: number) {
    return this.sets.get(set)?.ordered(limit) ?? [];
  }
  rankWalk(set: string): Iterable<readonly [string, Rank]> {
    return this.sets.get(set)?.walk() ?? [];
  }
  rankAdditions() {
    return this.additions;
  }
  rankLastAdded(set: string) {
    return this.lastAdded.get(set) ?? 0;
  }
  /** Nothing changes it but its own methods. */
  epoch() {
    return 0;
  }

  saveTimer(timer: TimerRecord) {
    this.timerRecords.set(timer.id, timer);
    this.timers.add(timer.id, [timer.dueAt]);
  }
  timer(id: string): TimerRecord | undefined {
    return this.timerRecords.get(id);
  }
  deleteTimer(id: string) {
    this.timerRecords.delete(id);
    this.timers.remove(id);
  }
  dueTimers(now: number, limit = Infinity) {
    const due: TimerRecord[] = [];
    // Pop the due timers in order, then put them back: the engine deletes each as it fires it.
    while (due.length < limit) {
      const first = this.timers.first();
      if (first === undefined) break;
      const timer = this.timerRecords.get(first) as TimerRecord;
      if (timer.dueAt > now) break;
      due.push(timer);
      this.timers.remove(first);
    }
    for (const timer of due) this.timers.add(timer.id, [timer.dueAt]);
    return due;
  }
  nextDueAt() {
    const first = this.timers.first();
    return first === undefined ? undefined : this.timerRecords.get(first)?.dueAt;
  }

  nextOrder() {
    return ++this.order;
  }
  /** The last arrival order given (for change tracking and replication). */
  lastOrder(): number {
    return this.order;
  }
  setLastOrder(order: number): void {
    this.order = order;
  }
}

function byAccount<T>(index: Map<string, Map<string, T>>, accountId: string): Map<string, T> {
  let records = index.get(accountId);
  if (records === undefined) {
    records = new Map();
    index.set(accountId, records);
  }
  return records;
}
