/**
 * Channel lifecycle in the simulator: creation, state changes, answer, entering and leaving Stasis.
 * Hang-up sequences are in hangup.ts, dialling in originate.ts.
 */
import { CommandQueue } from './command-queue.ts';
import type { ChannelState, DialplanLocation, SimChannel } from './model.ts';
import { dialAnswered } from './originate.ts';
import { conflict, notFound } from './sim-error.ts';
import type { SimWorld } from './world.ts';

export interface NewChannelSpec {
  tech: SimChannel['tech'];
  name: string;
  resource: string;
  id?: string | null;
  state: ChannelState;
  dialplan: DialplanLocation;
  hasPbx: boolean;
  caller?: { name: string; number: string };
  callId?: string | null;
  language?: string;
}

export function createChannel(world: SimWorld, spec: NewChannelSpec): SimChannel {
  const ch: SimChannel = {
    id: spec.id || world.ids.channelId(),
    name: spec.name,
    state: spec.state,
    caller: { ...(spec.caller ?? { name: '', number: '' }) },
    connected: { name: '', number: '' },
    pendingCaller: null,
    dialplan: { ...spec.dialplan },
    creationtime: world.timestamp(),
    language: spec.language ?? 'en',
    tech: spec.tech,
    resource: spec.resource,
    localPeer: null,
    hasPbx: spec.hasPbx,
    originatedBy: null,
    stasisApp: null,
    stasisArgs: [],
    vars: new Map(),
    bridge: null,
    queue: new CommandQueue(),
    playback: null,
    recording: null,
    mohClass: null,
    hangupCause: null,
    hangingUp: false,
    destroyed: false,
    run: null,
    dial: null,
    callId: spec.callId ?? null,
    spyOf: null,
  };
  world.channels.set(ch.id, ch);
  return ch;
}

/** `GET/POST /channels/{id}...`: 404 "Channel not found" for unknown or hung-up channels. */
export function getChannel(world: SimWorld, id: string): SimChannel {
  const ch = world.channels.get(id);
  if (!ch || ch.destroyed || ch.hangingUp) throw notFound('Channel not found');
  return ch;
}

/** Channel operations need the channel in a Stasis app: 409 otherwise (07, 09). */
export function getStasisChannel(world: SimWorld, id: string): SimChannel {
  const ch = getChannel(world, id);
  if (!ch.stasisApp) throw conflict('Channel not in Stasis application');
  return ch;
}

export function setChannelState(world: SimWorld, ch: SimChannel, state: ChannelState): void {
  if (ch.state === state) return;
  ch.state = state;
  world.emitChannel(ch, 'ChannelStateChange');
}

/**
 * Answers a channel. Answering the `;2` half of a Local pair answers the dial of its `;1` half, which
 * then enters Stasis (trace 01: StateChange ;2, StateChange ;1, Dial ANSWER, Varset, StasisStart ;1).
 */
export function answerChannel(world: SimWorld, ch: SimChannel): void {
  if (ch.state === 'Up' || ch.hangingUp) return;
  setChannelState(world, ch, 'Up');
  world.note(ch, { kind: 'answered' });
  const peer = ch.localPeer;
  if (peer?.dial && !peer.dial.answered && !peer.hangingUp) dialAnswered(world, peer);
}

/**
 * Puts a channel into a Stasis app: ChannelVarset STASISSTATUS="" (to apps already subscribed), then
 * StasisStart. Returns false when the app is not registered (Asterisk then sets STASISSTATUS=FAILED).
 */
export function enterStasis(world: SimWorld, ch: SimChannel, app: string, args: string[]): boolean {
  if (!world.bus.isRegistered(app)) {
    ch.vars.set('STASISSTATUS', 'FAILED');
    world.emitVarset(ch, 'STASISSTATUS', 'FAILED');
    return false;
  }
  ch.dialplan = { ...ch.dialplan, app_name: 'Stasis', app_data: [app, ...args].join(',') };
  ch.vars.set('STASISSTATUS', '');
  world.emitVarset(ch, 'STASISSTATUS', '');
  ch.stasisApp = app;
  ch.stasisArgs = args;
  world.emitChannel(ch, 'StasisStart', { args });
  return true;
}

/**
 * StasisEnd, then STASISSTATUS=SUCCESS. A channel that came in through the dialplan only is unsubscribed
 * at StasisEnd, so its app never sees the Varset (trace 07); an originated one stays subscribed.
 */
export function leaveStasis(world: SimWorld, ch: SimChannel): void {
  if (!ch.stasisApp) return;
  world.emitChannel(ch, 'StasisEnd');
  ch.stasisApp = null;
  ch.stasisArgs = [];
  ch.vars.set('STASISSTATUS', 'SUCCESS');
  world.emitVarset(ch, 'STASISSTATUS', 'SUCCESS');
}

/** Parses `"Alice Example" <5551234>`, `Queue <1004>` or a bare number. */
export function parseCallerId(text: string): { name: string; number: string } {
  const m = /^\s*(?:"([^"]*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(text);
  if (m) return { name: (m[1] ?? m[2] ?? '').trim(), number: m[3].trim() };
  return { name: '', number: text.trim() };
}
