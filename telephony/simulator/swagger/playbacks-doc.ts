/** `/api-docs/playbacks.json`. */
import { playbackModel } from './models-doc.ts';
import { api, operation as op, pathParam, query, type ResourceDoc } from './swagger-builder.ts';

const playbackId = pathParam('playbackId', "Playback's id");
const notFound: [number, string] = [404, 'The playback cannot be found'];

export const playbacksDoc: ResourceDoc = {
  resource: 'playbacks',
  description: 'Playback control resources',
  apis: [
    api('/playbacks/{playbackId}', 'Control object for a playback operation.', [
      op('GET', 'get', 'Playback', "Get a playback's details.", [playbackId], [notFound]),
      op('DELETE', 'stop', 'void', 'Stop a playback.', [playbackId], [notFound]),
    ]),
    api('/playbacks/{playbackId}/control', 'Control object for a playback operation.', [
      op(
        'POST',
        'control',
        'void',
        'Control a playback.',
        [
          playbackId,
          query('operation', 'Operation to perform on the playback.', {
            required: true,
            values: ['restart', 'pause', 'unpause', 'reverse', 'forward'],
          }),
        ],
        [
          [400, 'The provided operation parameter was invalid'],
          notFound,
          [409, "The operation cannot be performed in the playback's current state"],
        ],
      ),
    ]),
  ],
  models: [playbackModel],
};
