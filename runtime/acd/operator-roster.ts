/**
 * A tenant's operators: who is configured, who is logged in where, and every state change — each
 * one written to the state log and announced as an event, and reflected in the ready index (an
 * operator is in the index exactly while logged in, in a state that takes calls, and not on a call).
 */
import { type AcdOperator, newOperator, type OperatorConfig } from './operator.ts';
import type { StateCatalog } from './operator-states.ts';
import { ReadyIndex } from './ready-index.ts';
import type { StateChange, StateLogSink } from './state-log.ts';

export interface NowClock {
  now(): number;
}

/** An operator as the shared presence row has them (coordinator.ts `PresenceView`). */
export interface SharedView {
  state: string;
  extension: string | null;
  endpoint: string | null;
  version: number;
}

export class OperatorRoster {
  readonly ready = new ReadyIndex();
  private readonly operators = new Map<string, AcdOperator>();
  private readonly byExtension = new Map<string, AcdOperator>();
  private readonly members = new Map<string, Set<AcdOperator>>();

  constructor(
    private readonly tenant: string,
    readonly states: StateCatalog,
    private readonly clock: NowClock,
    private readonly log: StateLogSink,
    private readonly emit: (change: StateChange) => void,
  ) {}

  get(id: string): AcdOperator | undefined {
    return this.operators.get(id);
  }

  require(id: string): AcdOperator {
    const op = this.operators.get(id);
    if (!op) throw new AcdError('unknown-operator', `no operator '${id}' in tenant ${this.tenant}`);
    return op;
  }

  atExtension(extension: string): AcdOperator | undefined {
    return this.byExtension.get(extension);
  }

  membersOf(queue: string): ReadonlySet<AcdOperator> {
    return this.members.get(queue) ?? new Set();
  }

  all(): IterableIterator<AcdOperator> {
    return this.operators.values();
  }

  /** Adds an operator or replaces their skills and queues (the state is kept). */
  upsert(config: OperatorConfig): AcdOperator {
    let op = this.operators.get(config.id);
    if (!op) this.operators.set(config.id, (op = newOperator(config, this.clock.now())));
    const indexed = this.ready.has(op);
    if (indexed) this.ready.remove(op);
    for (const queue of op.memberships.keys()) this.members.get(queue)?.delete(op);
    op.name = config.name ?? op.name;
    op.skills = new Map(Object.entries(config.skills ?? {}).filter(([, level]) => level > 0));
    op.memberships = new Map();
    for (const entry of config.queues) {
      const m = typeof entry === 'string' ? { queue: entry } : entry;
      const members = this.members.get(m.queue) ?? new Set();
      this.members.set(m.queue, members);
      op.memberships.set(m.queue, { queue: m.queue, order: m.order ?? members.size, level: m.level ?? 1 });
      members.add(op);
    }
    if (indexed) this.ready.add(op);
    return op;
  }

  remove(id: string): void {
    const op = this.require(id);
    if (op.callId) throw new AcdError('on-a-call', `operator '${id}' is on a call`);
    if (op.extension) this.logOut(op, 'removed');
    for (const queue of op.memberships.keys()) this.members.get(queue)?.delete(op);
    this.operators.delete(id);
  }

  logIn(op: AcdOperator, extension: string, endpoint: string): void {
    const holder = this.byExtension.get(extension);
    if (holder && holder !== op) {
      throw new AcdError('extension-in-use', `extension ${extension} is in use by operator '${holder.id}'`);
    }
    if (op.extension && op.extension !== extension) this.byExtension.delete(op.extension);
    op.extension = extension;
    op.endpoint = endpoint;
    this.byExtension.set(extension, op);
    if (op.state === 'LoggedOut') {
      op.loggedInAt = this.clock.now();
      op.callsTaken = 0;
      op.talkTimeMs = 0;
      // Seed 001: calls come only after the operator chooses «Готов».
      this.transition(op, 'NotReady', 'log-in', null);
    }
  }

