/**
 * A simulated call as the studio shows it, folded from the server's events (live over the WebSocket
 * and from GET /sim/calls/:id, which may repeat each other: events are deduplicated by content).
 * Pure: events in, state out.
 */

import type { SimEvent, SimStatus } from '../api/types.ts';
import type { PathStep } from '../graph/flow-path.ts';
import type { AskTarget } from './ask-targets.ts';

export interface AudioRef {
  id: string;
  url: string;
}

export type TranscriptEntry =
  | { kind: 'prompt'; text: string; audio: AudioRef[]; line: number | null }
  | { kind: 'keys'; keys: string; result: string; line: number | null }
  | { kind: 'pressed'; digits: string }
  | { kind: 'data'; label: string; ok: boolean; error: string | null }
  | { kind: 'error'; message: string; line: number | null }
  | { kind: 'end'; outcome: string };

export interface QueueEntry {
  queue: string;
  event: string;
  position: number | null;
  ewtMinutes: number | null;
  operator: string | null;
  outcome: string | null;
}

export interface CallState {
  id: string | null;
  status: SimStatus | 'idle';
  /** Runs on the editor's text rather than the deployed version. */
  draft: boolean;
  /** The flow's clock at the start, when the call was placed at another time of day. */
  clockAt: number | null;
  flowName: string | null;
  version: number | null;
  transcript: TranscriptEntry[];
  queue: QueueEntry[];
  /** The DSL lines the call ran, in order, for the graph's path. */
  steps: PathStep[];
  currentLine: number | null;
  /** Variables as the runtime last reported them, secrets already masked by the server. */
  vars: Record<string, unknown> | null;
  waitingFor: string | null;
  outcome: string | null;
  /** Keys of events already folded (to drop repeats). */
  seen: Set<string>;
}

export const IDLE_CALL: CallState = {
  id: null,
  status: 'idle',
  draft: false,
  clockAt: null,
  flowName: null,
  version: null,
  transcript: [],
  queue: [],
  steps: [],
  currentLine: null,
  vars: null,
  waitingFor: null,
  outcome: null,
  seen: new Set(),
};

export function startedCall(
  id: string,
  status: SimStatus,
  how: { draft?: boolean; clockAt?: number | null } = {},
): CallState {
  return {
    ...IDLE_CALL,
    id,
    status,
    draft: how.draft ?? false,
    clockAt: how.clockAt ?? null,
    seen: new Set(),
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function applyEvents(state: CallState, events: readonly SimEvent[]): CallState {
  let next = state;
  for (const event of events) next = applyEvent(next, event);
  return next;
}

export function applyEvent(state: CallState, event: SimEvent): CallState {
  const key = JSON.stringify(event);
  if (state.seen.has(key)) return state;
  const s: CallState = { ...state, seen: new Set(state.seen).add(key) };
  switch (event.type) {
    case 'scheduled':
      return { ...s, status: advance(s.status, 'scheduled') };
    case 'placed':
      return { ...s, status: advance(s.status, 'ringing') };
    case 'call-started':
      return {
        ...s,
        status: advance(s.status, 'in-progress'),
        flowName: str(event.flowName) ?? str(event.flow),
        version: num(event.version),
      };
    case 'step': {
      const line = num(event.line);
      const vars =
        event.vars && typeof event.vars === 'object' ? (event.vars as Record<string, unknown>) : s.vars;
      if (line === null) return { ...s, vars };
      return {
        ...s,
        vars,
        waitingFor: null,
        currentLine: line,
        steps: [...s.steps, { line, command: str(event.command) ?? '' }],
      };
    }
    case 'prompt':
      return push(s, {
        kind: 'prompt',
        text: str(event.text) ?? '',
        audio: Array.isArray(event.audio) ? (event.audio as AudioRef[]) : [],
        line: s.currentLine,
      });
    case 'waiting':
      return { ...s, waitingFor: str(event.for) };
    case 'keys':
      return push(
        { ...s, waitingFor: null },
        { kind: 'keys', keys: str(event.keys) ?? '', result: str(event.result) ?? '', line: s.currentLine },
      );
    case 'pressed':
      return push(s, { kind: 'pressed', digits: str(event.digits) ?? '' });
    case 'data':
      return push(s, {
        kind: 'data',
        label: `${str(event.source) ?? '?'}.${str(event.operation) ?? '?'}`,
        ok: event.ok === true,
        error: str(event.error),
      });
    case 'queue':
      return {
        ...s,
        queue: [
          ...s.queue,
          {
            queue: str(event.queue) ?? '',
            event: str(event.event) ?? '',
            position: num(event.position),
            ewtMinutes: num(event.ewtMinutes),
            operator: str(event.operator),
            outcome: str(event.outcome),
          },
        ],
      };
    case 'error':
      return push(s, { kind: 'error', message: str(event.message) ?? '', line: num(event.line) });
    case 'end': {
      const outcome = str(event.outcome) ?? 'ended';
      return push({ ...s, status: 'ended', outcome, waitingFor: null }, { kind: 'end', outcome });
    }
    default:
      return s;
  }
}

const STATUS_ORDER: CallState['status'][] = ['idle', 'scheduled', 'ringing', 'in-progress', 'ended'];

/** Events may arrive out of order (socket vs GET): a call's status only ever moves forward. */
function advance(current: CallState['status'], next: CallState['status']): CallState['status'] {
  return STATUS_ORDER.indexOf(next) > STATUS_ORDER.indexOf(current) ? next : current;
}

function push(state: CallState, entry: TranscriptEntry): CallState {
  return { ...state, transcript: [...state.transcript, entry] };
}

/**
 * The variables to show: the runtime's (on the steps of simulated calls, secrets masked by the
 * server) once they came; until then what the caller typed into each `ask`.
 */
export function shownVariables(call: CallState, asks: readonly AskTarget[]): Record<string, unknown> {
  return call.vars ?? typedVariables(call, asks);
}

/**
 * What the caller typed into each `ask`, by variable name (the terminator key dropped, secrets as
 * '••••'), for as long as the runtime does not report variables itself.
 */
export function typedVariables(call: CallState, asks: readonly AskTarget[]): Record<string, string> {
  const byLine = new Map(asks.map((a) => [a.line, a]));
  const vars: Record<string, string> = {};
  for (const entry of call.transcript) {
    if (entry.kind !== 'keys' || entry.result !== 'digits' || entry.line === null) continue;
    const ask = byLine.get(entry.line);
    if (!ask) continue;
    const value =
      ask.terminator && entry.keys.endsWith(ask.terminator)
        ? entry.keys.slice(0, -ask.terminator.length)
        : entry.keys;
    vars[ask.name] = ask.secret ? '••••' : value;
  }
  return vars;
}
