/**
 * `POST /channels` (originate) and the dial that follows: a Local pair whose `;2` half runs dialplan,
 * or a PJSIP operator phone driven by its behaviour (operators.ts). The `;1`/PJSIP channel is the
 * "dialer": it gets Ringing/Up state changes, Dial events, and enters Stasis when answered.
 */
import { createChannel, enterStasis, parseCallerId, setChannelState } from './channels.ts';
import { findExtension } from './dialplan.ts';
import { startDialplan } from './dialplan-runner.ts';
import { hangupChannel } from './hangup.ts';
import { channelSnapshot, type SimChannel } from './model.ts';
import { operatorProgram, startPhone } from './operators.ts';
import { AriError, badRequest, conflict } from './sim-error.ts';
import type { SimWorld } from './world.ts';

export interface OriginateParams {
  endpoint?: string;
  extension?: string;
  context?: string;
  priority?: number;
  app?: string;
  appArgs?: string;
  callerId?: string;
  /** Seconds; default 30; -1 waits forever. */
  timeout?: number;
  variables?: Record<string, string>;
  channelId?: string;
  otherChannelId?: string;
}

/** Margin Asterisk adds before giving up a timed-out dial (trace 12: 5.1 s for timeout=5). */
const DIAL_TIMEOUT_SLACK_MS = 130;

const allocationFailed = () => new AriError(500, 'Allocation failed', { error: 'Allocation failed' });

/** Validates and starts an originate; returns the dialer and its snapshot as the response shows it. */
export function originate(world: SimWorld, p: OriginateParams): { channel: SimChannel; snapshot: unknown } {
  if (!p.endpoint) throw badRequest('Endpoint must be specified');
  if (!p.app && !p.extension) throw badRequest('Application or extension must be specified');
  const slash = p.endpoint.indexOf('/');
  if (slash <= 0) throw badRequest('Invalid endpoint specified');
  for (const id of [p.channelId, p.otherChannelId]) {
    if (id && world.channels.has(id)) throw conflict(`Channel with id ${id} already exists`);
  }
  const tech = p.endpoint.slice(0, slash);
  const resource = p.endpoint.slice(slash + 1);
  const start =
    tech.toLowerCase() === 'local'
      ? originateLocal(world, resource, p)
      : tech.toUpperCase() === 'PJSIP'
        ? originatePjsip(world, resource, p)
        : null;
  if (!start) throw allocationFailed();
  start.announce();
  const snapshot = channelSnapshot(start.channel);
  start.begin();
  return { channel: start.channel, snapshot };
}

function dialState(p: OriginateParams, dialstring: string) {
  return {
    app: p.app ?? null,
    appArgs: p.app && p.appArgs !== undefined && p.appArgs !== '' ? p.appArgs.split(',') : [],
    continueAt: p.app
      ? null
      : {
          context: p.context || 'default',
          exten: p.extension ?? 's',
          priority: Number(p.priority ?? 1) || 1,
        },
    dialstring,
    timeoutTimer: null,
    answered: false,
    finished: false,
  };
}

function originateLocal(world: SimWorld, resource: string, p: OriginateParams) {
  const [target] = resource.split('/');
  const at = target.indexOf('@');
  const exten = at < 0 ? target : target.slice(0, at);
  const context = at < 0 ? 'default' : target.slice(at + 1);
  const endpoint = `Local/${exten}@${context}`;
  const behaviour = world.operators.get(endpoint);
  const steps = behaviour ? operatorProgram(behaviour) : findExtension(world.dialplan, context, exten);
  if (!steps) return null;

  const base = `Local/${exten}@${context}-${world.ids.nameSuffix('Local')}`;
  const dialplan = { context, exten, priority: 1, app_name: '', app_data: '' };
  const one = createChannel(world, {
    tech: 'Local',
    name: `${base};1`,
    resource: `${exten}@${context}`,
    id: p.channelId,
    state: 'Down',
    dialplan,
    hasPbx: false,
  });
  const two = createChannel(world, {
    tech: 'Local',
    name: `${base};2`,
    resource: `${exten}@${context}`,
    id: p.otherChannelId,
    state: 'Ring',
    dialplan,
    hasPbx: true,
  });
  one.localPeer = two;
  two.localPeer = one;
  one.dial = dialState(p, `${exten}@${context}`);
  if (behaviour) one.callId = two.callId = one.id;
  const plainVars = applyCallerAndVariables(one, p);
  for (const [k, v] of plainVars) two.vars.set(k, v);

  return {
    channel: one,
    announce: () => {
      announceCreated(world, [one, two]);
      startDialling(world, one);
    },
    begin: () => {
      if (p.app) one.originatedBy = two.originatedBy = p.app;
      for (const [k, v] of plainVars) world.emitVarset(two, k, v);
      // The `;2` half takes the caller id after the variables (08): its caller is `;1`'s connected line.
      two.caller = { ...one.connected };
      two.connected = { ...one.caller };
      if (p.callerId) {
        world.emitChannel(two, 'ChannelCallerId', callerPresentation);
        world.emitChannel(two, 'ChannelConnectedLine');
      }
      emitDial(world, one, '');
      armTimeout(world, one, p.timeout);
      if (behaviour) world.note(one, { kind: 'ringing', endpoint });
      startDialplan(world, two, context, exten, 1, steps);
    },
  };
}

