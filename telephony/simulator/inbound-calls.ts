/**
 * Callers. A call placed through the control API is one PJSIP trunk channel that runs the inbound
 * context (`Stasis(callflow,${EXTEN})` in the sample dialplan), so it enters Stasis with the dialled
 * number as its only argument and the caller's number in its caller id.
 */
import { createChannel } from './channels.ts';
import { startDialplan } from './dialplan-runner.ts';
import { DTMF_TRANSIT_MS, receiveDtmf } from './dtmf.ts';
import { hangupChannel, remoteHangup } from './hangup.ts';
import type { SimChannel } from './model.ts';
import type { SimWorld } from './world.ts';

export interface PlaceCallOptions {
  /** Caller number (ANI); '' for a withheld number. */
  from: string;
  /** Dialled number (DNIS). */
  to: string;
  callerName?: string;
  /** Trunk endpoint name in the channel name (`PJSIP/<trunk>-0000000a`). */
  trunk?: string;
  context?: string;
  language?: string;
}

export function placeInboundCall(world: SimWorld, o: PlaceCallOptions): SimChannel {
  const trunk = o.trunk ?? 'pstn';
  const context = o.context ?? world.inboundContext;
  const ch = createChannel(world, {
    tech: 'PJSIP',
    name: `PJSIP/${trunk}-${world.ids.nameSuffix('PJSIP')}`,
    resource: trunk,
    state: 'Ring',
    dialplan: { context, exten: o.to, priority: 1, app_name: '', app_data: '' },
    hasPbx: true,
    caller: { name: o.callerName ?? '', number: o.from },
    language: o.language,
  });
  ch.callId = ch.id;
  world.note(ch, { kind: 'call-started', from: o.from, to: o.to });
  world.emitChannel(ch, 'ChannelCreated');
  if (!startDialplan(world, ch, context, o.to)) {
    hangupChannel(world, ch, { requestCause: 1, soft: false, cause: 1 });
  }
  return ch;
}

/** The caller presses keys: each digit arrives ~200 ms after its press, presses `gapMs` apart. */
export function callerPressKeys(world: SimWorld, ch: SimChannel, digits: string, gapMs = 250): void {
  [...digits].forEach((digit, i) => {
    world.clock.setTimer(DTMF_TRANSIT_MS + i * gapMs, () => receiveDtmf(world, ch, digit));
  });
}

export function callerHangup(world: SimWorld, ch: SimChannel): void {
  remoteHangup(world, ch, 16);
}
