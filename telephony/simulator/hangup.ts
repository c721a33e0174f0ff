/**
 * Hang-up sequences, modelled on the recorded ones (asterisk-ari README, "Hang-up order"):
 * the channel asked to hang up tears down its app state (bridge, playback, Stasis), a channel running
 * dialplan then sees the hang-up (soft request, cause 16), a Local channel passes the hang-up to its
 * other half, then both are destroyed. One function produces every recorded order: DELETE of `;1`
 * or `;2`, ring-no-answer (cause 19), busy/congestion, the operator's phone side hanging up.
 */
import { causeText } from './ari-format.ts';
import { leaveBridge } from './bridges.ts';
import { leaveStasis } from './channels.ts';
import { stopDialplan } from './dialplan-runner.ts';
import type { SimChannel } from './model.ts';
import { emitDial } from './originate.ts';
import { failPlayback } from './playbacks.ts';
import { finishRecording } from './recordings.ts';
import type { SimWorld } from './world.ts';

export interface HangupOptions {
  /** Cause in this channel's ChannelHangupRequest; null when the dial core drops it silently. */
  requestCause: number | null;
  soft: boolean;
  /** Cause the channel ends with (ChannelDestroyed.cause), unless one was set before (Busy()). */
  cause: number;
  /** The channel's own dialplan hung up (Hangup()): no second request from the PBX thread. */
  byPbx?: boolean;
}

/** `DELETE /channels/{id}`: a soft request with cause 32 (explicit), ending with the reason's cause. */
export function appHangup(world: SimWorld, ch: SimChannel, cause: number): void {
  hangupChannel(world, ch, { requestCause: 32, soft: true, cause });
}

/** The far end (a caller's phone, an operator's phone) hung up. */
export function remoteHangup(world: SimWorld, ch: SimChannel, cause = 16): void {
  hangupChannel(world, ch, { requestCause: cause, soft: false, cause });
}

export function hangupChannel(world: SimWorld, x: SimChannel, o: HangupOptions): void {
  if (x.hangingUp || x.destroyed) return;
  x.hangingUp = true;
  if (x.hangupCause === null) x.hangupCause = o.cause;
  if (o.requestCause !== null) world.emitHangupRequest(x, o.requestCause, o.soft);
  if (x.dial && !x.dial.finished) {
    // The app hung up a channel that was still ringing: the originate's dial ends NOANSWER (12, 10).
    x.dial.finished = true;
    world.clock.clearTimer(x.dial.timeoutTimer);
    emitDial(world, x, 'NOANSWER');
  }
  teardownApp(world, x);
  if (x.hasPbx && !o.byPbx) world.emitHangupRequest(x, 16, true);
  stopDialplan(x);

  const y = x.localPeer && !x.localPeer.hangingUp && !x.localPeer.destroyed ? x.localPeer : null;
  const passed = x.hangupCause;
  if (y) {
    y.hangingUp = true;
    if (y.hangupCause === null) y.hangupCause = passed;
    world.emitHangupRequest(y, passed, false);
    if (y.dial && !y.dial.finished) {
      y.dial.finished = true;
      world.clock.clearTimer(y.dial.timeoutTimer);
    }
  }
  destroyChannel(world, x);
  if (y) {
    teardownApp(world, y);
    if (y.hasPbx) world.emitHangupRequest(y, 16, true);
    stopDialplan(y);
    destroyChannel(world, y);
  }
}

/** What a hang-up undoes in the app's world, in the recorded order: bridge, playback, Stasis. */
function teardownApp(world: SimWorld, ch: SimChannel): void {
  for (const snoop of world.channels.values()) {
    if (snoop.spyOf === ch.id) hangupChannel(world, snoop, { requestCause: 16, soft: false, cause: 16 });
  }
  if (ch.bridge) leaveBridge(world, ch);
  ch.queue.cancelPending();
  if (ch.recording) finishRecording(world, ch.recording, 'done', 'hangup');
  if (ch.playback) failPlayback(world, ch.playback);
  leaveStasis(world, ch);
  ch.mohClass = null;
}

function destroyChannel(world: SimWorld, ch: SimChannel): void {
  ch.destroyed = true;
  if (ch.pendingCaller) ch.caller = ch.pendingCaller; // the deferred connected-line update lands last (04, 14)
  ch.dialplan = ch.dial
    ? { ...ch.dialplan, app_name: 'AppDial2', app_data: '(Outgoing Line)' }
    : { ...ch.dialplan, app_name: '', app_data: '' };
  const cause = ch.hangupCause ?? 16;
  world.emitChannel(ch, 'ChannelDestroyed', { cause, cause_txt: causeText(cause) });
  world.channels.delete(ch.id);
  world.note(ch, { kind: 'hangup', cause, causeText: causeText(cause) });
}
