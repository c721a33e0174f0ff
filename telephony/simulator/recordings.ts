/**
 * Recordings (trace 05). `record` queues on the channel like a playback; RecordingStarted comes before
 * the 201. It ends by `terminateOn` right after the DTMF (duration 0 in the trace), by
 * maxDurationSeconds (duration = the limit), by `stop`, or by hang-up; then it is stored. The same
 * name again gives 409 unless `ifExists` allows it.
 */
import { type PlaybackTarget, playbackTargetUri, recordingSnapshot, type SimRecording } from './model.ts';
import { badRequest, conflict, notFound } from './sim-error.ts';
import type { SimWorld } from './world.ts';

export interface RecordParams {
  name?: string;
  format?: string;
  maxDurationSeconds?: number;
  maxSilenceSeconds?: number;
  ifExists?: string;
  beep?: boolean;
  terminateOn?: string;
}

/** Time before audio is captured: the beep and its silence (trace 05 ends a 3 s limit ~4.2 s in). */
const BEEP_SETUP_MS = 630;
const NO_BEEP_SETUP_MS = 50;

export function startRecording(world: SimWorld, target: PlaybackTarget, p: RecordParams): SimRecording {
  if (!p.name) throw badRequest('Recording name is required');
  if (!p.format) throw badRequest('Recording format is required');
  const ifExists = p.ifExists ?? 'fail';
  if (!['fail', 'overwrite', 'append'].includes(ifExists))
    throw badRequest(`Invalid ifExists value '${ifExists}'`);
  const terminateOn = p.terminateOn ?? 'none';
  if (!/^(none|any|[0-9*#]+)$/.test(terminateOn))
    throw badRequest(`Invalid terminateOn value '${terminateOn}'`);
  if (world.liveRecordings.has(p.name) || (world.storedRecordings.has(p.name) && ifExists === 'fail')) {
    throw conflict(`Recording '${p.name}' already exists and can not be overwritten`);
  }
  const rec: SimRecording = {
    name: p.name,
    format: p.format,
    state: 'queued',
    targetUri: playbackTargetUri(target),
    target,
    maxDurationMs: Math.max(0, Number(p.maxDurationSeconds) || 0) * 1000,
    terminateOn,
    beep: p.beep === true,
    startedAt: 0,
    timer: null,
    durationSec: null,
    onDone: null,
  };
  world.liveRecordings.set(rec.name, rec);
  const begin = () => {
    rec.state = 'recording';
    rec.startedAt = world.clock.now();
    if (target.kind === 'channel') target.channel.recording = rec;
    else target.bridge.recording = rec;
    emit(world, rec, 'RecordingStarted');
    for (const ch of listeners(rec)) world.note(ch, { kind: 'recording-started', name: rec.name });
    if (rec.maxDurationMs > 0) {
      rec.timer = world.clock.setTimer(setupMs(rec) + rec.maxDurationMs, () =>
        finishRecording(world, rec, 'done', 'limit'),
      );
    }
  };
  if (target.kind === 'bridge') begin();
  else
    target.channel.queue.enqueue({
      run: (done) => {
        rec.onDone = done;
        begin();
      },
      cancel: () => world.liveRecordings.delete(rec.name),
    });
  return rec;
}

export function getLiveRecording(world: SimWorld, name: string): SimRecording {
  const rec = world.liveRecordings.get(name);
  if (!rec) throw notFound('Recording not found');
  return rec;
}

export function recordingDtmf(world: SimWorld, rec: SimRecording, digit: string): void {
  if (rec.state !== 'recording' && rec.state !== 'paused') return;
  if (rec.terminateOn === 'any' || (rec.terminateOn !== 'none' && rec.terminateOn.includes(digit))) {
    finishRecording(world, rec, 'done', 'dtmf');
  }
}

export function finishRecording(
  world: SimWorld,
  rec: SimRecording,
  state: 'done' | 'failed' | 'canceled',
  why: 'dtmf' | 'limit' | 'stop' | 'hangup' | 'cancel',
): void {
  if (rec.state === 'done' || rec.state === 'failed' || rec.state === 'canceled') return;
  world.clock.clearTimer(rec.timer);
  rec.timer = null;
  const started = rec.state !== 'queued';
  const capturedMs = started ? Math.max(0, world.clock.now() - rec.startedAt - setupMs(rec)) : 0;
  const capped = rec.maxDurationMs > 0 ? Math.min(capturedMs, rec.maxDurationMs) : capturedMs;
  rec.state = state;
  rec.durationSec =
    state === 'canceled' ? null : why === 'limit' ? rec.maxDurationMs / 1000 : Math.floor(capped / 1000);
  world.liveRecordings.delete(rec.name);
  if (rec.target.kind === 'channel' && rec.target.channel.recording === rec)
    rec.target.channel.recording = null;
  if (rec.target.kind === 'bridge' && rec.target.bridge.recording === rec) rec.target.bridge.recording = null;
  if (state !== 'canceled' && started) {
    world.storedRecordings.set(rec.name, { name: rec.name, format: rec.format, durationMs: capped });
  }
  if (started) {
    emit(world, rec, state === 'failed' ? 'RecordingFailed' : 'RecordingFinished');
    for (const ch of listeners(rec)) {
      world.note(ch, { kind: 'recording-finished', name: rec.name, durationSec: rec.durationSec });
    }
  }
  const done = rec.onDone;
  rec.onDone = null;
  done?.();
}

function setupMs(rec: SimRecording): number {
  return rec.beep ? BEEP_SETUP_MS : NO_BEEP_SETUP_MS;
}

function listeners(rec: SimRecording) {
  return rec.target.kind === 'channel' ? [rec.target.channel] : rec.target.bridge.channels;
}

function emit(world: SimWorld, rec: SimRecording, type: string): void {
  const apps =
    rec.target.kind === 'channel'
      ? world.channelApps(rec.target.channel)
      : world.bridgeApps(rec.target.bridge);
  if (apps.length > 0) world.bus.emit(apps, type, { recording: recordingSnapshot(rec) });
}
