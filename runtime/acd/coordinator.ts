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

export interface AcdCoordinator {
  /** Creates or updates an operator's presence (skills, queues, state); a held call is kept. */
  putOperator(presence: OperatorPresence): Promise<void>;
  /** A state change that involves no call; false (and unchanged) while the operator holds one. */
  setOperatorState(tenant: string, operatorId: string, state: string, takesCalls: boolean): Promise<boolean>;
  addCaller(record: WaitingRecord): Promise<void>;
  /** Removes a caller that is still waiting; false when it is offered (or unknown). */
  removeCaller(tenant: string, callId: string): Promise<boolean>;
  /**
   * The atomic claim: a free operator who takes calls and a waiting caller become "offered" to
   * each other — both or neither. `direct` claims the operator alone (a transfer to them).
   */
  claim(tenant: string, operatorId: string, callId: string, node: string, direct?: boolean): Promise<boolean>;
  /** The best waiting caller this operator can take (its queues and skills), claimed with it. */
  claimNext(tenant: string, operatorId: string, node: string): Promise<ClaimedCaller | null>;
  /**
   * The offer failed: in one step the operator holding `callId` is freed (to `state`) and the caller
   * waits again at its old place — never a waiting caller that an operator still holds.
   */
  requeue(tenant: string, callId: string, state: string, takesCalls: boolean): Promise<void>;
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
  ): Promise<void>;
  /**
   * Offers made before `olderThan` (epoch ms) — their process died mid-offer — go back to waiting and
   * free their operator (to NotReady: nobody knows whether they are at the phone). One tenant or all.
   */
  reclaimStale(olderThan: number, tenant?: string): Promise<number>;
}
