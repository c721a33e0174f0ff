/**
 * Operator phones. An endpoint (`PJSIP/1001`, or `Local/1001@operators` as the sample dialplan dials
 * it) has a behaviour: answer after a delay, answer when the control API says so, never answer (the
 * originate times out, cause 19), busy, congestion. Local endpoints replay the recorded contexts
 * (agent-answer, no-answer, busy, congestion of traces 12-14); PJSIP ones act on the dialer directly.
 */
import { type DialplanStep, step } from './dialplan.ts';
import { answerFromPhone } from './dialplan-runner.ts';
import { receiveDtmf } from './dtmf.ts';
import { remoteHangup } from './hangup.ts';
import type { SimChannel } from './model.ts';
import { dialAnswered, dialFailed, dialRinging, emitDial } from './originate.ts';
import type { SimWorld } from './world.ts';

export type OperatorBehaviour =
  | { type: 'answer-after'; delayMs: number }
  | { type: 'manual' }
  | { type: 'never' }
  | { type: 'busy' }
  | { type: 'congestion' };

/** A phone "rings" this long before it reports ringing back (PJSIP 180 Ringing). */
const RINGING_DELAY_MS = 20;
/** Talk time of an answered operator leg before the dialplan would end it: one day. */
const TALK_FOREVER = '86400';

export function isOperatorBehaviour(value: unknown): value is OperatorBehaviour {
  if (!value || typeof value !== 'object') return false;
  const v = value as { type?: unknown; delayMs?: unknown };
  if (v.type === 'answer-after') return typeof v.delayMs === 'number' && v.delayMs >= 0;
  return v.type === 'manual' || v.type === 'never' || v.type === 'busy' || v.type === 'congestion';
}

/** The `;2` half's dialplan for a Local operator endpoint. */
export function operatorProgram(b: OperatorBehaviour): DialplanStep[] {
  switch (b.type) {
    case 'answer-after':
      return [
        step('Ringing'),
        step('Wait', String(b.delayMs / 1000)),
        step('Answer'),
        step('Wait', TALK_FOREVER),
      ];
    case 'manual':
      return [step('Ringing'), step('WaitForAnswer')];
    case 'never':
      return [step('Ringing'), step('Wait', TALK_FOREVER)];
    case 'busy':
      return [step('Busy', '5')];
    case 'congestion':
      return [step('Congestion', '5')];
  }
}

/** Drives a PJSIP dialer by its phone's behaviour; an unknown endpoint is unavailable (cause 20). */
export function startPhone(world: SimWorld, x: SimChannel, b: OperatorBehaviour | undefined): void {
  const live = () => !!x.dial && !x.dial.finished && !x.hangingUp;
  if (!b) {
    world.defer(() => live() && dialFailed(world, x, 'CHANUNAVAIL', 20));
    return;
  }
  if (b.type === 'busy' || b.type === 'congestion') {
    world.clock.setTimer(RINGING_DELAY_MS, () => {
      if (live())
        dialFailed(world, x, b.type === 'busy' ? 'BUSY' : 'CONGESTION', b.type === 'busy' ? 17 : 34);
    });
    return;
  }
  world.clock.setTimer(RINGING_DELAY_MS, () => {
    if (!live()) return;
    dialRinging(world, x);
    emitDial(world, x, 'RINGING');
    if (b.type === 'answer-after') {
      world.clock.setTimer(Math.max(0, b.delayMs - RINGING_DELAY_MS), () => live() && dialAnswered(world, x));
    }
  });
}

/** Channels that belong to an operator endpoint or have that id: the dialer and, for Local, `;2`. */
function operatorLegs(world: SimWorld, endpointOrId: string): SimChannel[] {
  const direct = world.channels.get(endpointOrId);
  if (direct) return [direct];
  const legs: SimChannel[] = [];
  for (const ch of world.channels.values()) {
    if (ch.hangingUp || ch.destroyed) continue;
    const endpoint = ch.tech === 'PJSIP' ? `PJSIP/${ch.resource}` : `Local/${ch.resource}`;
    if (endpoint === endpointOrId && (ch.dial || ch.localPeer?.dial)) legs.push(ch);
  }
  return legs;
}

/** The phone picks up. Returns false when nothing of that endpoint is ringing. */
export function answerOperator(world: SimWorld, endpointOrId: string): boolean {
  for (const ch of operatorLegs(world, endpointOrId)) {
    if (ch.tech === 'PJSIP' && ch.dial && !ch.dial.finished) {
      dialAnswered(world, ch);
      return true;
    }
    const phoneSide = ch.dial ? ch.localPeer : ch;
    if (phoneSide?.run && phoneSide.localPeer?.dial && !phoneSide.localPeer.dial.finished) {
      if (answerFromPhone(phoneSide)) return true;
    }
  }
  return false;
}

/** The operator hangs up their phone (for Local, the `;2` phone side, like trace 14). */
export function hangupOperator(world: SimWorld, endpointOrId: string): boolean {
  const legs = operatorLegs(world, endpointOrId);
  for (const ch of legs) {
    const phoneSide = ch.tech === 'Local' && ch.dial ? (ch.localPeer ?? ch) : ch;
    remoteHangup(world, phoneSide, 16);
    return true;
  }
  return false;
}

/** The operator presses keys on their phone; for Local they cross `;2` into `;1`. */
export function operatorPressKeys(
  world: SimWorld,
  endpointOrId: string,
  digits: string,
  gapMs = 250,
): boolean {
  const leg = operatorLegs(world, endpointOrId)[0];
  if (!leg) return false;
  const phoneSide = leg.tech === 'Local' && leg.dial ? (leg.localPeer ?? leg) : leg;
  [...digits].forEach((digit, i) => {
    world.clock.setTimer(200 + i * gapMs, () => {
      receiveDtmf(world, phoneSide, digit);
      if (phoneSide.tech === 'Local' && phoneSide.localPeer) receiveDtmf(world, phoneSide.localPeer, digit);
    });
  });
  return true;
}

/** `answer-after:3000`, `manual`, `never`, `busy`, `congestion` (CLI flags), or null. */
export function parseOperatorBehaviour(text: string): OperatorBehaviour | null {
  const [type, arg] = text.split(':');
  if (type === 'answer-after') {
    const delayMs = Number(arg ?? '2000');
    return Number.isFinite(delayMs) && delayMs >= 0 ? { type, delayMs } : null;
  }
  const b = { type } as OperatorBehaviour;
  return arg === undefined && isOperatorBehaviour(b) ? b : null;
}
