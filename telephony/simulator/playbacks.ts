/**
 * Playbacks (traces 01, 02, 03, 06, 07, 11). `play` answers 201 `queued`; the playback runs when it
 * reaches the front of the channel's queue: PlaybackStarted, then for a media list PlaybackContinuing +
 * PlaybackStarted per item, then one PlaybackFinished (`done`; `failed` for a missing file or a
 * hang-up). A missing file inside a list is skipped; an unknown scheme starts and then vanishes.
 */
import { randomUUID } from 'node:crypto';
import { type PlaybackTarget, playbackSnapshot, type SimPlayback } from './model.ts';
import { conflict, notFound, serverError } from './sim-error.ts';
import type { SimWorld } from './world.ts';

export interface PlayParams {
  media: string[];
  lang?: string;
  offsetms?: number;
  playbackId?: string;
}

/** Queues a playback; returns it with the snapshot the 201 response carries (state `queued`). */
export function queuePlayback(
  world: SimWorld,
  target: PlaybackTarget,
  p: PlayParams,
): { playback: SimPlayback; snapshot: unknown } {
  if (p.media.length === 0) throw serverError('Failed to queue media for playback');
  if (p.playbackId && world.playbacks.has(p.playbackId)) {
    throw conflict(`Playback with id '${p.playbackId}' already exists`);
  }
  const defaultLang = target.kind === 'channel' ? target.channel.language : 'en';
  const lang = p.lang || defaultLang;
  const pb: SimPlayback = {
    id: p.playbackId || randomUUID(),
    items: p.media.map((uri) => world.media.resolve(uri, lang)),
    index: 0,
    target,
    language: lang,
    offsetMs: Math.max(0, Number(p.offsetms) || 0),
    state: 'queued',
    timer: null,
    onDone: null,
  };
  world.playbacks.set(pb.id, pb);
  const snapshot = playbackSnapshot(pb);
  const queue = target.kind === 'channel' ? target.channel.queue : target.bridge.queue;
  queue.enqueue({
    run: (done) => {
      if (world.playbacks.get(pb.id) !== pb) return done(); // stopped while queued
      pb.onDone = done;
      start(world, pb);
    },
    cancel: () => world.playbacks.delete(pb.id),
  });
  return { playback: pb, snapshot };
}

export function getPlayback(world: SimWorld, id: string): SimPlayback {
  const pb = world.playbacks.get(id);
  if (!pb) throw notFound('Playback not found');
  return pb;
}

/** `DELETE /playbacks/{id}`: a running playback finishes `done` (02); a queued one is dropped. */
export function stopPlayback(world: SimWorld, id: string): void {
  const pb = getPlayback(world, id);
  if (pb.state === 'queued') {
    world.playbacks.delete(pb.id);
    return;
  }
  finish(world, pb, 'done', 'stopped');
}

/** The channel hung up during the playback (06, 11). */
export function failPlayback(world: SimWorld, pb: SimPlayback): void {
  finish(world, pb, 'failed', 'failed');
}

/** `POST /playbacks/{id}/control`: restart replays the current item; pause/unpause hold its timer. */
export function controlPlayback(world: SimWorld, id: string, operation: string | undefined): void {
  const pb = getPlayback(world, id);
  if (!operation) throw serverError('Missing operation');
  if (pb.state !== 'playing') throw conflict('Playback not in a state that can be controlled');
  if (operation === 'restart') {
    world.clock.clearTimer(pb.timer);
    playItem(world, pb);
  } else if (operation === 'pause') {
    world.clock.clearTimer(pb.timer);
    pb.timer = null;
  } else if (operation === 'unpause' && !pb.timer) {
    playItem(world, pb);
  }
}

function emit(world: SimWorld, pb: SimPlayback, type: string): void {
  const apps =
    pb.target.kind === 'channel' ? world.channelApps(pb.target.channel) : world.bridgeApps(pb.target.bridge);
  if (apps.length > 0) world.bus.emit(apps, type, { playback: playbackSnapshot(pb) });
}

function listeners(pb: SimPlayback) {
  return pb.target.kind === 'channel' ? [pb.target.channel] : pb.target.bridge.channels;
}

function noteStarted(world: SimWorld, pb: SimPlayback): void {
  const item = pb.items[pb.index];
  for (const ch of listeners(pb)) {
    world.note(ch, { kind: 'playback-started', playbackId: pb.id, media: item.uri, text: item.text });
  }
}

function start(world: SimWorld, pb: SimPlayback): void {
  pb.state = 'playing';
  if (pb.target.kind === 'channel') pb.target.channel.playback = pb;
  else pb.target.bridge.playback = pb;
  emit(world, pb, 'PlaybackStarted');
  noteStarted(world, pb);
  playItem(world, pb);
}

function playItem(world: SimWorld, pb: SimPlayback): void {
  const item = pb.items[pb.index];
  if (item.outcome === 'vanish') {
    // Unknown URI scheme: started, never finished, gone (07).
    world.playbacks.delete(pb.id);
    release(pb);
    return;
  }
  if (item.outcome === 'missing') {
    if (pb.index + 1 < pb.items.length) advance(world, pb);
    else finish(world, pb, pb.index === 0 ? 'failed' : 'done', pb.index === 0 ? 'failed' : 'done');
    return;
  }
  if (item.durationMs === null) return; // tones play until stopped
  const offset = pb.index === 0 ? pb.offsetMs : 0;
  pb.timer = world.clock.setTimer(Math.max(0, item.durationMs - offset), () => {
    pb.timer = null;
    if (pb.index + 1 < pb.items.length) advance(world, pb);
    else finish(world, pb, 'done', 'done');
  });
}

function advance(world: SimWorld, pb: SimPlayback): void {
  pb.state = 'continuing';
  emit(world, pb, 'PlaybackContinuing');
  for (const ch of listeners(pb)) {
    world.note(ch, {
      kind: 'playback-finished',
      playbackId: pb.id,
      media: pb.items[pb.index].uri,
      state: 'done',
    });
  }
  pb.index++;
  pb.state = 'playing';
  emit(world, pb, 'PlaybackStarted');
  noteStarted(world, pb);
  playItem(world, pb);
}

function finish(
  world: SimWorld,
  pb: SimPlayback,
  state: 'done' | 'failed',
  heard: 'done' | 'failed' | 'stopped',
): void {
  world.clock.clearTimer(pb.timer);
  pb.timer = null;
  pb.state = state;
  world.playbacks.delete(pb.id);
  emit(world, pb, 'PlaybackFinished');
  for (const ch of listeners(pb)) {
    world.note(ch, {
      kind: 'playback-finished',
      playbackId: pb.id,
      media: pb.items[pb.index].uri,
      state: heard,
    });
  }
  release(pb);
}

function release(pb: SimPlayback): void {
  if (pb.target.kind === 'channel' && pb.target.channel.playback === pb) pb.target.channel.playback = null;
  if (pb.target.kind === 'bridge' && pb.target.bridge.playback === pb) pb.target.bridge.playback = null;
  const done = pb.onDone;
  pb.onDone = null;
  done?.();
}
