/** `/ari/bridges...` routes. */
import {
  addChannels,
  createBridge,
  destroyBridge,
  getBridge,
  removeChannels,
  startBridgeMoh,
  stopBridgeMoh,
} from '../bridges.ts';
import { bridgeSnapshot, recordingSnapshot } from '../model.ts';
import { queuePlayback } from '../playbacks.ts';
import { startRecording } from '../recordings.ts';
import type { SimWorld } from '../world.ts';
import {
  type AriRequest,
  boolParam,
  created,
  listParam,
  noContent,
  numberParam,
  ok,
  param,
  type Router,
} from './router.ts';

function create(world: SimWorld, req: AriRequest, bridgeId?: string) {
  const bridge = createBridge(world, {
    type: param(req, 'type'),
    bridgeId: bridgeId ?? param(req, 'bridgeId'),
    name: param(req, 'name'),
  });
  return ok(bridgeSnapshot(bridge));
}

function play(world: SimWorld, req: AriRequest, playbackId?: string) {
  const bridge = getBridge(world, req.params.bridgeId);
  const { snapshot } = queuePlayback(
    world,
    { kind: 'bridge', bridge },
    {
      media: listParam(req, 'media'),
      lang: param(req, 'lang'),
      offsetms: numberParam(req, 'offsetms'),
      playbackId: playbackId ?? param(req, 'playbackId'),
    },
  );
  return created(snapshot);
}

export function bridgeRoutes(router: Router, world: SimWorld): void {
  router
    .add('GET', '/bridges', () => ok([...world.bridges.values()].map(bridgeSnapshot)))
    .add('POST', '/bridges', (req) => create(world, req))
    .add('POST', '/bridges/{bridgeId}', (req) => create(world, req, req.params.bridgeId))
    .add('GET', '/bridges/{bridgeId}', (req) => ok(bridgeSnapshot(getBridge(world, req.params.bridgeId))))
    .add('DELETE', '/bridges/{bridgeId}', (req) => {
      destroyBridge(world, getBridge(world, req.params.bridgeId));
      return noContent();
    })
    .add('POST', '/bridges/{bridgeId}/addChannel', (req) => {
      addChannels(world, getBridge(world, req.params.bridgeId), listParam(req, 'channel'));
      return noContent();
    })
    .add('POST', '/bridges/{bridgeId}/removeChannel', (req) => {
      removeChannels(world, getBridge(world, req.params.bridgeId), listParam(req, 'channel'));
      return noContent();
    })
    .add('POST', '/bridges/{bridgeId}/moh', (req) => {
      startBridgeMoh(world, getBridge(world, req.params.bridgeId), param(req, 'mohClass'));
      return noContent();
    })
    .add('DELETE', '/bridges/{bridgeId}/moh', (req) => {
      stopBridgeMoh(world, getBridge(world, req.params.bridgeId));
      return noContent();
    })
    .add('POST', '/bridges/{bridgeId}/play', (req) => play(world, req))
    .add('POST', '/bridges/{bridgeId}/play/{playbackId}', (req) => play(world, req, req.params.playbackId))
    .add('POST', '/bridges/{bridgeId}/record', (req) => {
      const bridge = getBridge(world, req.params.bridgeId);
      const rec = startRecording(
        world,
        { kind: 'bridge', bridge },
        {
          name: param(req, 'name'),
          format: param(req, 'format'),
          maxDurationSeconds: numberParam(req, 'maxDurationSeconds'),
          ifExists: param(req, 'ifExists'),
          beep: boolParam(req, 'beep'),
          terminateOn: param(req, 'terminateOn'),
        },
      );
      return created(recordingSnapshot(rec));
    });
}