  logOut(op: AcdOperator, reason: string): void {
    this.transition(op, 'LoggedOut', reason, null);
    if (op.extension) this.byExtension.delete(op.extension);
    op.extension = null;
    op.endpoint = null;
    op.loggedInAt = null;
    op.pending = null;
  }

  /** Logged in, in a state that takes calls, not holding a call, and this process's to route. */
  available(op: AcdOperator): boolean {
    return op.endpoint !== null && op.callId === null && !op.remote && this.states.takesCalls(op.state);
  }

  /**
   * Another process owns the operator (cluster.ts): take its view of their state and workplace,
   * unless this process already applied a newer one. Announced as a mirrored change, not logged.
   */
  mirror(op: AcdOperator, view: SharedView): boolean {
    if (view.version <= op.version || op.callId !== null) return false;
    op.version = view.version;
    op.remote = true;
    op.pending = null;
    this.ready.remove(op);
    this.seat(op, view);
    const from = op.state;
    if (from === view.state) return true;
    op.state = view.state;
    op.stateSince = this.clock.now();
    op.reason = null;
    const at = this.clock.now();
    this.emit({
      tenant: this.tenant,
      operatorId: op.id,
      from,
      to: view.state,
      reason: null,
      callId: null,
      at,
      mirrored: true,
    });
    return true;
  }

  /**
   * This process takes the operator over (their request came here, or a claim made elsewhere gave
   * them one of this process's callers): their state as the shared row had it, not logged again.
   */
  adopt(op: AcdOperator, view: SharedView): void {
    op.remote = false;
    op.version = Math.max(op.version, view.version);
    this.seat(op, view);
    if (op.state !== view.state) {
      op.state = view.state;
      op.stateSince = this.clock.now();
    }
    if (op.endpoint !== null && op.loggedInAt === null) op.loggedInAt = this.clock.now();
    if (this.available(op) && !this.ready.has(op)) {
      op.availableSince = this.clock.now();
      this.ready.add(op);
    }
  }

  /** The workplace of a shared view (mirror, adopt). */
  private seat(op: AcdOperator, view: SharedView): void {
    if (op.extension !== null && this.byExtension.get(op.extension) === op)
      this.byExtension.delete(op.extension);
    op.extension = view.extension;
    op.endpoint = view.endpoint;
    if (view.extension !== null && !this.byExtension.has(view.extension))
      this.byExtension.set(view.extension, op);
    if (op.endpoint === null) op.loggedInAt = null;
  }

  /** Logged in and able to take this queue's calls soon: ready, on a call or wrapping up. */
  serving(op: AcdOperator): boolean {
    if (op.endpoint === null) return false;
    return this.states.takesCalls(op.state) || op.state === 'Busy' || op.state === 'WrapUp';
  }

  transition(op: AcdOperator, to: string, reason: string | null, callId: string | null): void {
    const from = op.state;
    const was = this.ready.has(op);
    if (from !== to) {
      op.state = to;
      op.stateSince = this.clock.now();
    }
    op.reason = reason;
    const now = this.available(op);
    if (was && !now) this.ready.remove(op);
    if (!was && now) {
      op.availableSince = this.clock.now();
      this.ready.add(op);
    }
    if (from === to) return;
    const change: StateChange = {
      tenant: this.tenant,
      operatorId: op.id,
      from,
      to,
      reason,
      callId,
      at: this.clock.now(),
    };
    this.log.write(change);
    this.emit(change);
  }
}

export type AcdErrorCode =
  | 'unknown-operator'
  | 'unknown-state'
  | 'system-state'
  | 'not-logged-in'
  | 'extension-in-use'
  | 'bad-extension'
  | 'on-a-call'
  | 'unknown-call'
  | 'unknown-queue';

/** A request the ACD refuses (the API turns it into a 4xx with the message). */
export class AcdError extends Error {
  constructor(
    readonly code: AcdErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AcdError';
  }
}
