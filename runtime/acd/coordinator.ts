/**
 * Several runtime processes sharing one database must never give one operator two calls and never
 * lose a waiting caller. Each process routes with its own in-memory core (fast decisions); before
 * it rings an operator it claims the pair through the coordinator, which is the single source of
 * truth for "who holds which call".
 *
 * The claim protocol (PostgreSQL: runtime/store/acd-coordinator-pg.ts):
 * - Presence: one row per operator with `state`, `takes_calls` and `call_id` (the call it rings
 *   for or talks on; wrap-up holds none, so a transferred caller can be claimed by someone else). The claim is one
 *   conditional UPDATE — `... SET call_id = $call WHERE takes_calls AND call_id IS NULL RETURNING` —
 *   so of two processes claiming the same operator exactly one gets the row back.
 * - Waiting callers: one row per caller (`waiting` → `offered` → deleted when answered or gone). A
 *   claim locks the caller's row `FOR UPDATE SKIP LOCKED` in the same transaction as the operator
 *   UPDATE: both change or neither does, so a caller is offered at most once at a time.
 * - A failed offer (no answer, busy) puts the row back to `waiting` with its old `seq`: the caller
 *   keeps its place. A caller that hangs up is deleted only while `waiting`; once `offered`, the
 *   process holding the offer cleans up. Offers whose process died are found by their age
 *   (`reclaimStale`) and go back to `waiting`, with the operator freed.
 * - An operator who frees up can take the best caller of all processes in one transaction
 *   (`claimNext`: its queues, its skills, priority then `seq`, `SKIP LOCKED` so two processes never
 *   wait on each other).
 *
 * Hand-over between processes (`ClusterCoordinator`, runtime/acd/cluster.ts): the presence row also
 * names the process that owns the operator (`node`: where their call and their state live; the
 * claim moves it to the process holding the caller's channel), their workplace (extension and dial
 * string) and a `version` raised by every change. Every change is published to all processes
 * (PostgreSQL: NOTIFY in the changing transaction): the others mirror the operator's state, and the
 * process named by a claim it did not make — another process's operator claimed its caller — rings
 * the operator and bridges. Each process holds a lease (`heartbeat`); the callers and operators of a
 * process whose lease ran out are recovered by the others (`recoverDeadNodes`).
 */

export interface WaitingRecord {
  tenant: string;
  callId: string;
  queue: string;
  priority: number;
  /** Required skills. */
  skills: string[];
  enqueuedAt: number;
  /** The process whose PBX connection holds the caller's channel. */
  node: string;
}

export interface ClaimedCaller extends WaitingRecord {
  operatorId: string;
}

export interface OperatorPresence {
  tenant: string;
  operatorId: string;
  state: string;
  takesCalls: boolean;
  skills: string[];
  queues: string[];
}

/** Where an operator sits while logged in: the extension and the dial string it gives. */
export interface Workplace {
  extension: string | null;
  endpoint: string | null;
}

/** An operator's presence row as every process sees it. */
export interface PresenceView extends OperatorPresence, Workplace {
  /** The call the operator holds (offered or talking); null when free. */
  callId: string | null;
  /** The process that owns the operator (holds their call, runs their state); null: none alive. */
  node: string | null;
  /** The process that made the current claim; not `node`: `node`'s caller was handed over to it. */
  claimedBy: string | null;
  /** Raised by every change: a process applies a view only if it is newer than the one it has. */
  version: number;
}

/** Why a claim was refused: the operator is not free, or the caller is not waiting (or is being claimed). */
export type ClaimOutcome = 'claimed' | 'operator-unavailable' | 'caller-unavailable';

