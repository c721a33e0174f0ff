/** `/ari/playbacks...` and `/ari/recordings...` routes. */
import { playbackSnapshot, recordingSnapshot } from '../model.ts';
import { controlPlayback, getPlayback, stopPlayback } from '../playbacks.ts';
import { finishRecording, getLiveRecording } from '../recordings.ts';
import { badRequest, conflict, notFound } from '../sim-error.ts';
import type { SimWorld } from '../world.ts';
import { noContent, ok, param, type Router } from './router.ts';

export function mediaRoutes(router: Router, world: SimWorld): void {
  const stored = (name: string) => {
    const rec = world.storedRecordings.get(name);
    if (!rec) throw notFound('Recording not found');
    return rec;
  };
  const storedSnapshot = (r: { name: string; format: string }) => ({ name: r.name, format: r.format });
  router
    .add('GET', '/playbacks/{playbackId}', (req) =>
      ok(playbackSnapshot(getPlayback(world, req.params.playbackId))),
    )
    .add('DELETE', '/playbacks/{playbackId}', (req) => {
      stopPlayback(world, req.params.playbackId);
      return noContent();
    })
    .add('POST', '/playbacks/{playbackId}/control', (req) => {
      controlPlayback(world, req.params.playbackId, param(req, 'operation'));
      return noContent();
    })
    .add('GET', '/recordings/stored', () => ok([...world.storedRecordings.values()].map(storedSnapshot)))
    .add('GET', '/recordings/stored/{recordingName}', (req) =>
      ok(storedSnapshot(stored(req.params.recordingName))),
    )
    .add('DELETE', '/recordings/stored/{recordingName}', (req) => {
      world.storedRecordings.delete(stored(req.params.recordingName).name);
      return noContent();
    })
    .add('POST', '/recordings/stored/{recordingName}/copy', (req) => {
      const source = stored(req.params.recordingName);
      const destination = param(req, 'destinationRecordingName');
      if (!destination) throw badRequest('Destination recording name is required');
      if (world.storedRecordings.has(destination))
        throw conflict('A recording with the same name already exists on the system');
      const copy = { ...source, name: destination };
      world.storedRecordings.set(destination, copy);
      return ok(storedSnapshot(copy));
    })
    .add('GET', '/recordings/live/{recordingName}', (req) =>
      ok(recordingSnapshot(getLiveRecording(world, req.params.recordingName))),
    )
    .add('DELETE', '/recordings/live/{recordingName}', (req) => {
      finishRecording(world, getLiveRecording(world, req.params.recordingName), 'canceled', 'cancel');
      return noContent();
    })
    .add('POST', '/recordings/live/{recordingName}/stop', (req) => {
      finishRecording(world, getLiveRecording(world, req.params.recordingName), 'done', 'stop');
      return noContent();
    });
  for (const [method, path, paused] of [
    ['POST', 'pause', true],
    ['DELETE', 'pause', false],
    ['POST', 'mute', null],
    ['DELETE', 'mute', null],
  ] as const) {
    router.add(method, `/recordings/live/{recordingName}/${path}`, (req) => {
      const rec = getLiveRecording(world, req.params.recordingName);
      if (rec.state !== 'recording' && rec.state !== 'paused') throw conflict('Recording not in session');
      if (paused !== null) rec.state = paused ? 'paused' : 'recording';
      return noContent();
    });
  }
}
