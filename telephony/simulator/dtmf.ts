/**
 * DTMF. A channel *sends* DTMF to its far end (REST `POST /channels/{id}/dtmf`, or a bridge passing a
 * digit on); a channel *receives* DTMF from its far end (a caller's phone, the other Local half) and
 * raises ChannelDtmfReceived. Recorded: the digit arrives ~200 ms after the send reaches the front of
 * the channel's queue, on the other Local half only, and crosses a mixing bridge to the other side
 * in the same millisecond (14).
 */
import type { SimChannel } from './model.ts';
import { recordingDtmf } from './recordings.ts';
import type { SimWorld } from './world.ts';

export const DTMF_TRANSIT_MS = 200;
const DTMF_DURATION_MS = 100;

export interface DtmfTiming {
  before?: number;
  between?: number;
  duration?: number;
}

/** Sends digits out of `ch`; resolves `done` once the last one has gone. */
export function sendDtmf(
  world: SimWorld,
  ch: SimChannel,
  digits: string,
  t: DtmfTiming,
  done: () => void,
): void {
  const duration = t.duration && t.duration > 0 ? t.duration : DTMF_DURATION_MS;
  const between = t.between && t.between > 0 ? t.between : 100;
  const before = t.before && t.before > 0 ? t.before : 0;
  const list = [...digits].filter((d) => /[0-9A-Da-d*#]/.test(d));
  list.forEach((digit, i) => {
    world.clock.setTimer(before + DTMF_TRANSIT_MS + i * (duration + between), () =>
      deliverOut(world, ch, digit, 0),
    );
  });
  world.clock.setTimer(before + list.length * (duration + between), done);
}

/** `ch` passes a digit to its far end: the other Local half receives it; a phone gets no event. */
function deliverOut(world: SimWorld, ch: SimChannel, digit: string, hops: number): void {
  if (ch.destroyed || ch.hangingUp) return;
  if (ch.tech === 'Local' && ch.localPeer) receiveDtmf(world, ch.localPeer, digit, hops + 1);
}

export function receiveDtmf(world: SimWorld, ch: SimChannel, digit: string, hops = 0): void {
  if (ch.destroyed || ch.hangingUp) return;
  const bridge = ch.bridge;
  // In a mixing bridge without `dtmf_events` the digit is passed through but raises no event.
  const silent = bridge?.bridgeType === 'mixing' && !bridge.dtmfEvents;
  if (!silent) world.emitChannel(ch, 'ChannelDtmfReceived', { digit, duration_ms: DTMF_DURATION_MS });
  world.note(ch, { kind: 'dtmf', digit });
  if (ch.recording) recordingDtmf(world, ch.recording, digit);
  if (bridge?.bridgeType === 'mixing' && hops < 4) {
    for (const other of bridge.channels) if (other !== ch) deliverOut(world, other, digit, hops + 1);
  }
}
