/**
 * `/api-docs/events.json`: the WebSocket operation and a model for every event type the simulator
 * emits. ari-client looks each incoming event's `type` up here (an unknown one crashes it) and turns
 * properties typed Channel, Bridge, Playback or LiveRecording into resource objects.
 */
import {
  api,
  model,
  operation as op,
  query,
  type ResourceDoc,
  type SwaggerModel,
} from './swagger-builder.ts';

const base: Record<string, string | [string, boolean]> = {
  type: 'string',
  application: 'string',
  timestamp: 'Date',
  asterisk_id: ['string', false],
};

function event(
  id: string,
  description: string,
  properties: Record<string, string | [string, boolean]> = {},
): SwaggerModel {
  return model(id, description, { ...base, ...properties });
}

const channelEvent = (
  id: string,
  description: string,
  extra: Record<string, string | [string, boolean]> = {},
) => event(id, description, { ...extra, channel: 'Channel' });

/** Every event type the simulator can send (see world.ts emitters). */
export const eventModels: SwaggerModel[] = [
  model('Message', 'Base type for errors and events', { type: 'string', asterisk_id: ['string', false] }),
  model('Event', 'Base type for asynchronous events from Asterisk.', {
    application: 'string',
    timestamp: 'Date',
  }),
  event('ApplicationReplaced', 'Notification that another WebSocket has taken over for an application.'),
  channelEvent(
    'ApplicationMoveFailed',
    'Notification that trying to move a channel to another Stasis application failed.',
    {
      destination: 'string',
      args: 'List[string]',
    },
  ),
  event('BridgeCreated', 'Notification that a bridge has been created.', { bridge: 'Bridge' }),
  event('BridgeDestroyed', 'Notification that a bridge has been destroyed.', { bridge: 'Bridge' }),
  channelEvent('ChannelCreated', 'Notification that a channel has been created.'),
  channelEvent('ChannelDestroyed', 'Notification that a channel has been destroyed.', {
    cause: 'int',
    cause_txt: 'string',
  }),
  channelEvent('ChannelEnteredBridge', 'Notification that a channel has entered a bridge.', {
    bridge: 'Bridge',
  }),
  channelEvent('ChannelLeftBridge', 'Notification that a channel has left a bridge.', { bridge: 'Bridge' }),
  channelEvent('ChannelStateChange', "Notification of a channel's state change."),
  channelEvent('ChannelDtmfReceived', 'DTMF received on a channel.', { digit: 'string', duration_ms: 'int' }),
  channelEvent('ChannelDialplan', 'Channel changed location in the dialplan.', {
    dialplan_app: 'string',
    dialplan_app_data: 'string',
  }),
  channelEvent('ChannelCallerId', 'Channel changed Caller ID.', {
    caller_presentation: 'int',
    caller_presentation_txt: 'string',
  }),
  channelEvent('ChannelConnectedLine', 'Channel changed Connected Line.'),
  channelEvent('ChannelHangupRequest', 'A hangup was requested on the channel.', {
    cause: ['int', false],
    soft: ['boolean', false],
  }),
  event('ChannelVarset', 'Channel variable changed.', {
    variable: 'string',
    value: 'string',
    channel: ['Channel', false],
  }),
  event('Dial', 'Dialing state has changed.', {
    caller: ['Channel', false],
    peer: 'Channel',
    forward: ['string', false],
    forwarded: ['Channel', false],
    dialstring: ['string', false],
    dialstatus: 'string',
  }),
  event('PlaybackStarted', 'Event showing the start of a media playback operation.', {
    playback: 'Playback',
  }),
  event(
    'PlaybackContinuing',
    'Event showing the continuation of a media playback operation from one media URI to the next in the list.',
    {
      playback: 'Playback',
    },
  ),
  event('PlaybackFinished', 'Event showing the completion of a media playback operation.', {
    playback: 'Playback',
  }),
  event('RecordingStarted', 'Event showing the start of a recording operation.', {
    recording: 'LiveRecording',
  }),
  event('RecordingFinished', 'Event showing the completion of a recording operation.', {
    recording: 'LiveRecording',
  }),
  event('RecordingFailed', 'Event showing failure of a recording operation.', { recording: 'LiveRecording' }),
  channelEvent('StasisEnd', 'Notification that a channel has left a Stasis application.'),
  event('StasisStart', 'Notification that a channel has entered a Stasis application.', {
    args: 'List[string]',
    channel: 'Channel',
    replace_channel: ['Channel', false],
  }),
];

export const eventsDoc: ResourceDoc = {
  resource: 'events',
  description: 'WebSocket resource',
  apis: [
    api('/events', 'Events from Asterisk to applications', [
      op('GET', 'eventWebsocket', 'Message', 'WebSocket connection for events.', [
        query('app', 'Applications to subscribe to.', { required: true, multiple: true }),
        query('subscribeAll', 'Subscribe to all Asterisk events.', { type: 'boolean' }),
      ]),
    ]),
  ],
  models: eventModels,
};
