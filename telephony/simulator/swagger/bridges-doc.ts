/** `/api-docs/bridges.json`. */
import { bridgeModel, liveRecordingModel, playbackModel } from './models-doc.ts';
import { api, body, operation as op, pathParam, query, type ResourceDoc } from './swagger-builder.ts';

const bridgeId = pathParam('bridgeId', "Bridge's id");
const notFound: [number, string] = [404, 'Bridge not found'];
const createParams = [
  query(
    'type',
    'Comma separated list of bridge type attributes (mixing, holding, dtmf_events, proxy_media).',
  ),
  query('name', 'Name to give to the bridge being created.'),
  body('variables', 'The "variables" key in the body object holds variable key/value pairs to set.'),
];
const playParams = [
  query('media', 'Media URIs to play.', { required: true, multiple: true }),
  query('lang', 'For sounds, selects language for sound.'),
  query('offsetms', 'Number of milliseconds to skip before playing.', { type: 'int' }),
  query('skipms', 'Number of milliseconds to skip for forward/reverse operations.', {
    type: 'int',
    default: 3000,
  }),
];

export const bridgesDoc: ResourceDoc = {
  resource: 'bridges',
  description: 'Bridge resources',
  apis: [
    api('/bridges', 'Active bridges', [
      op('GET', 'list', 'List[Bridge]', 'List all active bridges in Asterisk.'),
      op(
        'POST',
        'create',
        'Bridge',
        'Create a new bridge.',
        [...createParams, query('bridgeId', 'Unique ID to give to the bridge being created.')],
        [[409, 'Bridge with the same bridgeId already exists']],
      ),
    ]),
    api('/bridges/{bridgeId}', 'Individual bridge', [
      op(
        'POST',
        'createWithId',
        'Bridge',
        'Create a new bridge with the given id.',
        [bridgeId, ...createParams],
        [[409, 'Bridge with the same bridgeId already exists']],
      ),
      op('GET', 'get', 'Bridge', 'Get bridge details.', [bridgeId], [notFound]),
      op('DELETE', 'destroy', 'void', 'Shut down a bridge.', [bridgeId], [notFound]),
    ]),
    api('/bridges/{bridgeId}/addChannel', 'Add a channel to a bridge', [
      op(
        'POST',
        'addChannel',
        'void',
        'Add a channel to a bridge.',
        [
          bridgeId,
          query('channel', 'Ids of channels to add to bridge', { required: true, multiple: true }),
          query('role', "Channel's role in the bridge"),
          query(
            'absorbDTMF',
            'Absorb DTMF coming from this channel, preventing it to pass through to the bridge',
            { type: 'boolean', default: false },
          ),
          query('mute', 'Mute audio from this channel, preventing it to pass through to the bridge', {
            type: 'boolean',
            default: false,
          }),
        ],
        [
          [400, 'Channel not found'],
          notFound,
          [409, 'Bridge not in Stasis application; Channel currently recording'],
          [422, 'Channel not in Stasis application'],
        ],
      ),
    ]),
    api('/bridges/{bridgeId}/removeChannel', 'Remove a channel from a bridge', [
      op(
        'POST',
        'removeChannel',
        'void',
        'Remove a channel from a bridge.',
        [
          bridgeId,
          query('channel', 'Ids of channels to remove from bridge', { required: true, multiple: true }),
        ],
        [[400, 'Channel not found'], notFound, [422, 'Channel not in this bridge']],
      ),
    ]),
    api('/bridges/{bridgeId}/moh', 'Play music on hold to a bridge', [
      op(
        'POST',
        'startMoh',
        'void',
        'Play music on hold to a bridge or change the MOH class that is playing.',
        [bridgeId, query('mohClass', "Channel's id")],
        [notFound],
      ),
      op(
        'DELETE',
        'stopMoh',
        'void',
        'Stop playing music on hold to a bridge.',
        [bridgeId],
        [notFound, [409, "Bridge isn't playing music"]],
      ),
    ]),
    api('/bridges/{bridgeId}/play', 'Play media to the participants of a bridge', [
      op(
        'POST',
        'play',
        'Playback',
        'Start playback of media on a bridge.',
        [bridgeId, ...playParams, query('playbackId', 'Playback Id.')],
        [notFound],
      ),
    ]),
    api('/bridges/{bridgeId}/play/{playbackId}', 'Play media to a bridge', [
      op(
        'POST',
        'playWithId',
        'Playback',
        'Start playback of media on a bridge with the given playback id.',
        [bridgeId, pathParam('playbackId', 'Playback ID.'), ...playParams],
        [notFound],
      ),
    ]),
    api('/bridges/{bridgeId}/record', 'Record audio on a bridge', [
      op(
        'POST',
        'record',
        'LiveRecording',
        'Start a recording.',
        [
          bridgeId,
          query('name', "Recording's filename", { required: true }),
          query('format', 'Format to encode audio in', { required: true }),
          query('maxDurationSeconds', 'Maximum duration of the recording, in seconds. 0 for no limit.', {
            type: 'int',
            default: 0,
          }),
          query('maxSilenceSeconds', 'Maximum duration of silence, in seconds. 0 for no limit.', {
            type: 'int',
            default: 0,
          }),
          query('ifExists', 'Action to take if a recording with the same name already exists.', {
            default: 'fail',
            values: ['fail', 'overwrite', 'append'],
          }),
          query('beep', 'Play beep when recording begins', { type: 'boolean', default: false }),
          query('terminateOn', 'DTMF input to terminate recording.', {
            default: 'none',
            values: ['none', 'any', '*', '#'],
          }),
        ],
        [[400, 'Invalid parameters'], notFound, [409, 'Recording with the same name already exists']],
      ),
    ]),
  ],
  models: [bridgeModel, playbackModel, liveRecordingModel],
};