export interface AcdCoordinator {
  /** Creates or updates an operator's presence (skills, queues, state); a held call is kept. */
  putOperator(presence: OperatorPresence): Promise<void>;
  /**
   * A state change that involves no call; false (and unchanged) while the operator holds one.
   * `workplace` (log-in, log-out) is stored with it when given.
   */
  setOperatorState(
    tenant: string,
    operatorId: string,
    state: string,
    takesCalls: boolean,
    workplace?: Workplace,
  ): Promise<boolean>;
  addCaller(record: WaitingRecord): Promise<void>;
  /** Removes a caller that is still waiting; false when it is offered (or unknown). */
  removeCaller(tenant: string, callId: string): Promise<boolean>;
  /**
   * The atomic claim: a free operator who takes calls and a waiting caller become "offered" to
   * each other — both or neither. `direct` claims the operator alone (a transfer to them). `node`
   * is the process holding the caller: it owns the operator from now on.
   */
  claim(
    tenant: string,
    operatorId: string,
    callId: string,
    node: string,
    direct?: boolean,
  ): Promise<ClaimOutcome>;
  /**
   * The best waiting caller this operator can take (its queues and skills, of every process),
   * claimed with it; the operator now belongs to the process holding that caller (`node` is the
   * process asking).
   */
  claimNext(tenant: string, operatorId: string, node: string): Promise<ClaimedCaller | null>;
  /**
   * The offer failed: in one step the operator holding `callId` is freed (to `state`) and the caller
   * waits again at its old place — never a waiting caller that an operator still holds. True when
   * an operator held the call.
   */
  requeue(tenant: string, callId: string, state: string, takesCalls: boolean): Promise<boolean>;
  /** The caller is done with waiting: answered, or gone while an operator rang. */
  dropCaller(tenant: string, callId: string): Promise<void>;
  /**
   * The operator no longer holds `callId` (the talk ended — wrap-up holds no call here — or the offer
   * was cancelled) and takes `state`. Does nothing when they already hold another call.
   */
  release(
    tenant: string,
    operatorId: string,
    callId: string,
    state: string,
    takesCalls: boolean,
    workplace?: Workplace,
  ): Promise<void>;
  /**
   * Offers made before `olderThan` (epoch ms) — their process died mid-offer — go back to waiting and
   * free their operator (to NotReady: nobody knows whether they are at the phone). One tenant or all.
   */
  reclaimStale(olderThan: number, tenant?: string): Promise<number>;
}

/** What a process asks of the process that owns an operator (the operator's own console request). */
export type OperatorRequest =
  | { action: 'state'; state: string; reason: string }
  | { action: 'log-in'; extension: string }
  | { action: 'log-out'; reason: string };

export interface OperatorRequestMessage {
  kind: 'request';
  /** The process that owns the operator. */
  to: string;
  tenant: string;
  operatorId: string;
  request: OperatorRequest;
  /** Times it was passed on (an operator moving between processes meanwhile); dropped after a few. */
  hops: number;
}

export type ClusterMessage =
  | { kind: 'presence'; presence: PresenceView }
  | OperatorRequestMessage
  /** Messages may have been missed (the channel was down): re-read the presence rows. */
  | { kind: 'resync' };

/** A process whose lease ran out, and what was recovered from it. */
export interface RecoveredNode {
  node: string;
  /** Its waiting callers (their channels were held by the dead process): removed from the line. */
  callers: Array<{ tenant: string; callId: string }>;
  /** Its operators: free ones left in their state with no owner, ones on its calls made NotReady. */
  operators: number;
}

/** A caller of `node` that another process's claim gave to an operator: `node` rings and bridges. */
export interface HandedOver {
  tenant: string;
  callId: string;
  operator: PresenceView;
}

/** The coordinator of several runtime processes (runtime/acd/cluster.ts uses it). */
export interface ClusterCoordinator extends AcdCoordinator {
  /**
   * Adds the operator's presence row if missing, else updates only skills and queues (another
   * process may own the operator); returns the row as it is now.
   */
  joinOperator(presence: OperatorPresence): Promise<PresenceView>;
  presence(tenant: string): Promise<PresenceView[]>;
  /**
   * Caller-side pull: the operator free longest (of any process) who takes calls, serves the
   * caller's queue and has its skills, claimed for the waiting caller; they now belong to `node`.
   */
  claimFor(tenant: string, callId: string, node: string): Promise<PresenceView | null>;
  /**
   * The operator's own request reached `node`: if they hold no call (and are not in its wrap-up),
   * `node` takes them over with the new state in one step (and gets the row as it was); otherwise
   * the process holding the call is named, to pass the request on to.
   */
  takeOperator(
    tenant: string,
    operatorId: string,
    node: string,
    next: { state: string; takesCalls: boolean } & Workplace,
  ): Promise<{ taken: true; before: PresenceView } | { taken: false; holder: string | null }>;
  /** Where a caller stands in the shared line; null: it has no row. */
  callerStatus(tenant: string, callId: string): Promise<'waiting' | 'offered' | null>;
  /** The hand-over safety net: callers of `node` offered by others' claims (a missed message). */
  handedOverTo(node: string): Promise<HandedOver[]>;
  /**
   * Renews `node`'s lease for `leaseMs`; false when it had run out and the others may have recovered
   * what `node` held (it must register its waiting callers again).
   */
  heartbeat(node: string, leaseMs: number): Promise<boolean>;
  /** Recovers processes whose lease ran out (each by one process only). */
  recoverDeadNodes(): Promise<RecoveredNode[]>;
  /** A process stopping: its lease and what it holds are recovered at once. */
  leave(node: string): Promise<RecoveredNode | null>;
  /** Every presence change and request, from every process (own ones included), in commit order. */
  subscribe(listener: (message: ClusterMessage) => void): Promise<() => Promise<void>>;
  send(message: OperatorRequestMessage): Promise<void>;
}