function originatePjsip(world: SimWorld, resource: string, p: OriginateParams) {
  const endpoint = `PJSIP/${resource}`;
  const x = createChannel(world, {
    tech: 'PJSIP',
    name: `PJSIP/${resource}-${world.ids.nameSuffix('PJSIP')}`,
    resource,
    id: p.channelId,
    state: 'Down',
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
    hasPbx: false,
  });
  x.dial = dialState(p, resource);
  x.callId = x.id;
  applyCallerAndVariables(x, p);
  return {
    channel: x,
    announce: () => {
      announceCreated(world, [x]);
      startDialling(world, x);
    },
    begin: () => {
      if (p.app) x.originatedBy = p.app;
      emitDial(world, x, '');
      armTimeout(world, x, p.timeout);
      world.note(x, { kind: 'ringing', endpoint });
      startPhone(world, x, world.operators.get(endpoint));
    },
  };
}

export const callerPresentation = {
  caller_presentation: 0,
  caller_presentation_txt: 'Presentation Allowed, Not Screened',
};

/** `callerId` sets both ids of the dialer; `CALLERID(...)` variables change only the dialer (08). */
function applyCallerAndVariables(ch: SimChannel, p: OriginateParams): Array<[string, string]> {
  if (p.callerId) {
    const cid = parseCallerId(p.callerId);
    ch.caller = { ...cid };
    ch.connected = { ...cid };
  }
  const plain: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(p.variables ?? {})) {
    const fn = /^CALLERID\((name|num|number)\)$/i.exec(k);
    if (fn) {
      if (fn[1].toLowerCase() === 'name') ch.caller.name = String(v);
      else ch.caller.number = String(v);
    } else {
      ch.vars.set(k, String(v));
      plain.push([k, String(v)]);
    }
  }
  return plain;
}

/** The dialer runs the dial application; only subscribeAll apps see this (10). */
function startDialling(world: SimWorld, dialer: SimChannel): void {
  dialer.dialplan = { ...dialer.dialplan, app_name: 'AppDial2', app_data: '(Outgoing Line)' };
  world.emitChannel(dialer, 'ChannelDialplan', {
    dialplan_app: 'AppDial2',
    dialplan_app_data: '(Outgoing Line)',
  });
}

/** ChannelCreated only reaches subscribeAll apps: the originate subscription comes after it (10). */
function announceCreated(world: SimWorld, channels: SimChannel[]): void {
  for (const ch of channels) world.emitChannel(ch, 'ChannelCreated');
}

function armTimeout(world: SimWorld, dialer: SimChannel, timeout: number | undefined): void {
  const seconds = timeout === undefined || Number.isNaN(timeout) ? 30 : timeout;
  if (seconds <= 0 || !dialer.dial) return;
  dialer.dial.timeoutTimer = world.clock.setTimer(seconds * 1000 + DIAL_TIMEOUT_SLACK_MS, () => {
    if (dialer.dial && !dialer.dial.finished && !dialer.hangingUp) dialFailed(world, dialer, 'NOANSWER', 19);
  });
}

export function emitDial(world: SimWorld, dialer: SimChannel, status: string): void {
  world.bus.emit(world.channelApps(dialer), 'Dial', {
    dialstatus: status,
    forward: '',
    dialstring: dialer.dial?.dialstring ?? '',
    peer: channelSnapshot(dialer),
  });
}

export function dialRinging(world: SimWorld, dialer: SimChannel): void {
  setChannelState(world, dialer, 'Ringing');
}

/** The called side answered: Up, Dial ANSWER, then Stasis (app originate) or the dialplan. */
export function dialAnswered(world: SimWorld, dialer: SimChannel): void {
  const d = dialer.dial;
  if (!d || d.finished || dialer.hangingUp) return;
  d.answered = true;
  d.finished = true;
  world.clock.clearTimer(d.timeoutTimer);
  setChannelState(world, dialer, 'Up');
  emitDial(world, dialer, 'ANSWER');
  world.note(dialer, { kind: 'answered' });
  if (d.app) {
    if (!enterStasis(world, dialer, d.app, d.appArgs)) {
      hangupChannel(world, dialer, { requestCause: 16, soft: true, cause: 16 });
    }
    return;
  }
  const at = d.continueAt!;
  dialer.hasPbx = true;
  if (!startDialplan(world, dialer, at.context, at.exten, at.priority)) {
    hangupChannel(world, dialer, { requestCause: 16, soft: true, cause: 16, byPbx: true });
  }
}

/**
 * The dial failed. Ring-no-answer has no final Dial event (12); busy and congestion report the status,
 * then the dialer is dropped with cause 0 while the `;2` half keeps its own cause (13).
 */
export function dialFailed(world: SimWorld, dialer: SimChannel, status: string, cause: number): void {
  const d = dialer.dial;
  if (!d || d.finished) return;
  d.finished = true;
  world.clock.clearTimer(d.timeoutTimer);
  if (status !== 'NOANSWER') emitDial(world, dialer, status);
  hangupChannel(world, dialer, { requestCause: null, soft: false, cause });
}
