/** `/ari/channels...` routes. Operations that Asterisk runs on the channel's queue go through it. */
import { hangupReasonCauses } from '../ari-format.ts';
import { answerChannel, enterStasis, getChannel, getStasisChannel, leaveStasis } from '../channels.ts';
import { resumeDialplan, startDialplan } from '../dialplan-runner.ts';
import { sendDtmf } from '../dtmf.ts';
import { appHangup } from '../hangup.ts';
import { channelSnapshot, recordingSnapshot, type SimChannel } from '../model.ts';
import { type OriginateParams, originate } from '../originate.ts';
import { queuePlayback } from '../playbacks.ts';
import { startRecording } from '../recordings.ts';
import { AriError, badRequest } from '../sim-error.ts';
import { snoop } from '../snoop.ts';
import { readVariable, writeVariable } from '../variables.ts';
import type { SimWorld } from '../world.ts';
import {
  type AriRequest,
  type AriResponse,
  bodyVariables,
  boolParam,
  created,
  listParam,
  noContent,
  numberParam,
  ok,
  param,
  type Router,
} from './router.ts';

/** Runs `action` when the channel's queue reaches it, then answers 204 (e.g. `POST .../variable`, 11). */
export function whenQueueReaches(ch: SimChannel, action: () => void): Promise<AriResponse> {
  return new Promise((resolve) => {
    ch.queue.enqueue({
      run: (done) => {
        try {
          action();
          resolve(noContent());
        } catch (error) {
          resolve(
            error instanceof AriError
              ? { status: error.status, body: error.body }
              : { status: 500, body: { message: String(error) } },
          );
        } finally {
          done();
        }
      },
      cancel: () => resolve({ status: 404, body: { message: 'Channel not found' } }),
    });
  });
}

/** Runs `action` in the channel's queue but answers 204 at once (DTMF, music on hold). */
function inQueueLater(ch: SimChannel, action: (done: () => void) => void): AriResponse {
  ch.queue.enqueue({ run: action, cancel: () => {} });
  return noContent();
}

function originateParams(req: AriRequest, channelId?: string): OriginateParams {
  return {
    endpoint: param(req, 'endpoint'),
    extension: param(req, 'extension'),
    context: param(req, 'context'),
    priority: numberParam(req, 'priority'),
    app: param(req, 'app'),
    appArgs: param(req, 'appArgs'),
    callerId: param(req, 'callerId'),
    timeout: numberParam(req, 'timeout'),
    variables: bodyVariables(req),
    channelId: channelId ?? param(req, 'channelId'),
    otherChannelId: param(req, 'otherChannelId'),
  };
}

function snoopParams(req: AriRequest) {
  return {
    spy: param(req, 'spy'),
    whisper: param(req, 'whisper'),
    app: param(req, 'app'),
    appArgs: param(req, 'appArgs'),
    snoopId: param(req, 'snoopId'),
  };
}

function hangupCause(req: AriRequest): number {
  const code = numberParam(req, 'reason_code');
  if (code !== undefined) return code;
  const reason = param(req, 'reason');
  if (reason === undefined) return 16;
  const cause = hangupReasonCauses[reason];
  if (cause === undefined) throw badRequest('Invalid reason for hangup provided');
  return cause;
}

function play(world: SimWorld, req: AriRequest, playbackId?: string): AriResponse {
  const ch = getStasisChannel(world, req.params.channelId);
  const log = world.playRequestTimes;
  if (log) log.set(ch.id, [...(log.get(ch.id) ?? []), req.receivedAt]);
  const { snapshot } = queuePlayback(
    world,
    { kind: 'channel', channel: ch },
    {
      media: listParam(req, 'media'),
      lang: param(req, 'lang'),
      offsetms: numberParam(req, 'offsetms'),
      playbackId: playbackId ?? param(req, 'playbackId'),
    },
  );
  return created(snapshot);
}

/** Indications the simulator accepts without modelling them (no audio to ring or hold). */
const acknowledged: Array<[string, string]> = [
  ['POST', 'ring'],
  ['DELETE', 'ring'],
  ['POST', 'hold'],
  ['DELETE', 'hold'],
];

