/** `/api-docs/recordings.json`. */
import { liveRecordingModel, storedRecordingModel } from './models-doc.ts';
import { api, operation as op, pathParam, query, type ResourceDoc } from './swagger-builder.ts';

const recordingName = pathParam('recordingName', 'The name of the recording');
const notFound: [number, string] = [404, 'Recording not found'];

export const recordingsDoc: ResourceDoc = {
  resource: 'recordings',
  description: 'Recording resources',
  apis: [
    api('/recordings/stored', 'Recordings', [
      op('GET', 'listStored', 'List[StoredRecording]', 'List recordings that are complete.'),
    ]),
    api('/recordings/stored/{recordingName}', 'Individual recording', [
      op(
        'GET',
        'getStored',
        'StoredRecording',
        "Get a stored recording's details.",
        [recordingName],
        [notFound],
      ),
      op('DELETE', 'deleteStored', 'void', 'Delete a stored recording.', [recordingName], [notFound]),
    ]),
    api('/recordings/stored/{recordingName}/copy', 'Copy an individual recording', [
      op(
        'POST',
        'copyStored',
        'StoredRecording',
        'Copy a stored recording.',
        [
          recordingName,
          query('destinationRecordingName', 'The destination name of the recording', { required: true }),
        ],
        [notFound, [409, 'A recording with the same name already exists on the system']],
      ),
    ]),
    api('/recordings/live/{recordingName}', 'A recording that is in progress', [
      op('GET', 'getLive', 'LiveRecording', 'List live recordings.', [recordingName], [notFound]),
      op('DELETE', 'cancel', 'void', 'Stop a live recording and discard it.', [recordingName], [notFound]),
    ]),
    api('/recordings/live/{recordingName}/stop', '', [
      op('POST', 'stop', 'void', 'Stop a live recording and store it.', [recordingName], [notFound]),
    ]),
    api('/recordings/live/{recordingName}/pause', '', [
      op(
        'POST',
        'pause',
        'void',
        'Pause a live recording.',
        [recordingName],
        [notFound, [409, 'Recording not in session']],
      ),
      op(
        'DELETE',
        'unpause',
        'void',
        'Unpause a live recording.',
        [recordingName],
        [notFound, [409, 'Recording not in session']],
      ),
    ]),
    api('/recordings/live/{recordingName}/mute', '', [
      op(
        'POST',
        'mute',
        'void',
        'Mute a live recording.',
        [recordingName],
        [notFound, [409, 'Recording not in session']],
      ),
      op(
        'DELETE',
        'unmute',
        'void',
        'Unmute a live recording.',
        [recordingName],
        [notFound, [409, 'Recording not in session']],
      ),
    ]),
  ],
  models: [liveRecordingModel, storedRecordingModel],
};
