/** `/api-docs/channels.json`: the channel operations the simulator implements. */
import {
  callerIdModel,
  channelModel,
  dialplanModel,
  liveRecordingModel,
  playbackModel,
  variableModel,
} from './models-doc.ts';
import { api, body, operation as op, pathParam, query, type ResourceDoc } from './swagger-builder.ts';

const channelId = pathParam('channelId', "Channel's id");
const notFound: [number, string] = [404, 'Channel not found'];
const notInStasis: [number, string] = [409, 'Channel not in a Stasis application'];

const originateParams = [
  query('endpoint', 'Endpoint to call.', { required: true }),
  query('extension', 'The extension to dial after the endpoint answers. Mutually exclusive with app.'),
  query('context', 'The context to dial after the endpoint answers.'),
  query('priority', 'The priority to dial after the endpoint answers.', { type: 'long' }),
  query('label', 'The label to dial after the endpoint answers.'),
  query('app', 'The Stasis application the channel is given to once answered.'),
  query('appArgs', 'Comma separated application arguments (StasisStart args).'),
  query('callerId', 'CallerID to use when dialing the endpoint or extension.'),
  query('timeout', 'Timeout (in seconds) before giving up dialing, or -1 for no timeout.', {
    type: 'int',
    default: 30,
  }),
  body('variables', 'The "variables" key in the body object holds variable key/value pairs to set.'),
  query('otherChannelId', 'The unique id to assign the second channel when using local channels.'),
  query('originator', 'The unique id of the channel which is originating this one.'),
  query('formats', 'The format name capability list to use if originator is not specified.'),
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

const direction = ['none', 'both', 'out', 'in'];
const snoopParams = [
  query('spy', 'Direction of audio to spy on', { default: 'none', values: direction }),
  query('whisper', 'Direction of audio to whisper into', { default: 'none', values: direction }),
  query('app', 'Application the snooping channel is placed into', { required: true }),
  query('appArgs', 'The application arguments to pass to the Stasis application'),
];

export const channelsDoc: ResourceDoc = {
  resource: 'channels',
  description: 'Channel resources',
  apis: [
    api('/channels', 'Active channels', [
      op('GET', 'list', 'List[Channel]', 'List all active channels in Asterisk.'),
      op(
        'POST',
        'originate',
        'Channel',
        'Create a new channel (originate).',
        [...originateParams, query('channelId', 'The unique id to assign the channel on creation.')],
        [
          [400, 'Invalid parameters for originating a channel.'],
          [409, 'Channel with given unique ID already exists.'],
        ],
      ),
    ]),
    api('/channels/{channelId}', 'Active channel', [
      op('GET', 'get', 'Channel', 'Channel details.', [channelId], [notFound]),
      op(
        'POST',
        'originateWithId',
        'Channel',
        'Create a new channel (originate with id).',
        [channelId, ...originateParams],
        [
          [400, 'Invalid parameters for originating a channel.'],
          [409, 'Channel with given unique ID already exists.'],
        ],
      ),
      op(
        'DELETE',
        'hangup',
        'void',
        'Delete (i.e. hangup) a channel.',
        [
          channelId,
          query('reason_code', 'The reason code for hanging up the channel for detail use.'),
          query('reason', 'Reason for hanging up the channel for simple use.', {
            values: [
              'normal',
              'busy',
              'congestion',
              'no_answer',
              'timeout',
              'rejected',
              'unallocated',
              'normal_unspecified',
              'number_incomplete',
              'codec_mismatch',
              'interworking',
              'failure',
              'answered_elsewhere',
            ],
          }),
        ],
        [notFound],
      ),
    ]),
    api('/channels/{channelId}/continue', 'Exit application; continue execution in the dialplan', [
      op(
        'POST',
        'continueInDialplan',
        'void',
        'Exit application; continue execution in the dialplan.',
        [
          channelId,
          query('context', 'The context to continue to.'),
          query('extension', 'The extension to continue to.'),
          query('priority', 'The priority to continue to.', { type: 'int' }),
          query('label', 'The label to continue to.'),
        ],
        [notFound, notInStasis],
      ),
    ]),
    api('/channels/{channelId}/move', 'Move the channel from one Stasis application to another.', [
      op(
        'POST',
        'move',
        'void',
        'Move the channel from one Stasis application to another.',
        [
          channelId,
          query('app', 'The channel will be passed to this Stasis application.', { required: true }),
          query('appArgs', 'The application arguments to pass to the Stasis application.'),
        ],
        [notFound, notInStasis],
      ),
    ]),
    api(
      '/channels/{channelId}/redirect',
      'Inform the channel that it should redirect itself to a different location.',
      [
        op(
          'POST',
          'redirect',
          'void',
          'Redirect the channel to a different location.',
          [channelId, query('endpoint', 'The endpoint to redirect the channel to', { required: true })],
          [notFound, notInStasis],
        ),
      ],
    ),
    api('/channels/{channelId}/answer', 'Answer a channel', [
      op('POST', 'answer', 'void', 'Answer a channel.', [channelId], [notFound, notInStasis]),
    ]),
    api('/channels/{channelId}/ring', 'Send a ringing indication to a channel', [
      op('POST', 'ring', 'void', 'Indicate ringing to a channel.', [channelId], [notFound, notInStasis]),
      op(
        'DELETE',
        'ringStop',
        'void',
        'Stop ringing indication on a channel if locally generated.',
        [channelId],
        [notFound, notInStasis],
      ),
    ]),
    api('/channels/{channelId}/dtmf', 'Send DTMF to a channel', [
      op(
        'POST',
        'sendDTMF',
        'void',
        'Send provided DTMF to a given channel.',
        [
          channelId,
          query('dtmf', 'DTMF To send.'),
          query('before', 'Amount of time to wait before DTMF digits (specified in milliseconds) start.', {
            type: 'int',
          }),
          query('between', 'Amount of time in between DTMF digits (specified in milliseconds).', {
            type: 'int',
            default: 100,
          }),
          query('duration', 'Length of each DTMF digit (specified in milliseconds).', {
            type: 'int',
            default: 100,
          }),
          query('after', 'Amount of time to wait after DTMF digits (specified in milliseconds) end.', {
            type: 'int',
          }),
        ],
        [[400, 'DTMF is required'], notFound, notInStasis],
      ),
    ]),
    api('/channels/{channelId}/hold', 'Put a channel on hold', [
      op('POST', 'hold', 'void', 'Hold a channel.', [channelId], [notFound, notInStasis]),
      op('DELETE', 'unhold', 'void', 'Remove a channel from hold.', [channelId], [notFound, notInStasis]),
    ]),
    api('/channels/{channelId}/moh', 'Play music on hold to a channel', [
      op(
        'POST',
        'startMoh',
        'void',
        'Play music on hold to a channel.',
        [channelId, query('mohClass', 'Music on hold class to use')],
        [notFound, notInStasis],
      ),
      op(
        'DELETE',
        'stopMoh',
        'void',
        'Stop playing music on hold to a channel.',
        [channelId],
        [notFound, notInStasis],
      ),
    ]),
    api('/channels/{channelId}/play', 'Play media to a channel', [
      op(
        'POST',
        'play',
        'Playback',
        'Start playback of media.',
        [...[channelId], ...playParams, query('playbackId', 'Playback ID.')],
        [notFound, notInStasis],
      ),
    ]),
    api('/channels/{channelId}/play/{playbackId}', 'Play media to a channel', [
      op(
        'POST',
        'playWithId',
        'Playback',
        'Start playback of media and specify the playbackId.',
        [channelId, pathParam('playbackId', 'Playback ID.'), ...playParams],
        [notFound, notInStasis],
      ),
    ]),
    api('/channels/{channelId}/record', 'Record audio from a channel', [
      op(
        'POST',
        'record',
        'LiveRecording',
        'Start a recording.',
        [
          channelId,
          query('name', "Recording's filename", { required: true }),
          query('format', 'Format to encode audio in', { required: true }),
          query('maxDurationSeconds', 'Maximum duration of the recording, in seconds. 0 for no limit', {
            type: 'int',
            default: 0,
          }),
          query('maxSilenceSeconds', 'Maximum duration of silence, in seconds. 0 for no limit', {
            type: 'int',
            default: 0,
          }),
          query('ifExists', 'Action to take if a recording with the same name already exists.', {
            default: 'fail',
            values: ['fail', 'overwrite', 'append'],
          }),
          query('beep', 'Play beep when recording begins', { type: 'boolean', default: false }),
          query('terminateOn', 'DTMF input to terminate recording', {
            default: 'none',
            values: ['none', 'any', '*', '#'],
          }),
        ],
        [
          [400, 'Invalid parameters'],
          notFound,
          [409, 'Recording with the same name already exists'],
          [422, 'The format specified is unknown'],
        ],
      ),
    ]),
    api('/channels/{channelId}/snoop', 'Snoop (spy/whisper) on a channel', [
      op(
        'POST',
        'snoopChannel',
        'Channel',
        'Start snooping.',
        [channelId, ...snoopParams, query('snoopId', 'Unique ID to assign to snooping channel')],
        [[400, 'Invalid parameters'], notFound],
      ),
    ]),
    api('/channels/{channelId}/snoop/{snoopId}', 'Snoop (spy/whisper) on a channel', [
      op(
        'POST',
        'snoopChannelWithId',
        'Channel',
        'Start snooping with a given snoop channel id.',
        [channelId, pathParam('snoopId', 'Unique ID to assign to snooping channel'), ...snoopParams],
        [[400, 'Invalid parameters'], notFound],
      ),
    ]),
    api('/channels/{channelId}/variable', 'Variables on a channel', [
      op(
        'GET',
        'getChannelVar',
        'Variable',
        'Get the value of a channel variable or function.',
        [channelId, query('variable', 'The channel variable or function to get', { required: true })],
        [[400, 'Missing variable parameter.'], [404, 'Channel or variable not found'], notInStasis],
      ),
      op(
        'POST',
        'setChannelVar',
        'void',
        'Set the value of a channel variable or function.',
        [
          channelId,
          query('variable', 'The channel variable or function to set', { required: true }),
          query('value', 'The value to set the variable to'),
        ],
        [[400, 'Missing variable parameter.'], notFound, notInStasis],
      ),
    ]),
    api('/channels/{channelId}/variables', 'Variables on a channel', [
      op(
        'GET',
        'getChannelVars',
        'Variables',
        'Get the values of several channel variables or functions.',
        [
          channelId,
          query('variables', 'The channel variables or functions to get', { required: true, multiple: true }),
        ],
        [[404, 'Channel or variable not found'], notInStasis],
      ),
      op(
        'POST',
        'setChannelVars',
        'void',
        'Set the values of several channel variables or functions.',
        [
          channelId,
          body('variables', 'The "variables" key in the body object holds variable key/value pairs to set.', {
            required: true,
          }),
        ],
        [notFound, notInStasis],
      ),
    ]),
  ],
  models: [channelModel, callerIdModel, dialplanModel, playbackModel, liveRecordingModel, variableModel],
};
