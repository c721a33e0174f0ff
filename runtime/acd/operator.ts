/**
 * An operator (agent) as the routing core holds one: who they are, what they can do (skills with
 * levels, queues with an order and a level), where they sit now (the extension chosen at log-in and
 * the endpoint it dials), their state, and the counters the strategies compare.
 *
 * Seed 000: «Один оператор может работать на разных рабочих местах, а на одном рабочем месте могут
 * по очереди работать разные операторы» — so the extension belongs to the log-in, not the person.
 */

export interface Membership {
  queue: string;
  /** Position in the queue's member list: `ordered` rings low orders first, `round-robin` walks it. */
  order: number;
  /** Proficiency in this queue (1 = default); `skills-weighted` uses it when a call asks no skill. */
  level: number;
}

export interface OperatorConfig {
  id: string;
  name?: string;
  /** Skill → level (1..10); a skill the operator lacks is absent (or 0). */
  skills?: Record<string, number>;
  queues: Array<string | { queue: string; order?: number; level?: number }>;
}

export interface AcdOperator {
  readonly id: string;
  name: string;
  skills: Map<string, number>;
  memberships: Map<string, Membership>;
  state: string;
  stateSince: number;
  reason: string | null;
  /** Set while logged in. */
  extension: string | null;
  endpoint: string | null;
  /** The call the operator is offered or talking on (Busy), or wrapping up (WrapUp). */
  callId: string | null;
  /** The queue that call came from (its wrap-up time applies). */
  callQueue: string | null;
  /** When the current call was answered. */
  answeredAt: number | null;
  /** A state asked for during a call: taken when the wrap-up ends instead of Ready. */
  pending: { state: string; reason: string | null } | null;
  /** Since when the operator can take calls (longest-idle); only meaningful while available. */
  availableSince: number;
  loggedInAt: number | null;
  /** Calls answered and talk time since log-in (fewest-calls, least-talk-time). */
  callsTaken: number;
  talkTimeMs: number;
  /**
   * Another runtime process owns the operator (cluster.ts): this one mirrors their state and
   * workplace for display and estimates, never offers them a call, and writes none of their changes.
   */
  remote: boolean;
  /** The version of the shared presence row last applied (coordinator.ts). */
  version: number;
}

export function newOperator(config: OperatorConfig, now: number): AcdOperator {
  const op: AcdOperator = {
    id: config.id,
    name: config.name ?? config.id,
    skills: new Map(),
    memberships: new Map(),
    state: 'LoggedOut',
    stateSince: now,
    reason: null,
    extension: null,
    endpoint: null,
    callId: null,
    callQueue: null,
    answeredAt: null,
    pending: null,
    availableSince: now,
    loggedInAt: null,
    callsTaken: 0,
    talkTimeMs: 0,
    remote: false,
    version: 0,
  };
  return op;
}

/** True when the operator has every skill at level ≥ 1. */
export function hasSkills(op: AcdOperator, skills: readonly string[]): boolean {
  for (const skill of skills) if ((op.skills.get(skill) ?? 0) < 1) return false;
  return true;
}

const DIALABLE = /^[0-9A-Za-z+*#._-]{1,40}$/;

/**
 * The endpoint an extension dials through a tenant's template (`PJSIP/{ext}`, `Local/{ext}@operators`).
 * Null when the extension has characters that have no business in a dial string.
 */
export function operatorEndpoint(template: string, extension: string): string | null {
  const ext = extension.trim();
  if (!DIALABLE.test(ext)) return null;
  return template.includes('{ext}') ? template.replaceAll('{ext}', ext) : `${template}/${ext}`;
}