export function channelRoutes(router: Router, world: SimWorld): void {
  for (const [method, what] of acknowledged) {
    router.add(method, `/channels/{channelId}/${what}`, (req) => {
      getStasisChannel(world, req.params.channelId);
      return noContent();
    });
  }
  const live = () => [...world.channels.values()].filter((c) => !c.hangingUp && !c.destroyed);
  router
    .add('GET', '/channels', () => ok(live().map(channelSnapshot)))
    .add('POST', '/channels', (req) => ok(originate(world, originateParams(req)).snapshot))
    .add('GET', '/channels/{channelId}', (req) =>
      ok(channelSnapshot(getChannel(world, req.params.channelId))),
    )
    .add('POST', '/channels/{channelId}', (req) =>
      ok(originate(world, originateParams(req, req.params.channelId)).snapshot),
    )
    .add('DELETE', '/channels/{channelId}', (req) => {
      const ch = getChannel(world, req.params.channelId);
      appHangup(world, ch, hangupCause(req));
      return noContent();
    })
    .add('POST', '/channels/{channelId}/continue', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      leaveStasis(world, ch);
      const context = param(req, 'context');
      const extension = param(req, 'extension');
      if (context || extension) {
        ch.hasPbx = true;
        const priority = numberParam(req, 'priority') ?? 1;
        startDialplan(world, ch, context || ch.dialplan.context, extension || ch.dialplan.exten, priority);
      } else resumeDialplan(world, ch);
      return noContent();
    })
    .add('POST', '/channels/{channelId}/move', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      const app = param(req, 'app');
      if (!app) throw badRequest('Missing parameter app');
      const args = param(req, 'appArgs')?.split(',') ?? [];
      if (!world.bus.isRegistered(app)) {
        world.emitChannelFirst(ch, 'ApplicationMoveFailed', { destination: app, args });
        return noContent();
      }
      world.emitChannel(ch, 'StasisEnd');
      ch.stasisApp = null;
      enterStasis(world, ch, app, args);
      return noContent();
    })
    .add('POST', '/channels/{channelId}/redirect', (req) => {
      getStasisChannel(world, req.params.channelId);
      if (!param(req, 'endpoint')) throw badRequest('Required parameter endpoint not specified');
      return noContent(); // a Local channel accepts and ignores it (09)
    })
    .add('POST', '/channels/{channelId}/answer', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      return whenQueueReaches(ch, () => answerChannel(world, ch));
    })
    .add('POST', '/channels/{channelId}/dtmf', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      const dtmf = param(req, 'dtmf');
      if (!dtmf) throw badRequest('DTMF is required');
      const timing = {
        before: numberParam(req, 'before'),
        between: numberParam(req, 'between'),
        duration: numberParam(req, 'duration'),
      };
      return inQueueLater(ch, (done) => sendDtmf(world, ch, dtmf, timing, done));
    })
    .add('POST', '/channels/{channelId}/moh', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      const mohClass = param(req, 'mohClass') || 'default';
      return inQueueLater(ch, (done) => {
        if (ch.mohClass !== mohClass) world.note(ch, { kind: 'moh-started', mohClass, via: 'channel' });
        ch.mohClass = mohClass;
        done();
      });
    })
    .add('DELETE', '/channels/{channelId}/moh', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      return inQueueLater(ch, (done) => {
        if (ch.mohClass) world.note(ch, { kind: 'moh-stopped', via: 'channel' });
        ch.mohClass = null;
        done();
      });
    })
    .add('POST', '/channels/{channelId}/play', (req) => play(world, req))
    .add('POST', '/channels/{channelId}/play/{playbackId}', (req) => play(world, req, req.params.playbackId))
    .add('POST', '/channels/{channelId}/record', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      const rec = startRecording(
        world,
        { kind: 'channel', channel: ch },
        {
          name: param(req, 'name'),
          format: param(req, 'format'),
          maxDurationSeconds: numberParam(req, 'maxDurationSeconds'),
          maxSilenceSeconds: numberParam(req, 'maxSilenceSeconds'),
          ifExists: param(req, 'ifExists'),
          beep: boolParam(req, 'beep'),
          terminateOn: param(req, 'terminateOn'),
        },
      );
      return created(recordingSnapshot(rec));
    })
    .add('POST', '/channels/{channelId}/snoop', (req) =>
      ok(channelSnapshot(snoop(world, req.params.channelId, snoopParams(req)))),
    )
    .add('POST', '/channels/{channelId}/snoop/{snoopId}', (req) =>
      ok(
        channelSnapshot(
          snoop(world, req.params.channelId, { ...snoopParams(req), snoopId: req.params.snoopId }),
        ),
      ),
    )
    .add('GET', '/channels/{channelId}/variable', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      return ok({ value: readVariable(ch, param(req, 'variable')) });
    })
    .add('POST', '/channels/{channelId}/variable', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      const name = param(req, 'variable');
      if (!name) throw badRequest('Variable name is required');
      const value = param(req, 'value');
      return whenQueueReaches(ch, () => writeVariable(world, ch, name, value));
    })
    .add('GET', '/channels/{channelId}/variables', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      const names = listParam(req, 'variables');
      if (names.length === 0) throw badRequest('Variables are required');
      const variables: Record<string, string> = {};
      for (const name of names) variables[name] = readVariable(ch, name);
      return ok({ variables });
    })
    .add('POST', '/channels/{channelId}/variables', (req) => {
      const ch = getStasisChannel(world, req.params.channelId);
      const vars = bodyVariables(req);
      if (!vars) throw badRequest('Variables are required');
      return whenQueueReaches(ch, () => {
        for (const [k, v] of Object.entries(vars)) writeVariable(world, ch, k, v);
      });
    });
}
