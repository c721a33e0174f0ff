/** Data models shared by several resource files. */
import { model } from './swagger-builder.ts';

export const callerIdModel = model('CallerID', 'Caller identification', { name: 'string', number: 'string' });

export const dialplanModel = model('DialplanCEP', 'Dialplan location (context/extension/priority)', {
  context: 'string',
  exten: 'string',
  priority: 'long',
  app_name: 'string',
  app_data: 'string',
});

export const channelModel = model(
  'Channel',
  'A specific communication connection between Asterisk and an Endpoint.',
  {
    id: 'string',
    name: 'string',
    state: 'string',
    protocol_id: 'string',
    caller: 'CallerID',
    connected: 'CallerID',
    accountcode: 'string',
    dialplan: 'DialplanCEP',
    creationtime: 'Date',
    language: 'string',
  },
);

export const bridgeModel = model('Bridge', 'The merging of media from one or more channels.', {
  id: 'string',
  technology: 'string',
  bridge_type: 'string',
  bridge_class: 'string',
  creator: 'string',
  name: 'string',
  channels: 'List[string]',
  creationtime: 'Date',
  video_mode: ['string', false],
});

export const playbackModel = model('Playback', 'Object representing the playback of media to a channel', {
  id: 'string',
  media_uri: 'string',
  next_media_uri: ['string', false],
  target_uri: 'string',
  language: ['string', false],
  state: 'string',
});

export const liveRecordingModel = model('LiveRecording', 'A recording that is in progress', {
  name: 'string',
  format: 'string',
  target_uri: 'string',
  state: 'string',
  duration: ['int', false],
  cause: ['string', false],
});

export const storedRecordingModel = model('StoredRecording', 'A past recording that may be played back.', {
  name: 'string',
  format: 'string',
});

export const variableModel = model('Variable', 'The value of a channel variable', { value: 'string' });
